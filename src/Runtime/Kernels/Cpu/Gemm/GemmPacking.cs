using System.Numerics;
using System.Runtime.CompilerServices;

namespace StaticNet.Kernels.Cpu.Gemm;

/// <summary>
/// Copies blocks of A and B into the panel layouts the micro-kernels stream through, reading any strides.
/// </summary>
/// <remarks>
/// A block (mc x kc) becomes panels of <c>mr</c> rows, each stored k-major (<c>kc</c> groups of <c>mr</c> values);
/// a B block (kc x nc) becomes panels of <c>nr</c> columns, each stored k-major (<c>kc</c> rows of <c>nr</c> values).
/// Partial panels at the edges are zero-padded, so the micro-kernel always runs full tiles. Packing costs
/// O(mc·kc) per block against O(mc·kc·nc) multiply-adds, and makes every micro-kernel load sequential.
/// </remarks>
internal static unsafe class GemmPacking
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA<T>(int mc, int kc, StridedMatrix<T> a, T* dst, int mr) where T : unmanaged, INumberBase<T>
    {
        long rs = a.RowStride, cs = a.ColStride;
        for (int i0 = 0; i0 < mc; i0 += mr, dst += (long)kc * mr)
        {
            int rows = Math.Min(mr, mc - i0);
            T* src = a.Data + i0 * rs;
            if (rows < mr) ZeroPanel(dst, kc, mr);
            if (rs == 1)
            {
                // Column-major A (a transposed view): each k step is `rows` contiguous values.
                for (int p = 0; p < kc; p++)
                    Unsafe.CopyBlockUnaligned(dst + p * mr, src + p * cs, (uint)(rows * sizeof(T)));
            }
            else if (cs == 1)
            {
                // Row-major A: the panel is its transpose (tiles transposed in registers).
                GemmTranspose.Block(src, rs, dst, mr, rows, kc);
            }
            else
            {
                // Any other strides: row by row, writes stride by mr.
                for (int r = 0; r < rows; r++)
                {
                    T* s = src + r * rs;
                    T* d = dst + r;
                    for (int p = 0; p < kc; p++) d[p * mr] = s[p * cs];
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB<T>(int kc, int nc, StridedMatrix<T> b, T* dst, int nr) where T : unmanaged, INumberBase<T>
    {
        long rs = b.RowStride, cs = b.ColStride;
        for (int j0 = 0; j0 < nc; j0 += nr, dst += (long)kc * nr)
        {
            int cols = Math.Min(nr, nc - j0);
            T* src = b.Data + j0 * cs;
            if (cols < nr) ZeroPanel(dst, kc, nr);
            if (cs == 1)
            {
                for (int p = 0; p < kc; p++)
                    Unsafe.CopyBlockUnaligned(dst + p * nr, src + p * rs, (uint)(cols * sizeof(T)));
            }
            else if (rs == 1)
            {
                // Row-major B^T (e.g. a Linear weight read transposed): the panel is its transpose.
                GemmTranspose.Block(src, cs, dst, nr, cols, kc);
            }
            else
            {
                // Any other strides: column by column, writes stride by nr.
                for (int j = 0; j < cols; j++)
                {
                    T* s = src + j * cs;
                    T* d = dst + j;
                    for (int p = 0; p < kc; p++) d[p * nr] = s[p * rs];
                }
            }
        }
    }

    private static void ZeroPanel<T>(T* dst, int kc, int width) where T : unmanaged =>
        new Span<T>(dst, kc * width).Clear();
}
