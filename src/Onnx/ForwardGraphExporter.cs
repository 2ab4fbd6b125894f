using StaticNet.NN;
using static StaticNet.OnnxExport.OnnxGraphBuilder;

namespace StaticNet.OnnxExport;

/// <summary>
/// Writes a declared model from the graph the compiler traced (<see cref="ForwardGraph"/>): layer ops go through
/// <see cref="ModuleExporter"/> under their module names, F functions and tensor ops become their ONNX ops, and the
/// compiler's shapes (with the batch symbolic) give every reshape's target.
/// </summary>
internal sealed class ForwardGraphExporter(OnnxGraphBuilder graph, ModuleExporter modules)
{
    public OnnxValue[] Export(Module model, ForwardGraph forward, string path, OnnxValue x)
    {
        long batch = x.Shape.Length > 0 ? x.Shape[0] : 1;
        long[] expected = forward.Values[0].At(batch);
        if (!expected.AsSpan().SequenceEqual(x.Shape))
            throw new ArgumentException(
                $"Onnx.Export: {ModuleExporter.Describe(model, path)} takes inputs of shape {forward.Values[0]} (declared by its [Model]), got [{string.Join(", ", x.Shape)}].");
        var children = model.NamedChildren().ToDictionary(c => c.Name, c => c.Module, StringComparer.Ordinal);
        var values = new OnnxValue[forward.Values.Count];
        values[0] = x;
        for (int k = 0; k < forward.Ops.Count; k++)
        {
            var op = forward.Ops[k];
            long[] outShape = forward.Values[k + 1].At(batch);
            OnnxValue In(int i) => values[op.Inputs[i]];
            values[k + 1] = op.Kind switch
            {
                ForwardOpKind.Layer => Layer(children, path, op, In(0)),
                ForwardOpKind.Functional => Functional(model, path, op, In(0), outShape),
                ForwardOpKind.View or ForwardOpKind.Flatten => OnnxOps.Reshape(graph, path, In(0), BatchInferred(forward.Values[k + 1]), outShape),
                ForwardOpKind.Add => new(graph.Node("Add", path, [In(0).Name, In(1).Name]), outShape),
                ForwardOpKind.Mul => new(graph.Node("Mul", path, [In(0).Name, In(1).Name]), outShape),
                ForwardOpKind.Cat => new(graph.Node("Concat", path, op.Inputs.Select(i => values[i].Name), Attribute("axis", op.Ints[0])), outShape),
                _ => throw new NotSupportedException($"Onnx.Export: {ModuleExporter.Describe(model, path)}: the step '{op.Source}' ({op.Kind}) has no ONNX mapping."),
            };
        }
        return [.. forward.Outputs.Select(o => values[o])];
    }

    private OnnxValue Layer(Dictionary<string, Module> children, string path, ForwardOp op, OnnxValue x)
    {
        if (!children.TryGetValue(op.Target, out var layer))
            throw new InvalidOperationException($"Onnx.Export: the forward graph calls layer '{op.Target}', which the model does not register.");
        var outputs = modules.Export(layer, ModuleExporter.Join(path, op.Target), x);
        if (outputs.Length != 1)
            throw new NotSupportedException($"Onnx.Export: {ModuleExporter.Describe(layer, ModuleExporter.Join(path, op.Target))} returns {outputs.Length} tensors where '{op.Source}' takes one.");
        return outputs[0];
    }

    private OnnxValue Functional(Module model, string path, ForwardOp op, OnnxValue x, long[] outShape)
    {
        var i = op.Ints;
        return op.Target switch
        {
            "Relu" => OnnxOps.Elementwise(graph, path, "Relu", x),
            "Sigmoid" => OnnxOps.Elementwise(graph, path, "Sigmoid", x),
            "Tanh" => OnnxOps.Elementwise(graph, path, "Tanh", x),
            "LeakyRelu" => OnnxOps.LeakyRelu(graph, path, x, op.Real),
            "Gelu" => OnnxOps.Gelu(graph, path, x, op.Text),
            "Softmax" => OnnxOps.Softmax(graph, path, x, false, i[0]),
            "LogSoftmax" => OnnxOps.Softmax(graph, path, x, true, i[0]),
            "Dropout" => x,
            "MaxPool2d" => OnnxOps.MaxPool(graph, path, x, new Pair(i[0], i[1]), new Pair(i[2], i[3]), new Pair(i[4], i[5]), new Pair(i[6], i[7]), i[8] != 0, outShape),
            "AvgPool2d" => OnnxOps.AvgPool(graph, path, $"'{op.Source}' in {model.TypeName}", x, new Pair(i[0], i[1]), new Pair(i[2], i[3]), new Pair(i[4], i[5]),
                i[8] != 0, i.Length < 10 || i[9] != 0, i.Length > 10 && i[10] != 0 ? i[10] : null, outShape),
            "AdaptiveAvgPool2d" => OnnxOps.AdaptiveAvgPool(graph, path, $"'{op.Source}' in {model.TypeName}", x, i[0], i[1], outShape),
            _ => throw new NotSupportedException($"Onnx.Export: '{op.Source}' in {model.TypeName} calls F.{op.Target}, which has no ONNX mapping."),
        };
    }

    /// <summary>The reshape target of a compiler shape: -1 where the size scales with the batch, the size elsewhere.</summary>
    private static long[] BatchInferred(ForwardShape shape) => Array.ConvertAll(shape.Dims, d => d.HasBatch ? -1 : d.Factor);
}
