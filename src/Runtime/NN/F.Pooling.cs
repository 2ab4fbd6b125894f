using StaticNet.Autograd;
using StaticNet.Kernels;

namespace StaticNet;

public static partial class F
{
    /// <summary>
    /// 2-D max pooling (<c>F.max_pool2d</c>): the maximum of each <paramref name="kernelSize"/> window (padding counts
    /// as −∞). NaN propagates; among equal maxima the first in row-major order wins and receives the gradient.
    /// </summary>
    /// <param name="input"><c>(N, C, H, W)</c> or unbatched <c>(C, H, W)</c>.</param>
    /// <param name="kernelSize">Window size.</param>
    /// <param name="stride">Window step (default: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">Implicit −∞ on both sides; at most half the kernel size.</param>
    /// <param name="dilation">Spacing between window elements.</param>
    /// <param name="ceilMode">Round the output size up instead of down (a last partial window when it starts inside the input).</param>
    /// <returns><c>(N, C, H_out, W_out)</c>; records <c>MaxPool2DWithIndicesBackward0</c>.</returns>
    public static Tensor MaxPool2d(Tensor input, Pair kernelSize, Pair? stride = null, Pair? padding = null, Pair? dilation = null,
        bool ceilMode = false) => MaxPool2dWithIndices(input, kernelSize, stride, padding, dilation, ceilMode).Output;

    /// <summary>
    /// <see cref="MaxPool2d"/> that also returns where each maximum came from (<c>return_indices=True</c>): an Int64
    /// tensor of the output's shape holding flat indices y·W + x within each input plane.
    /// </summary>
    /// <param name="input"><c>(N, C, H, W)</c> or unbatched <c>(C, H, W)</c>.</param>
    /// <param name="kernelSize">Window size.</param>
    /// <param name="stride">Window step (default: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">Implicit −∞ on both sides; at most half the kernel size.</param>
    /// <param name="dilation">Spacing between window elements.</param>
    /// <param name="ceilMode">Round the output size up instead of down.</param>
    public static (Tensor Output, Tensor Indices) MaxPool2dWithIndices(Tensor input, Pair kernelSize, Pair? stride = null,
        Pair? padding = null, Pair? dilation = null, bool ceilMode = false)
    {
        var (geometry, shape) = PoolingChecks.Pool2d("max_pool2d", input, kernelSize, stride ?? kernelSize, padding ?? 0, dilation ?? 1, ceilMode);
        var (output, indices) = Backends.Of(input).MaxPool2d(input, geometry, shape);
        if (Graph.ShouldRecord(input)) Graph.Record(output, new MaxPool2DWithIndicesBackward0(input, indices, geometry), input);
        return (output, indices);
    }

    /// <summary>
    /// 2-D average pooling (<c>F.avg_pool2d</c>): the mean of each window. Padding counts as zeros in the divisor when
    /// <paramref name="countIncludePad"/> (PyTorch's default); <paramref name="divisorOverride"/> replaces the divisor.
    /// </summary>
    /// <param name="input"><c>(N, C, H, W)</c> or unbatched <c>(C, H, W)</c>.</param>
    /// <param name="kernelSize">Window size.</param>
    /// <param name="stride">Window step (default: <paramref name="kernelSize"/>).</param>
    /// <param name="padding">Implicit zeros on both sides; at most half the kernel size.</param>
    /// <param name="ceilMode">Round the output size up instead of down.</param>
    /// <param name="countIncludePad">Divide by the padded window size rather than the in-bounds element count.</param>
    /// <param name="divisorOverride">A fixed divisor (non-zero), or null.</param>
    /// <returns><c>(N, C, H_out, W_out)</c>; records <c>AvgPool2DBackward0</c>.</returns>
    public static Tensor AvgPool2d(Tensor input, Pair kernelSize, Pair? stride = null, Pair? padding = null, bool ceilMode = false,
        bool countIncludePad = true, long? divisorOverride = null)
    {
        if (divisorOverride == 0) throw new ArgumentException("avg_pool2d: divisor must be not zero");
        if (divisorOverride is < int.MinValue or > int.MaxValue)
            throw new ArgumentException($"avg_pool2d: divisor {divisorOverride} is out of the range of int");
        var (geometry, shape) = PoolingChecks.Pool2d("avg_pool2d", input, kernelSize, stride ?? kernelSize, padding ?? 0, 1, ceilMode);
        int divisor = (int)(divisorOverride ?? 0);
        var output = Backends.Of(input).AvgPool2d(input, geometry, countIncludePad, divisor, shape);
        return Graph.ShouldRecord(input)
            ? Graph.Record(output, new AvgPool2DBackward0(input, geometry, countIncludePad, divisor), input)
            : output;
    }

    /// <summary>
    /// Adaptive 2-D average pooling (<c>F.adaptive_avg_pool2d</c>): averages windows chosen so the output has exactly
    /// <paramref name="outputSize"/>; window (i, j) covers rows ⌊i·H/H_out⌋ to ⌈(i+1)·H/H_out⌉ (and columns likewise).
    /// </summary>
    /// <param name="input"><c>(N, C, H, W)</c> or unbatched <c>(C, H, W)</c>, with H, W ≥ 1.</param>
    /// <param name="outputSize"><c>(H_out, W_out)</c>, or one number for a square output.</param>
    /// <remarks>Records <c>AdaptiveAvgPool2DBackward0</c> (PyTorch records <c>MeanBackward1</c> for a 1×1 output).</remarks>
    public static Tensor AdaptiveAvgPool2d(Tensor input, Pair outputSize)
    {
        var (geometry, shape) = PoolingChecks.AdaptivePool2d("adaptive_avg_pool2d", input, outputSize);
        var output = Backends.Of(input).AdaptiveAvgPool2d(input, geometry, shape);
        return Graph.ShouldRecord(input) ? Graph.Record(output, new AdaptiveAvgPool2DBackward0(input, geometry), input) : output;
    }
}
