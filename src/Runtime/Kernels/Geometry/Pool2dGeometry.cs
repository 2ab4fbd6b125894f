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
}
