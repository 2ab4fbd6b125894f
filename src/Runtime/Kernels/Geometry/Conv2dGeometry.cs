using StaticNet.Compiler.Formulas;

namespace StaticNet.Kernels;

/// <summary>
/// The sizes of one 2-D convolution, already validated by the caller: input [N, C, H, W], weight
/// [O, C/G, KH, KW], output [N, O, OH, OW]. The column matrix of one image and group is [K, L] with
/// K = (C/G)·KH·KW rows (one per weight element of an output channel) and L = OH·OW columns.
/// </summary>
internal readonly record struct Conv2dGeometry(
    int N, int C, int H, int W, int O, int G, int KH, int KW, int SH, int SW, int PH, int PW, int DH, int DW)
{
    public int OH => OutputSize(H, KH, SH, PH, DH);
    public int OW => OutputSize(W, KW, SW, PW, DW);

    /// <summary>Input channels per group.</summary>
    public int Cg => C / G;

    /// <summary>Output channels per group.</summary>
    public int Og => O / G;

    /// <summary>Rows of the column matrix (the reduction length of the GEMM).</summary>
    public int K => checked(Cg * KH * KW);

    /// <summary>Output positions per image (columns of the column matrix).</summary>
    public int L => checked(OH * OW);

    public int InputPlane => H * W;

    /// <summary>A 1×1 kernel with unit stride and no padding reads the input itself as the column matrix.</summary>
    public bool IsPointwise => KH == 1 && KW == 1 && SH == 1 && SW == 1 && PH == 0 && PW == 0;

    /// <summary>The shared formula (src/Compiler/Formulas), clamped at 0 for inputs smaller than the kernel's extent.</summary>
    private static int OutputSize(int size, int kernel, int stride, int pad, int dilation) =>
        (int)Math.Max(0, WindowOutputSize.Convolution(size, kernel, stride, pad, dilation));
}
