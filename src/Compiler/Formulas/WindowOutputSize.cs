namespace StaticNet.Compiler.Formulas;

/// <summary>
/// The output size of a sliding window (convolution, pooling) along one dimension, as PyTorch computes it. The one
/// place these formulas are written: the file is compiled into the generator, the analyzers and the runtime, so the
/// compile-time shapes, the fused plans' sizes and the runtime's checks cannot disagree.
/// </summary>
internal static class WindowOutputSize
{
    /// <summary>The extent a dilated kernel covers: <c>d·(k − 1) + 1</c>.</summary>
    public static long Extent(long kernel, long dilation) => dilation * (kernel - 1) + 1;

    /// <summary>
    /// Convolution: <c>⌊(size + 2·pad − d·(k − 1) − 1) / stride⌋ + 1</c>; less than 1 when the padded input is smaller
    /// than the kernel's extent.
    /// </summary>
    public static long Convolution(long size, long kernel, long stride, long pad, long dilation) =>
        FloorDiv(size + 2 * pad - Extent(kernel, dilation), stride) + 1;

    /// <summary>
    /// PyTorch's pooling_output_shape: floor (or ceil) of <c>(size + 2·pad − d·(k − 1) − 1) / stride</c>, plus 1; in ceil
    /// mode the last window must still start inside the input or the left padding. Less than 1 when nothing fits.
    /// </summary>
    public static long Pooling(long size, long kernel, long stride, long pad, long dilation, bool ceilMode)
    {
        long output = FloorDiv(size + 2 * pad - Extent(kernel, dilation) + (ceilMode ? stride - 1 : 0), stride) + 1;
        if (ceilMode && (output - 1) * stride >= size + pad) output--;
        return output;
    }

    private static long FloorDiv(long a, long b) => a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0);
}
