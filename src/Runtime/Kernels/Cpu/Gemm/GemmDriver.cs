using System.Numerics;

namespace StaticNet.Kernels.Cpu.Gemm;

/// <summary>
/// The blocked GEMM loop nest on one thread (the Goto/BLIS order): C += alpha·A·B over blocks of NC columns,
/// KC depth and MC rows, with B packed once per (NC, KC) block and A once per (MC, KC) block.
/// </summary>
/// <remarks>
/// Cache roles: the packed A block (MC x KC) stays in L2 while the macro-kernel sweeps it against the packed
/// B block; one B micro-panel (KC x NR) stays in L1 across all MC/MR micro-kernel calls that reuse it.
/// beta applies to the first KC block only; later blocks accumulate (beta = 1).
/// With several threads, each packed B block is shared and the MC row blocks are handed out dynamically
/// (each worker packs its own A block), so a worker slowed by another process does not hold the others back.
/// </remarks>
internal static unsafe class GemmDriver<T, TKernel>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TKernel : IMicroKernel<T>
{
    public static void Run(int m, int n, int k, T alpha, StridedMatrix<T> a, StridedMatrix<T> b, T beta, StridedMatrix<T> c, int threads = 1)
    {
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == T.Zero)
        {
            GemmSmall.Scale(m, n, beta, c);
            return;
        }
        int mr = TKernel.MR, nr = TKernel.NR;
        int kcMax = Math.Min(TKernel.KC, k);
        int mcMax = Math.Min(TKernel.MC, RoundUp(m, mr));
        int ncMax = Math.Min(TKernel.NC, RoundUp(n, nr));
        int rowBlocks = (m + mcMax - 1) / mcMax;
        T* packedB = GemmBuffers<T>.PackedB((long)kcMax * ncMax);

        for (int jc = 0; jc < n; jc += ncMax)
        {
            int nc = Math.Min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                GemmPacking.PackB(kc, nc, b.Slice(pc, jc), packedB, nr);
                T betaBlock = pc == 0 ? beta : T.One;
                var aBlock = a.Slice(0, pc);
                var cBlock = c.Slice(0, jc);
                if (threads > 1 && rowBlocks > 1)
                {
                    nint sharedB = (nint)packedB;
                    Parallel.For(0, rowBlocks, new ParallelOptions { MaxDegreeOfParallelism = threads }, block =>
                        RowBlock(block * mcMax, Math.Min(mcMax, m - block * mcMax), nc, kc, kcMax * mcMax, aBlock, (T*)sharedB, alpha, betaBlock, cBlock));
                }
                else
                {
                    for (int ic = 0; ic < m; ic += mcMax)
                        RowBlock(ic, Math.Min(mcMax, m - ic), nc, kc, kcMax * mcMax, aBlock, packedB, alpha, betaBlock, cBlock);
                }
            }
        }
    }

    /// <summary>Packs rows [ic, ic + mc) of the A block into this thread's buffer and multiplies them by the packed B block.</summary>
    private static void RowBlock(int ic, int mc, int nc, int kc, int bufferLength, StridedMatrix<T> a, T* packedB, T alpha, T beta, StridedMatrix<T> c)
    {
        T* packedA = GemmBuffers<T>.PackedA(bufferLength);
        GemmPacking.PackA(mc, kc, a.Slice(ic, 0), packedA, TKernel.MR);
        Macro(mc, nc, kc, packedA, packedB, alpha, beta, c.Slice(ic, 0));
    }

    /// <summary>All micro-tiles of one packed (mc x kc) · (kc x nc) block product.</summary>
    private static void Macro(int mc, int nc, int kc, T* packedA, T* packedB, T alpha, T beta, StridedMatrix<T> c)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        T* tile = stackalloc T[mr * nr];
        bool unitColumns = c.ColStride == 1;
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            T* bPanel = packedB + (long)jr * kc;
            for (int ir = 0; ir < mc; ir += mr)
            {
                int rows = Math.Min(mr, mc - ir);
                T* aPanel = packedA + (long)ir * kc;
                if (unitColumns && rows == mr && cols == nr)
                {
                    TKernel.Run(kc, aPanel, bPanel, c.At(ir, jr), c.RowStride, alpha, beta);
                    continue;
                }
                // Edge tile (or strided C): compute into scratch, then merge the valid part.
                TKernel.Run(kc, aPanel, bPanel, tile, nr, T.One, T.Zero);
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < cols; j++)
                    {
                        T* ci = c.At(ir + i, jr + j);
                        T v = alpha * tile[i * nr + j];
                        *ci = beta == T.Zero ? v : v + beta * *ci;
                    }
            }
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;
}
