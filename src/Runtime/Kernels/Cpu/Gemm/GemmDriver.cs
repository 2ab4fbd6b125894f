using System.Runtime.CompilerServices;
using System.Numerics;

namespace StaticNet.Kernels.Cpu.Gemm;

/// <summary>
/// The blocked GEMM loop nest (Goto/BLIS order): C += alpha·A·B over blocks of NC columns and KC depth, B packed
/// once per (NC, KC) block and A once per MC rows, then every micro-tile of the block product.
/// </summary>
/// <remarks>
/// Cache roles: the packed B block (KC x NC) stays in L2 while the macro-kernel sweeps it once per A micro-panel;
/// the A micro-panel (MR x KC) stays in L1 while it meets every B micro-panel, and C is walked along its rows.
/// beta applies to the first KC block only; later blocks accumulate (beta = 1).
/// With a team of threads each member owns a contiguous share of C's rows (the packed B block is shared: the
/// members pack disjoint panels of it, then meet at a barrier) or, when C is wider than tall, of its columns
/// (each member packs its own B panels and all of A, and never waits). Shares are whole micro-tiles.
/// </remarks>
internal static unsafe class GemmDriver<T, TKernel>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TKernel : IMicroKernel<T>
{
    public static void Run(int m, int n, int k, T alpha, StridedMatrix<T> a, StridedMatrix<T> b, T beta, StridedMatrix<T> c, int threads = 1) =>
        Run(m, n, k, alpha, a, b, beta, c, default, threads);

