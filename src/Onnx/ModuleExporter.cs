using StaticNet.NN;

namespace StaticNet.OnnxExport;

/// <summary>
/// Writes a module as ONNX nodes: a declared model through its compile-time <see cref="ForwardGraph"/>, a Sequential
/// child by child, and each supported layer as its ONNX op. A module's output shape comes from running it (in
/// evaluation, without autograd) on zeros of the input's shape, so no shape rule is written twice.
/// </summary>
internal sealed class ModuleExporter(OnnxGraphBuilder graph)
{
    private const string Supported =
        "declared [Model] classes, Sequential, Linear, Conv2d, ReLU, Sigmoid, Tanh, GELU, LeakyReLU, MaxPool2d, AvgPool2d, " +
        "AdaptiveAvgPool2d, Flatten, Unflatten, Dropout, Softmax, LogSoftmax, BatchNorm1d, BatchNorm2d";

    /// <summary>Exports <paramref name="module"/>, registered at <paramref name="path"/> ("" for the root), applied to <paramref name="x"/>.</summary>
    public OnnxValue[] Export(Module module, string path, OnnxValue x)
    {
        if (module is IDeclaredModel declared) return new ForwardGraphExporter(graph, this).Export(module, declared.ForwardGraph, path, x);
        return [ExportLayer(module, path, x)];
    }

    private OnnxValue ExportLayer(Module module, string path, OnnxValue x)
    {
        string layer = Describe(module, path);
        switch (module)
        {
            case Sequential sequential:
                var value = x;
                foreach (var (name, child) in sequential.NamedChildren())
                {
                    var outputs = Export(child, Join(path, name), value);
                    if (outputs.Length != 1)
                        throw new NotSupportedException($"Onnx.Export: {Describe(child, Join(path, name))} returns {outputs.Length} tensors; a Sequential passes one tensor on.");
                    value = outputs[0];
                }
                return value;
            case Linear linear:
                return OnnxOps.Linear(graph, path, x, linear.Weight, linear.Bias, OutputShape(module, x));
            case Conv2d conv:
                return OnnxOps.Conv(graph, path, x, conv.Weight, conv.Bias, conv.Stride, conv.Padding, conv.Dilation, conv.Groups, OutputShape(module, x));
            case ReLU:
                return OnnxOps.Elementwise(graph, path, "Relu", x);
            case Sigmoid:
                return OnnxOps.Elementwise(graph, path, "Sigmoid", x);
            case Tanh:
                return OnnxOps.Elementwise(graph, path, "Tanh", x);
            case LeakyReLU leaky:
                return OnnxOps.LeakyRelu(graph, path, x, leaky.NegativeSlope);
            case GELU gelu:
                return OnnxOps.Gelu(graph, path, x, gelu.Approximate);
            case Softmax softmax:
                return OnnxOps.Softmax(graph, path, x, false, softmax.Dim ?? F.LegacySoftmaxDim("softmax", x.Rank));
            case LogSoftmax logSoftmax:
                return OnnxOps.Softmax(graph, path, x, true, logSoftmax.Dim ?? F.LegacySoftmaxDim("log_softmax", x.Rank));
            case Dropout:
                return x; // identity in inference, as torch.onnx exports it in eval mode
            case MaxPool2d max:
                return OnnxOps.MaxPool(graph, path, x, max.KernelSize, max.Stride, max.Padding, max.Dilation, max.CeilMode, OutputShape(module, x));
            case AvgPool2d avg:
                return OnnxOps.AvgPool(graph, path, layer, x, avg.KernelSize, avg.Stride, avg.Padding, avg.CeilMode, avg.CountIncludePad, avg.DivisorOverride,
                    OutputShape(module, x));
            case AdaptiveAvgPool2d adaptive:
                return OnnxOps.AdaptiveAvgPool(graph, path, layer, x, adaptive.OutputSize.Height, adaptive.OutputSize.Width, OutputShape(module, x));
            case BatchNorm bn:
                return OnnxOps.BatchNorm(graph, path, layer, x, bn);
            case Flatten flatten:
                return Flatten(path, x, flatten.StartDim, OutputShape(module, x));
            case Unflatten unflatten:
                return Unflatten(path, layer, x, unflatten.Dim, OutputShape(module, x));
            default:
                throw new NotSupportedException(
                    $"Onnx.Export: {layer} has no ONNX mapping. Exported are {Supported}; a Module with a hand-written Forward cannot be exported (there is no tracer): declare it as a [Model] or build it from a Sequential.");
        }
    }

    /// <summary>Flatten(start, end): the dimensions before start are copied from the input (so the batch stays dynamic), the rest are sizes.</summary>
    private OnnxValue Flatten(string path, OnnxValue x, int startDim, long[] outShape)
    {
        int start = startDim < 0 ? startDim + Math.Max(x.Rank, 1) : startDim;
        long[] target = start == 0
            ? [-1, .. outShape.Skip(1)]
            : OnnxOps.CopyLeading(start, outShape.Skip(start));
        return OnnxOps.Reshape(graph, path, x, target, outShape);
    }

    private OnnxValue Unflatten(string path, string layer, OnnxValue x, int dim, long[] outShape)
    {
        int d = dim < 0 ? dim + x.Rank : dim;
        if (d == 0) throw new NotSupportedException($"Onnx.Export: {layer} splits dimension 0, the batch, which a dynamic-batch graph cannot fix.");
        return OnnxOps.Reshape(graph, path, x, OnnxOps.CopyLeading(d, outShape.Skip(d)), outShape);
    }

    /// <summary>Runs <paramref name="module"/> on zeros of the input's shape: the output shape, computed by the layer's own rule.</summary>
    internal long[] OutputShape(Module module, OnnxValue x)
    {
        using (Torch.NoGrad())
            return module.Forward(Torch.Zeros(x.Shape, graph.DType)).Shape.ToArray();
    }

    internal static string Describe(Module module, string path) =>
        path.Length == 0 ? $"the model ({module.TypeName})" : $"layer '{path}' ({module.TypeName})";

    internal static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
