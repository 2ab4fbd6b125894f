using static StaticNet.OnnxExport.OnnxGraphBuilder;

namespace StaticNet.OnnxExport;

/// <summary>
/// The ONNX (opset 17) form of each operation a layer or an <c>F</c> function performs, shared by the Sequential walk
/// and the declared-graph walk. Each returns the value it writes; <paramref name="outShape"/> arguments are the output
/// shape at the export's batch size (known from the module or the compiler's shapes).
/// </summary>
internal static class OnnxOps
{
    /// <summary>A Linear: Gemm for [N, in] inputs; MatMul with the transposed weight, then Add, for higher ranks.</summary>
    public static OnnxValue Linear(OnnxGraphBuilder g, string scope, OnnxValue x, Tensor weight, Tensor? bias, long[] outShape)
    {
        string w = g.Initializer(scope + ".weight", weight);
        string? b = bias is null ? null : g.Initializer(scope + ".bias", bias);
        if (x.Rank == 2)
            return new(g.Node("Gemm", scope, b is null ? [x.Name, w] : [x.Name, w, b], Attribute("alpha", 1f), Attribute("beta", 1f), Attribute("transB", 1L)), outShape);
        string wt = g.Node("Transpose", scope, [w], Attribute("perm", 1L, 0L));
        string y = g.Node("MatMul", scope, [x.Name, wt]);
        return new(b is null ? y : g.Node("Add", scope, [y, b]), outShape);
    }

    public static OnnxValue Conv(OnnxGraphBuilder g, string scope, OnnxValue x, Tensor weight, Tensor? bias, Pair stride, Pair padding, Pair dilation,
        long groups, long[] outShape)
    {
        string w = g.Initializer(scope + ".weight", weight);
        string? b = bias is null ? null : g.Initializer(scope + ".bias", bias);
        return new(g.Node("Conv", scope, b is null ? [x.Name, w] : [x.Name, w, b],
            Attribute("kernel_shape", weight.Size(2), weight.Size(3)),
            Attribute("strides", stride.Height, stride.Width),
            Attribute("pads", padding.Height, padding.Width, padding.Height, padding.Width),
            Attribute("dilations", dilation.Height, dilation.Width),
            Attribute("group", groups)), outShape);
    }

    /// <summary>Relu, Sigmoid or Tanh: the same name in ONNX, same shape out.</summary>
    public static OnnxValue Elementwise(OnnxGraphBuilder g, string scope, string opType, OnnxValue x) => new(g.Node(opType, scope, [x.Name]), x.Shape);

    public static OnnxValue LeakyRelu(OnnxGraphBuilder g, string scope, OnnxValue x, double slope) =>
        new(g.Node("LeakyRelu", scope, [x.Name], Attribute("alpha", (float)slope)), x.Shape);

    /// <summary>
    /// GELU, which opset 17 lacks (it arrives in 20), written out as PyTorch computes it: 0.5·x·(1 + erf(x/√2)), or with
    /// <c>approximate="tanh"</c> 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
    /// </summary>
    public static OnnxValue Gelu(OnnxGraphBuilder g, string scope, OnnxValue x, string approximate)
    {
        bool tanh = F.GeluUsesTanh(approximate);
        string inner;
        if (!tanh)
        {
            inner = g.Node("Erf", scope, [g.Node("Mul", scope, [x.Name, g.Scalar(scope, 1 / Math.Sqrt(2))])]);
        }
        else
        {
            string cube = g.Node("Mul", scope, [g.Node("Mul", scope, [x.Name, x.Name]), x.Name]);
            string sum = g.Node("Add", scope, [x.Name, g.Node("Mul", scope, [cube, g.Scalar(scope, 0.044715)])]);
            inner = g.Node("Tanh", scope, [g.Node("Mul", scope, [sum, g.Scalar(scope, Math.Sqrt(2 / Math.PI))])]);
        }
        string onePlus = g.Node("Add", scope, [inner, g.Scalar(scope, 1)]);
        string half = g.Node("Mul", scope, [x.Name, g.Scalar(scope, 0.5)]);
        return new(g.Node("Mul", scope, [half, onePlus]), x.Shape);
    }

    /// <summary>Softmax or LogSoftmax over one axis (opset 13+ normalises a single axis, as PyTorch does).</summary>
    public static OnnxValue Softmax(OnnxGraphBuilder g, string scope, OnnxValue x, bool isLog, long dim) =>
        new(g.Node(isLog ? "LogSoftmax" : "Softmax", scope, [x.Name], Attribute("axis", dim)), x.Shape);

