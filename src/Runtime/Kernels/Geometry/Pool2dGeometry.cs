namespace StaticNet.Kernels;

/// <summary>
/// The sizes of a 2-D pooling, already validated: <see cref="Planes"/> = N·C independent [H, W] input planes, each
/// pooled to [OH, OW] by a KH×KW window with the given stride, padding and dilation.
/// </summary>
internal readonly record struct Pool2dGeometry(
    int Planes, int H, int W, int OH, int OW, int KH, int KW, int SH, int SW, int PH, int PW, int DH = 1, int DW = 1)
{
    public int InputPlane => H * W;

    public int OutputPlane => OH * OW;

    /// <summary>
    /// PyTorch's pooling_output_shape: floor (or ceil) of (size + 2·pad − dilation·(kernel − 1) − 1) / stride, plus 1;
    /// in ceil mode the last window must still start inside the input or the left padding.
    /// </summary>
    public static long OutputSize(long size, long kernel, long pad, long stride, long dilation, bool ceilMode)
    {
        long numerator = size + 2 * pad - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0);
        long output = FloorDiv(numerator, stride) + 1;
        if (ceilMode && (output - 1) * stride >= size + pad) output--;
        return output;
    }

    private static long FloorDiv(long a, long b) => a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0);
}
