using System.Linq;
using StaticNet.Compiler.Model;
using StaticNet.Compiler.Shapes;

namespace StaticNet.Generators.Emit;

/// <summary>
/// Emits the <c>IDeclaredModel</c> part of a traced model: its forward pass as a static <c>ForwardGraph</c> (the traced
/// ops with layer module names, every value's inferred shape, the outputs), which the ONNX exporter and TensorBoard's
/// <c>AddGraph</c> walk instead of tracing the model at run time.
/// </summary>
internal static class ForwardGraphEmitter
{
    private const string NN = "global::StaticNet.NN.";

    /// <summary>Writes a second partial declaration of the model class; nothing when the forward was not traced.</summary>
    public static void Emit(SourceWriter w, InferredModel inferred)
    {
        if (!inferred.IsTraced || inferred.Model.Forward is not { } forward) return;
        var model = inferred.Model;
        w.WriteLine();
        w.WriteLine($"partial class {model.ClassName} : {NN}IDeclaredModel");
        using (w.OpenBlock())
        {
            w.WriteLine($"private static readonly {NN}ForwardGraph s_staticNetForwardGraph = new({Literals.Of(model.ClassName)},");
            w.Indent();
            w.WriteLine("[");
            w.Indent();
            foreach (var value in inferred.Values) w.WriteLine(Shape(value) + ",");
            w.Unindent();
            w.WriteLine("],");
            w.WriteLine("[");
            w.Indent();
            foreach (var op in forward.Ops) w.WriteLine(Op(model, op) + ",");
            w.Unindent();
            w.WriteLine("],");
            w.WriteLine("[" + string.Join(", ", forward.Outputs.Select(o => Literals.Of(o))) + "],");
            w.WriteLine("[" + string.Join(", ", forward.OutputNames.Select(Literals.Of)) + "]);");
            w.Unindent();
            w.WriteLine();
            w.WriteLine("/// <summary>The forward pass as the compiler traced it (values, shapes, ops), for exporters.</summary>");
            w.WriteLine($"{NN}ForwardGraph {NN}IDeclaredModel.ForwardGraph => s_staticNetForwardGraph;");
        }
    }

    private static string Shape(ShapeSpec shape) =>
        $"new {NN}ForwardShape([" + string.Join(", ", shape.Dims.Select(d => $"new({Literals.Of(d.Factor)}, {Literals.Of(d.HasBatch)})")) + "])";

    private static string Op(ModelSpec model, OpSpec op)
    {
        // Layer ops name the member (Fc1); the description names the module (fc1), as the state dict does.
        string target = op.Kind == OpKind.Layer ? model.Layers.First(l => l.MemberName == op.Target).ModuleName : op.Target;
        return $"new({NN}ForwardOpKind.{op.Kind}, {Literals.Of(target)}, [{string.Join(", ", op.Inputs.Select(i => Literals.Of(i)))}], " +
            $"[{string.Join(", ", op.Ints.Select(Literals.Of))}], {Literals.Of(op.Real)}, {Literals.Of(op.Text)}, {Literals.Of(Literals.Comment(op.Source))})";
    }
}
