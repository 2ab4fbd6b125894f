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

    /// <summary>
    /// <c>c = alpha · a · b + bias</c> for 2-D float or double operands and a contiguous [n] bias, the bias added by the
    /// GEMM's epilogue; false (nothing written) for other dtypes.
    /// </summary>
    public static bool TryRunWithBias(Tensor a, Tensor b, Tensor c, double alpha, Tensor bias)
    {
        switch (c.DType)
        {
            case DType.Float32: RunWithBias<float>(a, b, c, alpha, bias); return true;
            case DType.Float64: RunWithBias<double>(a, b, c, alpha, bias); return true;
            default: return false;
        }
    }

    private static void RunWithBias<T>(Tensor a, Tensor b, Tensor c, double alpha, Tensor bias) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)c.ShapeSpan[0], n = (int)c.ShapeSpan[1], k = (int)a.ShapeSpan[1];
        fixed (T* pa = a.Storage.Raw<T>(), pb = b.Storage.Raw<T>(), pc = c.Storage.Raw<T>(), pbias = bias.Storage.Raw<T>())
            Gemm.Run(m, n, k, T.CreateTruncating(alpha),
                new StridedMatrix<T>(pa + a.StorageOffset, a.StridesSpan[0], a.StridesSpan[1]),
                new StridedMatrix<T>(pb + b.StorageOffset, b.StridesSpan[0], b.StridesSpan[1]), T.Zero,
                new StridedMatrix<T>(pc + c.StorageOffset, c.StridesSpan[0], c.StridesSpan[1]),
                new GemmEpilogue<T>(pbias + bias.StorageOffset, relu: false));
    }

    private static void Run<T>(Tensor a, Tensor b, Tensor c, double alpha, double beta) where T : unmanaged, INumber<T>
    {
        int r = c.Dim;
        int m = (int)c.ShapeSpan[r - 2], n = (int)c.ShapeSpan[r - 1], k = (int)a.ShapeSpan[r - 1];
        long batches = ShapeUtil.Numel(c.ShapeSpan[..(r - 2)]);
        if (batches == 0 || m == 0 || n == 0) return;
        T alphaT = T.CreateTruncating(alpha), betaT = T.CreateTruncating(beta);
        fixed (T* pa = a.Storage.Raw<T>(), pb = b.Storage.Raw<T>(), pc = c.Storage.Raw<T>())
        {
            var body = new BatchBody<T>(a, b, c, pa, pb, pc, m, n, k, alphaT, betaT);
            int threads = CpuParallelism.MaxThreads;
            if (batches > 1 && threads > 1 && (long)m * n * k < 4 * Gemm.ParallelThreshold)
            {
                // Many small products: one batch per iteration, each single-threaded.
                body.GemmThreads = 1;
                CpuWorkers.For((int)batches, ref body, threads);
                return;
            }
            for (int i = 0; i < batches; i++) body.Invoke(i);
        }
    }

    /// <summary>Product number i of the batch; finds its matrices by unravelling i over the batch shape.</summary>
    private struct BatchBody<T>(Tensor a, Tensor b, Tensor c, T* pa, T* pb, T* pc, int m, int n, int k, T alpha, T beta) : IParallelBody
        where T : unmanaged, INumber<T>
    {
        public int GemmThreads;

        public readonly void Invoke(int index)
        {
            int r = c.Dim;
            long oa = a.StorageOffset, ob = b.StorageOffset, oc = c.StorageOffset;
            long rest = index;
            for (int d = r - 3; d >= 0; d--)
            {
                long size = c.ShapeSpan[d], i = rest % size;
                rest /= size;
                oa += i * a.StridesSpan[d];
                ob += i * b.StridesSpan[d];
                oc += i * c.StridesSpan[d];
            }
            One(m, n, k, alpha, new StridedMatrix<T>(pa + oa, a.StridesSpan[r - 2], a.StridesSpan[r - 1]),
                new StridedMatrix<T>(pb + ob, b.StridesSpan[r - 2], b.StridesSpan[r - 1]), beta,
                new StridedMatrix<T>(pc + oc, c.StridesSpan[r - 2], c.StridesSpan[r - 1]), GemmThreads);
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
}