    /// <summary>The same, then <paramref name="epilogue"/> on each finished tile of C.</summary>
    public static void Run(int m, int n, int k, T alpha, StridedMatrix<T> a, StridedMatrix<T> b, T beta, StridedMatrix<T> c,
        in GemmEpilogue<T> epilogue, int threads = 1)
    {
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == T.Zero)
        {
            GemmSmall.Scale(m, n, beta, c);
            epilogue.Apply(c, m, n, 0);
            return;
        }
        var p = new Problem(m, n, k, alpha, a, b, beta, c, epilogue);
        bool splitRows = (long)m * 2 >= n;
        int units = splitRows ? (m + TKernel.MR - 1) / TKernel.MR : (n + TKernel.NR - 1) / TKernel.NR;
        threads = Math.Min(threads, units);
        // Shared packed B only when the rows are split; a column split packs per member (thread-local buffers).
        p.SharedB = splitRows && threads > 1 ? GemmBuffers<T>.PackedB((long)p.KcMax * p.NcMax) : null;
        var body = new TeamBody(p, splitRows);
        CpuWorkers.Team(threads, ref body);
    }

    /// <summary>The operands and the blocking of one call.</summary>
    private struct Problem(int m, int n, int k, T alpha, StridedMatrix<T> a, StridedMatrix<T> b, T beta, StridedMatrix<T> c,
        GemmEpilogue<T> epilogue)
    {
        public readonly int M = m, N = n, K = k;
        public readonly GemmEpilogue<T> Epilogue = epilogue;
        public readonly T Alpha = alpha, Beta = beta;
        public readonly StridedMatrix<T> A = a, B = b, C = c;
        // Equal blocks no larger than this CPU's (784 = 4 x 196, not 3 x 256 + 16), rounded to whole panels.
        public readonly int KcMax = Balanced(k, GemmBlocking<T, TKernel>.Current.KC, 8);
        public readonly int NcMax = Balanced(n, GemmBlocking<T, TKernel>.Current.NC, TKernel.NR);
        public readonly int McMax = Balanced(m, GemmBlocking<T, TKernel>.Current.MC, TKernel.MR);
        public T* SharedB;
        public CpuWorkers.Barrier Barrier;
    }

    private struct TeamBody(Problem problem, bool splitRows) : ITeamBody
    {
        private Problem _p = problem;

        public void Invoke(int member, int members)
        {
            if (splitRows) RowShare(member, members);
            else ColumnShare(member, members);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void RowShare(int member, int members)
        {
            ref Problem p = ref _p;
            int mr = TKernel.MR, nr = TKernel.NR;
            var (r0, r1) = Share(p.M, mr, member, members);
            T* packedB = members > 1 ? p.SharedB : GemmBuffers<T>.PackedB((long)p.KcMax * p.NcMax);
            T* packedA = GemmBuffers<T>.PackedA((long)p.KcMax * p.McMax);
            for (int jc = 0; jc < p.N; jc += p.NcMax)
            {
                int nc = Math.Min(p.NcMax, p.N - jc);
                for (int pc = 0; pc < p.K; pc += p.KcMax)
                {
                    int kc = Math.Min(p.KcMax, p.K - pc);
                    // This member's panels of the shared B block, then wait until all panels are in.
                    var (c0, c1) = Share(nc, nr, member, members);
                    if (c1 > c0) GemmPacking.PackB(kc, c1 - c0, p.B.Slice(pc, jc + c0), packedB + (long)c0 * kc, nr);
                    if (members > 1) p.Barrier.Wait(members);
                    T beta = pc == 0 ? p.Beta : T.One;
                    for (int ic = r0; ic < r1; ic += p.McMax)
                    {
                        int mc = Math.Min(p.McMax, r1 - ic);
                        GemmPacking.PackA(mc, kc, p.A.Slice(ic, pc), packedA, mr);
                        Macro(mc, nc, kc, packedA, packedB, p.Alpha, beta, p.C.Slice(ic, jc), p.Epilogue, jc, pc + kc == p.K);
                    }
                    // Nobody repacks B while another member still reads it.
                    if (members > 1) p.Barrier.Wait(members);
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void ColumnShare(int member, int members)
        {
            ref Problem p = ref _p;
            int mr = TKernel.MR, nr = TKernel.NR;
            var (c0, c1) = Share(p.N, nr, member, members);
            T* packedB = GemmBuffers<T>.PackedB((long)p.KcMax * p.NcMax);
            T* packedA = GemmBuffers<T>.PackedA((long)p.KcMax * p.McMax);
            for (int jc = c0; jc < c1; jc += p.NcMax)
            {
                int nc = Math.Min(p.NcMax, c1 - jc);
                for (int pc = 0; pc < p.K; pc += p.KcMax)
                {
                    int kc = Math.Min(p.KcMax, p.K - pc);
                    GemmPacking.PackB(kc, nc, p.B.Slice(pc, jc), packedB, nr);
                    T beta = pc == 0 ? p.Beta : T.One;
                    for (int ic = 0; ic < p.M; ic += p.McMax)
                    {
                        int mc = Math.Min(p.McMax, p.M - ic);
                        GemmPacking.PackA(mc, kc, p.A.Slice(ic, pc), packedA, mr);
                        Macro(mc, nc, kc, packedA, packedB, p.Alpha, beta, p.C.Slice(ic, jc), p.Epilogue, jc, pc + kc == p.K);
                    }
                }
            }
        }
    }

    /// <summary>
    /// All micro-tiles of one packed (mc x kc) · (kc x nc) block product; in the last depth block (<paramref name="last"/>)
    /// the epilogue follows each tile, whose first column is column <paramref name="col0"/> + jr of C.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Macro(int mc, int nc, int kc, T* packedA, T* packedB, T alpha, T beta, StridedMatrix<T> c,
        in GemmEpilogue<T> epilogue, int col0, bool last)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        T* tile = stackalloc T[mr * nr];
        bool unitColumns = c.ColStride == 1, finish = last && !epilogue.IsNone;
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            T* aPanel = packedA + (long)ir * kc;
            for (int jr = 0; jr < nc; jr += nr)
            {
                int cols = Math.Min(nr, nc - jr);
                T* bPanel = packedB + (long)jr * kc;
                if (unitColumns && cols == nr)
                {
                    // Full width: straight into C (a bottom-edge tile computes only its rows).
                    if (rows == mr) TKernel.Run(kc, aPanel, bPanel, c.At(ir, jr), c.RowStride, alpha, beta);
                    else TKernel.RunRows(rows, kc, aPanel, bPanel, c.At(ir, jr), c.RowStride, alpha, beta);
                    if (finish) epilogue.Apply(c.Slice(ir, jr), rows, cols, col0 + jr);
                    continue;
                }
                // Right-edge tile (or strided C): compute into scratch, then merge the valid part.
                if (rows == mr) TKernel.Run(kc, aPanel, bPanel, tile, nr, T.One, T.Zero);
                else TKernel.RunRows(rows, kc, aPanel, bPanel, tile, nr, T.One, T.Zero);
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < cols; j++)
                    {
                        T* ci = c.At(ir + i, jr + j);
                        T v = alpha * tile[i * nr + j];
                        *ci = beta == T.Zero ? v : v + beta * *ci;
                    }
                if (finish) epilogue.Apply(c.Slice(ir, jr), rows, cols, col0 + jr);
            }
        }
    }

    /// <summary>Member <paramref name="member"/>'s part [start, end) of <paramref name="length"/>, cut at multiples of unit.</summary>
    private static (int Start, int End) Share(int length, int unit, int member, int members)
    {
        int units = (length + unit - 1) / unit;
        int start = (int)((long)units * member / members) * unit;
        int end = (int)((long)units * (member + 1) / members) * unit;
        return (Math.Min(start, length), Math.Min(end, length));
    }

    /// <summary>The size of equal blocks covering <paramref name="length"/>, each at most max (a multiple of unit).</summary>
    private static int Balanced(int length, int max, int unit)
    {
        int blocks = (length + max - 1) / max;
        int size = (length + blocks - 1) / blocks;
        return Math.Min(max, (size + unit - 1) / unit * unit);
    }
}
