using System.Numerics;
using ILGPU;

namespace StaticNet.Kernels.Ilgpu;

/// <summary>
/// The sizes of one chunk of a 2-D convolution as a kernel argument: <see cref="Conv2dGeometry"/> with its derived
/// sizes computed on the host, and the chunk's images [<see cref="N0"/>, N0 + <see cref="Nc"/>).
/// </summary>
/// <remarks>
/// The chunk's column matrix is laid out [G, K, Nc, L]: for each group a K × (Nc·L) matrix, so one GEMM per group
/// covers every image of the chunk, and the GEMM's result [O, Nc, L] is the output with N and O swapped.
/// </remarks>
internal readonly struct ConvChunk
{
    public readonly int C, H, W, O, Cg, Og, KH, KW, SH, SW, PH, PW, DH, DW, OH, OW, K, L;
    public readonly long N0, Nc;

    public ConvChunk(Conv2dGeometry g, long n0, long nc)
    {
        (C, H, W, O, Cg, Og, KH, KW) = (g.C, g.H, g.W, g.O, g.Cg, g.Og, g.KH, g.KW);
        (SH, SW, PH, PW, DH, DW, OH, OW, K, L) = (g.SH, g.SW, g.PH, g.PW, g.DH, g.DW, g.OH, g.OW, g.K, g.L);
        (N0, Nc) = (n0, nc);
    }
}

/// <summary>The data movement around the convolution's GEMMs: im2col, col2im and the [N, O, L] ↔ [O, N, L] swaps.</summary>
internal static class IlgpuConvolutionKernels
{
    private static long Stride => (long)Grid.DimX * Group.DimX;

    /// <summary>col[grp, k, n, l] = x[N0 + n, grp·Cg + c, oh·SH − PH + kh·DH, ow·SW − PW + kw·DW] (0 in the padding).</summary>
    public static void Im2Col<T>(ArrayView<T> col, ArrayView<T> x, ConvChunk s, long count) where T : unmanaged, INumber<T>
    {
        for (long e = Grid.GlobalIndex.X; e < count; e += Stride)
        {
            long l = e % s.L, r = e / s.L;
            long n = r % s.Nc;
            r /= s.Nc;
            long k = r % s.K, grp = r / s.K;
            long kw = k % s.KW, t = k / s.KW;
            long kh = t % s.KH, c = t / s.KH;
            long ih = l / s.OW * s.SH - s.PH + kh * s.DH, iw = l % s.OW * s.SW - s.PW + kw * s.DW;
            col[e] = ih >= 0 && ih < s.H && iw >= 0 && iw < s.W
                ? x[(((s.N0 + n) * s.C + grp * s.Cg + c) * s.H + ih) * s.W + iw]
                : T.Zero;
        }
    }

    /// <summary>
    /// dx[N0 + n, c, ih, iw] = Σ over the (kh, kw) whose window reaches (ih, iw) of dcol[grp, k, n, l]: one thread per
    /// input element gathers its terms, so nothing is written twice and no atomics are needed.
    /// </summary>
    public static void Col2Im<T>(ArrayView<T> dx, ArrayView<T> dcol, ConvChunk s, long count) where T : unmanaged, INumber<T>
    {
        for (long e = Grid.GlobalIndex.X; e < count; e += Stride)
        {
            long iw = e % s.W, t = e / s.W;
            long ih = t % s.H;
            t /= s.H;
            long c = t % s.C, n = t / s.C;
            long grp = c / s.Cg, cc = c % s.Cg;
            T sum = T.Zero;
            for (int kh = 0; kh < s.KH; kh++)
            {
                long th = ih + s.PH - kh * s.DH;
                if (th < 0 || th % s.SH != 0 || th / s.SH >= s.OH) continue;
                long oh = th / s.SH;
                for (int kw = 0; kw < s.KW; kw++)
                {
                    long tw = iw + s.PW - kw * s.DW;
                    if (tw < 0 || tw % s.SW != 0 || tw / s.SW >= s.OW) continue;
                    long k = (cc * s.KH + kh) * s.KW + kw;
                    sum += dcol[((grp * s.K + k) * s.Nc + n) * s.L + oh * s.OW + tw / s.SW];
                }
            }
            dx[s.N0 * s.C * s.H * s.W + e] = sum;
        }
    }

    /// <summary>y[N0 + n, o, l] = z[o, n, l] + bias[o] (no bias when <paramref name="hasBias"/> is 0).</summary>
    public static void Scatter<T>(ArrayView<T> y, ArrayView<T> z, ArrayView<T> bias, ConvChunk s, int hasBias, long count)
        where T : unmanaged, INumber<T>
    {
        for (long e = Grid.GlobalIndex.X; e < count; e += Stride)
        {
            long l = e % s.L, r = e / s.L;
            long n = r % s.Nc, o = r / s.Nc;
            T v = z[e];
            y[((s.N0 + n) * s.O + o) * s.L + l] = hasBias != 0 ? v + bias[o] : v;
        }
    }

    /// <summary>z[o, n, l] = dy[N0 + n, o, l]: the chunk's output gradient as the GEMMs' [O, Nc·L] operand.</summary>
    public static void Swap<T>(ArrayView<T> z, ArrayView<T> dy, ConvChunk s, long count) where T : unmanaged
    {
        for (long e = Grid.GlobalIndex.X; e < count; e += Stride)
        {
            long l = e % s.L, r = e / s.L;
            long n = r % s.Nc, o = r / s.Nc;
            z[e] = dy[((s.N0 + n) * s.O + o) * s.L + l];
        }
    }
}
