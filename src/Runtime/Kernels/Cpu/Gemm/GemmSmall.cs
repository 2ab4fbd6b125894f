using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels.Cpu.Gemm;

/// <summary>
/// The shapes not worth packing: tiny products (a Linear(2, 8) at batch 4) and the trivial case C = beta·C;
/// the exact loop of the integer dtypes. Matrix-vector products are <see cref="GemmVector"/>.
/// </summary>
internal static unsafe class GemmSmall
{
    /// <summary>
    /// C = alpha · A · B + beta · C without packing, for products too small to repay it (the packed path's fixed
    /// cost is a few hundred ns: zeroed padded panels, a full 12 x 32 tile for a 4 x 8 product).
    /// </summary>
    /// <remarks>
    /// Row-major B and C: each vector of a row of C accumulates, in a register, rows of B scaled by values of A.
    /// A row-major and B transposed (X·Wᵀ): dot products of contiguous rows, vectorized along k. Otherwise, or when
    /// the rows are shorter than a vector, the plain loop.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Direct<T>(int m, int n, int k, T alpha, StridedMatrix<T> a, StridedMatrix<T> b, T beta, StridedMatrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count;
        bool vectors = Vector256.IsHardwareAccelerated;
        if (vectors && n >= w && b.ColStride == 1 && c.ColStride == 1)
        {
            for (int i = 0; i < m; i++)
            {
                T* ai = a.At(i, 0), ci = c.At(i, 0);
                int j = 0;
                for (; j + 2 * w <= n; j += 2 * w)
                {
                    // Two independent accumulators: two FMA chains in flight.
                    Vector256<T> acc0 = Vector256<T>.Zero, acc1 = Vector256<T>.Zero;
                    T* bj = b.Data + j;
                    for (int p = 0; p < k; p++)
                    {
                        var x = Vector256.Create(ai[p * a.ColStride]);
                        acc0 += x * Vector256.Load(bj + p * b.RowStride);
                        acc1 += x * Vector256.Load(bj + p * b.RowStride + w);
                    }
                    Finish(acc0, ci + j, alpha, beta);
                    Finish(acc1, ci + j + w, alpha, beta);
                }
                for (; j + w <= n; j += w)
                {
                    var acc = Vector256<T>.Zero;
                    T* bj = b.Data + j;
                    for (int p = 0; p < k; p++) acc += Vector256.Create(ai[p * a.ColStride]) * Vector256.Load(bj + p * b.RowStride);
                    Finish(acc, ci + j, alpha, beta);
                }
                for (; j < n; j++) Store(c.At(i, j), Dot(k, ai, a.ColStride, b.At(0, j), b.RowStride), alpha, beta);
            }
            return;
        }
        bool dots = vectors && k >= w && a.ColStride == 1 && b.RowStride == 1;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                T* ai = a.At(i, 0), bj = b.At(0, j);
                T sum;
                if (dots)
                {
                    var acc = Vector256<T>.Zero;
                    int p = 0;
                    for (; p + w <= k; p += w) acc += Vector256.Load(ai + p) * Vector256.Load(bj + p);
                    sum = Vector256.Sum(acc) + Dot(k - p, ai + p, 1, bj + p, 1);
                }
                else sum = Dot(k, ai, a.ColStride, bj, b.RowStride);
                Store(c.At(i, j), sum, alpha, beta);
            }
    }

    /// <summary>True when <see cref="Direct{T}"/> runs B's and C's rows as whole vectors (no scalar tail).</summary>
    public static bool HasVectorRows<T>(int n, StridedMatrix<T> b, StridedMatrix<T> c) where T : unmanaged =>
        Vector256.IsHardwareAccelerated && b.ColStride == 1 && c.ColStride == 1 && n % Vector256<T>.Count == 0;

    private static void Finish<T>(Vector256<T> acc, T* c, T alpha, T beta) where T : unmanaged, INumber<T>
    {
        acc *= alpha;
        if (beta != T.Zero) acc += Vector256.Load(c) * beta;
        Vector256.Store(acc, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T Dot<T>(int k, T* x, long xs, T* y, long ys) where T : unmanaged, INumber<T>
    {
        T sum = T.Zero;
        for (int p = 0; p < k; p++) sum += x[p * xs] * y[p * ys];
        return sum;
    }

    private static void Store<T>(T* cij, T sum, T alpha, T beta) where T : unmanaged, INumber<T> =>
        *cij = beta == T.Zero ? alpha * sum : alpha * sum + beta * *cij;

    /// <summary>C = beta · C (beta == 0 writes zeros without reading C).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scale<T>(int m, int n, T beta, StridedMatrix<T> c) where T : unmanaged, INumber<T>
    {
        if (beta == T.One) return;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                T* cij = c.At(i, j);
                *cij = beta == T.Zero ? T.Zero : beta * *cij;
            }
    }

    /// <summary>The reference triple loop, for the integer dtypes (exact, wrapping like PyTorch's integer matmul).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Naive<T>(int m, int n, int k, T alpha, StridedMatrix<T> a, StridedMatrix<T> b, T beta, StridedMatrix<T> c)
        where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++) sum += *a.At(i, p) * *b.At(p, j);
                T* cij = c.At(i, j);
                *cij = beta == T.Zero ? alpha * sum : alpha * sum + beta * *cij;
            }
    }
}