    public static OnnxValue MaxPool(OnnxGraphBuilder g, string scope, OnnxValue x, Pair kernel, Pair stride, Pair padding, Pair dilation, bool ceil, long[] outShape) =>
        new(g.Node("MaxPool", scope, [x.Name],
            Attribute("kernel_shape", kernel.Height, kernel.Width),
            Attribute("strides", stride.Height, stride.Width),
            Attribute("pads", padding.Height, padding.Width, padding.Height, padding.Width),
            Attribute("dilations", dilation.Height, dilation.Width),
            Attribute("ceil_mode", ceil ? 1L : 0L)), outShape);

    public static OnnxValue AvgPool(OnnxGraphBuilder g, string scope, string layer, OnnxValue x, Pair kernel, Pair stride, Pair padding, bool ceil,
        bool countIncludePad, long? divisorOverride, long[] outShape)
    {
        if (divisorOverride is not null)
            throw new NotSupportedException($"Onnx.Export: {layer} uses divisor_override={divisorOverride}, which ONNX's AveragePool cannot express.");
        return new(g.Node("AveragePool", scope, [x.Name],
            Attribute("kernel_shape", kernel.Height, kernel.Width),
            Attribute("strides", stride.Height, stride.Width),
            Attribute("pads", padding.Height, padding.Width, padding.Height, padding.Width),
            Attribute("ceil_mode", ceil ? 1L : 0L),
            Attribute("count_include_pad", countIncludePad ? 1L : 0L)), outShape);
    }

    /// <summary>
    /// AdaptiveAvgPool2d: GlobalAveragePool for a 1×1 output; an AveragePool when the input divides evenly into the
    /// output (then every adaptive window has the same size and stride); anything else has no fixed ONNX form.
    /// </summary>
    public static OnnxValue AdaptiveAvgPool(OnnxGraphBuilder g, string scope, string layer, OnnxValue x, long outH, long outW, long[] outShape)
    {
        if (x.Rank != 4) throw new NotSupportedException($"Onnx.Export: {layer} is exported for [N, C, H, W] inputs, got shape [{string.Join(", ", x.Shape)}].");
        long h = x.Shape[2], w = x.Shape[3];
        if (outH == 1 && outW == 1) return new(g.Node("GlobalAveragePool", scope, [x.Name]), outShape);
        if (outH > 0 && outW > 0 && h % outH == 0 && w % outW == 0)
        {
            long kh = h / outH, kw = w / outW;
            return new(g.Node("AveragePool", scope, [x.Name], Attribute("kernel_shape", kh, kw), Attribute("strides", kh, kw)), outShape);
        }
        throw new NotSupportedException(
            $"Onnx.Export: {layer} maps a {h}×{w} input to {outH}×{outW}, which does not divide evenly, so its windows differ in size and no ONNX pooling expresses it.");
    }

    /// <summary>
    /// A reshape to <paramref name="outShape"/> that keeps working for another batch size: the one dimension that
    /// scales with the batch is written -1 (its size is inferred), every other one as its size.
    /// </summary>
    public static OnnxValue Reshape(OnnxGraphBuilder g, string scope, OnnxValue x, long[] target, long[] outShape) =>
        new(g.Node("Reshape", scope, [x.Name, g.Int64s(scope, target)]), outShape);

    /// <summary>BatchNormalization in inference form: the running statistics, and ones/zeros when the layer has no affine parameters.</summary>
    public static OnnxValue BatchNorm(OnnxGraphBuilder g, string scope, string layer, OnnxValue x, NN.BatchNorm bn)
    {
        if (!bn.TrackRunningStats || bn.RunningMean is null || bn.RunningVar is null)
            throw new NotSupportedException($"Onnx.Export: {layer} has track_running_stats=False, so it normalises with batch statistics even in evaluation; ONNX's inference BatchNormalization needs running statistics.");
        string scale = bn.Weight is { } weight ? g.Initializer(scope + ".weight", weight) : g.Constant(scope, Torch.Ones([bn.NumFeatures], g.DType));
        string shift = bn.Bias is { } bias ? g.Initializer(scope + ".bias", bias) : g.Constant(scope, Torch.Zeros([bn.NumFeatures], g.DType));
        string mean = g.Initializer(scope + ".running_mean", bn.RunningMean);
        string var = g.Initializer(scope + ".running_var", bn.RunningVar);
        // ONNX's momentum weighs the old running value (1 - PyTorch's); it matters only for training.
        return new(g.Node("BatchNormalization", scope, [x.Name, scale, shift, mean, var],
            Attribute("epsilon", (float)bn.Eps), Attribute("momentum", (float)(1 - (bn.Momentum ?? 0.1)))), x.Shape);
    }

    /// <summary>The reshape target of a Flatten/Unflatten of a shape: the leading <paramref name="keep"/> dimensions copied (0), then sizes, -1 for the batch-carrying one.</summary>
    public static long[] CopyLeading(int keep, IEnumerable<long> rest) => [.. Enumerable.Repeat(0L, keep), .. rest];
}
