using System.Numerics;

namespace StaticNet.Kernels.Cpu.Gemm;

/// <summary>
/// GEMM over tensors: <c>c[i] = alpha · a[i] · b[i] + beta · c[i]</c> for every index i of the leading (batch)
/// dimensions, the last two dimensions being the matrices. Any strides, including the zero strides of broadcast
/// batch dimensions; float and double go through the blocked <see cref="Gemm"/>, the integer dtypes through a
/// plain exact loop.
/// </summary>
internal static unsafe class BatchedGemm
{
    /// <param name="a">[*, m, k].</param>
    /// <param name="b">[*, k, n], the same leading dimensions as <paramref name="a"/>.</param>
    /// <param name="c">[*, m, n], written; not overlapping a or b.</param>
    /// <param name="alpha">Scales the product.</param>
    /// <param name="beta">Scales the old c (0: c is not read).</param>
    public static void Run(Tensor a, Tensor b, Tensor c, double alpha, double beta)
    {
        switch (c.DType)
        {
            case DType.Float32: Run<float>(a, b, c, alpha, beta); break;
            case DType.Float64: Run<double>(a, b, c, alpha, beta); break;
            case DType.Int64: Run<long>(a, b, c, alpha, beta); break;
            case DType.Int32: Run<int>(a, b, c, alpha, beta); break;
            case DType.UInt8: Run<byte>(a, b, c, alpha, beta); break;
            default: throw new NotSupportedException($"matmul is not implemented for dtype {c.DType.PyTorchName()}.");
        }
    }

    private static void Run<T>(Tensor a, Tensor b, Tensor c, double alpha, double beta) where T : unmanaged, INumber<T>
    {
        int r = c.Dim;
        int m = (int)c.ShapeSpan[r - 2], n = (int)c.ShapeSpan[r - 1], k = (int)a.ShapeSpan[r - 1];
        long batches = ShapeUtil.Numel(c.ShapeSpan[..(r - 2)]);
        if (batches == 0 || m == 0 || n == 0) return;
        var offsets = BatchOffsets(c.ShapeSpan[..(r - 2)], batches, a, b, c);
        T alphaT = T.CreateTruncating(alpha), betaT = T.CreateTruncating(beta);
        fixed (T* pa = a.Storage.Raw<T>(), pb = b.Storage.Raw<T>(), pc = c.Storage.Raw<T>())
        {
            var ma = new StridedMatrix<T>(pa, a.StridesSpan[r - 2], a.StridesSpan[r - 1]);
            var mb = new StridedMatrix<T>(pb, b.StridesSpan[r - 2], b.StridesSpan[r - 1]);
            var mc = new StridedMatrix<T>(pc, c.StridesSpan[r - 2], c.StridesSpan[r - 1]);
            int threads = CpuParallelism.MaxThreads;
            if (batches > 1 && threads > 1 && (long)m * n * k < 4 * Gemm.ParallelThreshold)
            {
                // Many small products: one batch per task, each single-threaded.
                Parallel.For(0, batches, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
                    One(m, n, k, alphaT, ma.Offset(offsets[i, 0]), mb.Offset(offsets[i, 1]), betaT, mc.Offset(offsets[i, 2]), 1));
                return;
            }
            for (long i = 0; i < batches; i++)
                One(m, n, k, alphaT, ma.Offset(offsets[i, 0]), mb.Offset(offsets[i, 1]), betaT, mc.Offset(offsets[i, 2]), 0);
        }
    }

    private static void One<T>(int m, int n, int k, T alpha, StridedMatrix<T> a, StridedMatrix<T> b, T beta, StridedMatrix<T> c, int threads)
        where T : unmanaged, INumber<T>
    {
        // typeof tests fold per instantiation; the casts only relabel the pointer type.
        if (typeof(T) == typeof(float))
            Gemm.Run(m, n, k, float.CreateTruncating(alpha), As<T, float>(a), As<T, float>(b), float.CreateTruncating(beta), As<T, float>(c), threads);
        else if (typeof(T) == typeof(double))
            Gemm.Run(m, n, k, double.CreateTruncating(alpha), As<T, double>(a), As<T, double>(b), double.CreateTruncating(beta), As<T, double>(c), threads);
        else
            GemmSmall.Naive(m, n, k, alpha, a, b, beta, c);
    }

    private static StridedMatrix<TTo> As<TFrom, TTo>(StridedMatrix<TFrom> x) where TFrom : unmanaged where TTo : unmanaged =>
        new((TTo*)x.Data, x.RowStride, x.ColStride);

    /// <summary>Storage offsets of each batch's first element in a, b and c (row-major order over the batch shape).</summary>
    private static long[,] BatchOffsets(ReadOnlySpan<long> batchShape, long batches, Tensor a, Tensor b, Tensor c)
    {
        var result = new long[batches, 3];
        int rank = batchShape.Length;
        Span<long> index = stackalloc long[rank];
        for (long i = 0; i < batches; i++)
        {
            long oa = a.StorageOffset, ob = b.StorageOffset, oc = c.StorageOffset;
            for (int d = 0; d < rank; d++)
            {
                oa += index[d] * a.StridesSpan[d];
                ob += index[d] * b.StridesSpan[d];
                oc += index[d] * c.StridesSpan[d];
            }
            result[i, 0] = oa; result[i, 1] = ob; result[i, 2] = oc;
            for (int d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < batchShape[d]) break;
                index[d] = 0;
            }
        }
        return result;
    }
}
