using System.Numerics;

namespace StaticNet.Kernels.Cpu.Gemm;

/// <summary>
/// The shapes not worth packing: matrix-vector products (n == 1; m == 1 by transposing) and the trivial
/// cases (C = beta·C). Packing a k x 1 panel would pad it to NR columns and waste most of the work.
/// </summary>
internal static unsafe class GemmSmall
{
    /// <summary>c = alpha · a · x + beta · c for an m x k matrix a and k-vectors given as k x 1 matrices.</summary>
    public static void Gemv<T>(int m, int k, T alpha, StridedMatrix<T> a, StridedMatrix<T> x, T beta, StridedMatrix<T> c)
        where T : unmanaged, INumber<T>
    {
        bool contiguous = a.ColStride == 1 && x.RowStride == 1;
        for (int i = 0; i < m; i++)
        {
            T sum;
            if (contiguous && (typeof(T) == typeof(float) || typeof(T) == typeof(double)))
                sum = System.Numerics.Tensors.TensorPrimitives.Dot(new ReadOnlySpan<T>(a.At(i, 0), k), new ReadOnlySpan<T>(x.Data, k));
            else
            {
                sum = T.Zero;
                T* ai = a.At(i, 0);
                for (int p = 0; p < k; p++) sum += ai[p * a.ColStride] * x.Data[p * x.RowStride];
            }
            T* ci = c.At(i, 0);
            *ci = beta == T.Zero ? alpha * sum : alpha * sum + beta * *ci;
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
