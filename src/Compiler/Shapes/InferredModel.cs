using System.Linq;
using StaticNet.Compiler.Model;

namespace StaticNet.Compiler.Shapes;

/// <summary>One line of torchsummary's table: a leaf layer as it finishes, its output shape and parameter count.</summary>
internal sealed record SummaryRow(string TypeName, ShapeSpec Output, long Parameters, bool Trainable);

/// <summary>A layer method's input and output shape at its first call in the forward body.</summary>
internal sealed record LayerShapes(string MemberName, ShapeSpec Input, ShapeSpec Output);

/// <summary>
/// A declared model used as layer <paramref name="Layer"/> of forward op <paramref name="Op"/>, inferred at the shape
/// that reaches it: kept so lowering inlines the block from the same inference instead of running it again.
/// </summary>
internal sealed record BlockInference(int Op, int Layer, InferredModel Inner);

/// <summary>
/// A model with its shapes inferred: every value of the forward data flow (index 0 is the input), the summary rows in
/// execution order, and what went wrong. <see cref="Errors"/> block generation; <see cref="Notes"/> (an unused layer,
/// a construct the tracer does not understand) do not. <see cref="LayerOutputs"/> holds, per op, the output of each layer
/// of a layer method in order (a Sequential's intermediate shapes; the last is the op's value), empty for other ops;
/// <see cref="Blocks"/> the inner inference of every declared model used as a layer.
/// </summary>
internal sealed record InferredModel(
    ModelSpec Model,
    EquatableArray<ShapeSpec> Values,
    EquatableArray<EquatableArray<ShapeSpec>> LayerOutputs,
    EquatableArray<SummaryRow> Summary,
    EquatableArray<LayerShapes> LayerShapes,
    EquatableArray<DiagnosticInfo> Errors,
    EquatableArray<DiagnosticInfo> Notes,
    EquatableArray<BlockInference> Blocks)
{
    /// <summary>True when the forward body was traced and every shape is known: Summary and shape docs can be emitted.</summary>
    public bool IsTraced => Values.Count > 0 && Errors.Count == 0;

    /// <summary>The inner inference of the block that is layer <paramref name="layer"/> of forward op <paramref name="op"/>.</summary>
    public InferredModel Block(int op, int layer) => Blocks.First(b => b.Op == op && b.Layer == layer).Inner;

    public ShapeSpec? Output(int index) => Model.Forward is { } f && IsTraced && index < f.Outputs.Count ? Values[f.Outputs[index]] : null;
}
