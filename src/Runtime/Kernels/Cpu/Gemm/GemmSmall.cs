using System.Numerics;
using System.Numerics.Tensors;

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
    /// Row-major B and C: each row of C accumulates rows of B scaled by one value of A (vectorized along n).
    /// A row-major and B transposed (X·Wᵀ): dot products of contiguous rows. Otherwise, or when the rows are
    /// too short for vectors, the plain loop.
    /// </remarks>
    public static void Direct<T>(int m, int n, int k, T alpha, StridedMatrix<T> a, StridedMatrix<T> b, T beta, StridedMatrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n >= 16 && b.ColStride == 1 && c.ColStride == 1)
        {
            for (int i = 0; i < m; i++)
            {
                var row = new Span<T>(c.At(i, 0), n);
                if (beta == T.Zero) row.Clear();
                else if (beta != T.One) TensorPrimitives.Multiply(row, beta, row);
                T* ai = a.At(i, 0);
                for (int p = 0; p < k; p++)
                    TensorPrimitives.MultiplyAdd(new ReadOnlySpan<T>(b.At(p, 0), n), alpha * ai[p * a.ColStride], row, row);
            }
            return;
        }
        bool dots = k >= 16 && a.ColStride == 1 && b.RowStride == 1;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                T sum;
                if (dots) sum = TensorPrimitives.Dot(new ReadOnlySpan<T>(a.At(i, 0), k), new ReadOnlySpan<T>(b.At(0, j), k));
                else
                {
                    sum = T.Zero;
                    T* ai = a.At(i, 0), bj = b.At(0, j);
                    for (int p = 0; p < k; p++) sum += ai[p * a.ColStride] * bj[p * b.RowStride];
                }
                T* cij = c.At(i, j);
                *cij = beta == T.Zero ? alpha * sum : alpha * sum + beta * *cij;
            }
    }

    /// <summary>C = beta · C (beta == 0 writes zeros without reading C).</summary>
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
