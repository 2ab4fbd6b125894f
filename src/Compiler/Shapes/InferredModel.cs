using StaticNet.Compiler.Model;

namespace StaticNet.Compiler.Shapes;

/// <summary>One line of torchsummary's table: a leaf layer as it finishes, its output shape and parameter count.</summary>
internal sealed record SummaryRow(string TypeName, ShapeSpec Output, long Parameters, bool Trainable);

/// <summary>A layer method's input and output shape at its first call in the forward body.</summary>
internal sealed record LayerShapes(string MemberName, ShapeSpec Input, ShapeSpec Output);

/// <summary>
/// A model with its shapes inferred: every value of the forward data flow (index 0 is the input), the summary rows in
/// execution order, and what went wrong. <see cref="Errors"/> block generation; <see cref="Notes"/> (an unused layer,
/// a construct the tracer does not understand) do not. <see cref="LayerOutputs"/> holds, per op, the output of each layer
/// of a layer method in order (a Sequential's intermediate shapes; the last is the op's value), empty for other ops.
/// </summary>
internal sealed record InferredModel(
    ModelSpec Model,
    EquatableArray<ShapeSpec> Values,
    EquatableArray<EquatableArray<ShapeSpec>> LayerOutputs,
    EquatableArray<SummaryRow> Summary,
    EquatableArray<LayerShapes> LayerShapes,
    EquatableArray<DiagnosticInfo> Errors,
    EquatableArray<DiagnosticInfo> Notes)
{
    /// <summary>True when the forward body was traced and every shape is known: Summary and shape docs can be emitted.</summary>
    public bool IsTraced => Values.Count > 0 && Errors.Count == 0;

    public ShapeSpec? Output(int index) => Model.Forward is { } f && IsTraced && index < f.Outputs.Count ? Values[f.Outputs[index]] : null;
}
