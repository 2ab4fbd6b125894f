using System.Runtime.CompilerServices;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels.Cpu.Gemm;

/// <summary>
/// Matrix-vector products, <c>y = alpha · A · x + beta · y</c> (a GEMM with n == 1, or m == 1 read transposed):
/// inference at batch 1. Packing would pad the vector to a whole panel, and the work is bound by reading A once.
/// </summary>
/// <remarks>
/// Rows of A contiguous (W·x, a Linear forward at batch 1): one dot product per row. Columns contiguous (Wᵀ·x,
/// its input gradient): y accumulates the columns, each scaled by one value of x. A large A (a 784 x 512 weight is
/// 1.6 MB) is cut into row ranges, one per thread, so both cores stream their half of it.
/// </remarks>
internal static unsafe class GemmVector
{
    /// <summary>Below this many multiply-adds (m·k) the product stays on the calling thread.</summary>
    /// <remarks>
    /// 2^17: a 0.5 MB float matrix, ~5 µs on one thread. Splitting every layer of an MLP this size keeps each core
    /// reading the same half of every weight, which then stays in that core's L2 (1 MB on Zen 4) from call to call:
    /// the W5 forward at batch 1 took 0.017–0.021 ms with the 512 x 256 layer split too, 0.022–0.031 with it on one core.
    /// </remarks>
    public const long ParallelThreshold = 1L << 17;

    /// <param name="m">Rows of A and of y.</param>
    /// <param name="k">Columns of A, rows of x.</param>
    /// <param name="alpha">Scales the product.</param>
    /// <param name="a">m x k.</param>
    /// <param name="x">k x 1 (its column stride is ignored).</param>
    /// <param name="beta">Scales the old y (0: y is not read).</param>
    /// <param name="y">m x 1, written.</param>
    /// <param name="threads">Most threads to use.</param>
    public static void Run<T>(int m, int k, T alpha, StridedMatrix<T> a, StridedMatrix<T> x, T beta, StridedMatrix<T> y, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The vector is read by every row (or every range): make it contiguous once.
        T* xs = x.Data;
        if (x.RowStride != 1 && (a.ColStride == 1 || a.RowStride == 1))
        {
            xs = GemmBuffers<T>.PackedB(k);
            for (int p = 0; p < k; p++) xs[p] = x.Data[p * x.RowStride];
        }
        var body = new Body<T>(m, k, alpha, a, xs, x.RowStride == 1 || xs != x.Data ? 1 : x.RowStride, beta, y);
        int chunks = (long)m * k >= ParallelThreshold ? Math.Min(threads, (m + 15) / 16) : 1;
        body.Chunks = chunks;
        if (chunks > 1) CpuWorkers.For(chunks, ref body, chunks);
        else body.Invoke(0);
    }

    private struct Body<T>(int m, int k, T alpha, StridedMatrix<T> a, T* x, long xStride, T beta, StridedMatrix<T> y) : IParallelBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public int Chunks;

        /// <summary>Rows [r0, r1) of chunk <paramref name="index"/>, cut at multiples of 16 (whole cache lines of y).</summary>
        public readonly void Invoke(int index)
        {
            int blocks = (m + 15) / 16;
            int r0 = Math.Min(m, (int)((long)blocks * index / Chunks) * 16);
            int r1 = Math.Min(m, (int)((long)blocks * (index + 1) / Chunks) * 16);
            if (r1 <= r0) return;
            if (a.ColStride == 1) Dots(r0, r1);
            else if (a.RowStride == 1 && y.RowStride == 1) Columns(r0, r1);
            else Strided(r0, r1);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private readonly void Dots(int r0, int r1)
        {
            int i = r0;
            if (Vector512.IsHardwareAccelerated && k >= Vector512<T>.Count)
                for (; i + 4 <= r1; i += 4) Dots4(i);
            var xv = new ReadOnlySpan<T>(x, k);
            for (; i < r1; i++)
                Store(i, TensorPrimitives.Dot(new ReadOnlySpan<T>(a.At(i, 0), k), xv));
        }

        // Four rows at once: each vector of x is loaded once for four FMA chains, and the four horizontal sums and the
        // per-call cost of a dot product are paid once per four rows (a 512-row Linear at batch 1 made 512 calls).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private readonly void Dots4(int i)
        {
            T* a0 = a.At(i, 0), a1 = a.At(i + 1, 0), a2 = a.At(i + 2, 0), a3 = a.At(i + 3, 0);
            int w = Vector512<T>.Count, p = 0;
            Vector512<T> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; p <= k - w; p += w)
            {
                var xv = Vector512.Load(x + p);
                s0 = VectorFma<T>.Of(Vector512.Load(a0 + p), xv, s0);
                s1 = VectorFma<T>.Of(Vector512.Load(a1 + p), xv, s1);
                s2 = VectorFma<T>.Of(Vector512.Load(a2 + p), xv, s2);
                s3 = VectorFma<T>.Of(Vector512.Load(a3 + p), xv, s3);
            }
            T t0 = Vector512.Sum(s0), t1 = Vector512.Sum(s1), t2 = Vector512.Sum(s2), t3 = Vector512.Sum(s3);
            for (; p < k; p++)
            {
                T xp = x[p];
                t0 += a0[p] * xp;
                t1 += a1[p] * xp;
                t2 += a2[p] * xp;
                t3 += a3[p] * xp;
            }
            Store(i, t0);
            Store(i + 1, t1);
            Store(i + 2, t2);
            Store(i + 3, t3);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private readonly void Columns(int r0, int r1)
        {
            // y[r0..r1) = beta·y, then += (alpha·x[p]) · A[r0..r1, p] column by column (each contiguous).
            var row = new Span<T>(y.At(r0, 0), r1 - r0);
            if (beta == T.Zero) row.Clear();
            else if (beta != T.One) TensorPrimitives.Multiply(row, beta, row);
            for (int p = 0; p < k; p++)
                TensorPrimitives.MultiplyAdd(new ReadOnlySpan<T>(a.At(r0, p), r1 - r0), alpha * x[p], row, row);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private readonly void Strided(int r0, int r1)
        {
            for (int i = r0; i < r1; i++)
            {
                T sum = T.Zero;
                T* ai = a.At(i, 0);
                for (int p = 0; p < k; p++) sum += ai[p * a.ColStride] * x[p * xStride];
                Store(i, sum);
            }
        }

        private readonly void Store(int i, T sum)
        {
            T* yi = y.At(i, 0);
            *yi = beta == T.Zero ? alpha * sum : alpha * sum + beta * *yi;
        }
    }
}
