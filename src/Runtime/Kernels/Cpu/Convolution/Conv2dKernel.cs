using System.Runtime.CompilerServices;
using System.Buffers;
using System.Numerics;
using StaticNet.Kernels.Cpu.Gemm;
using CpuGemm = StaticNet.Kernels.Cpu.Gemm.Gemm;

namespace StaticNet.Kernels.Cpu.Convolution;

/// <summary>
/// 2-D convolution on the CPU as im2col + GEMM, per image and group: Y_g = W_g · col(X_g) (+ bias). Backward:
/// dX_g = col2im(W_gᵀ · dY_g), dW_g = Σ_n dY_g · col(X_g)ᵀ, db = Σ_{n,h,w} dY.
/// </summary>
/// <remarks>
/// With at least as many images as threads, the batch is split into one contiguous range per worker, each with its
/// own column buffer (rented from <see cref="ArrayPool{T}"/>, so a steady-state step allocates only its outputs) and
/// single-threaded GEMMs; smaller batches run image by image with the GEMM itself parallel. The weight gradient is
/// accumulated per worker (workers past the first into a rented partial sum) and the partial sums are added at the end,
/// so no two threads ever write the same memory.
/// </remarks>
internal static unsafe partial class Conv2dKernel
{
    /// <summary>The output [N, O, OH, OW] (given as <paramref name="outputShape"/>, which may drop N for unbatched input).</summary>
    public static Tensor Forward(Tensor input, Tensor weight, Tensor? bias, Conv2dGeometry g, long[] outputShape)
    {
        var output = new Tensor(outputShape, input.DType, zeroed: false);
        if (output.Numel == 0) return output;
        input = input.Contiguous();
        weight = weight.Contiguous();
        bias = bias?.Contiguous();
        if (input.DType == DType.Float32) Forward<float>(input, weight, bias, output, g);
        else Forward<double>(input, weight, bias, output, g);
        return output;
    }

    private static void Forward<T>(Tensor input, Tensor weight, Tensor? bias, Tensor output, Conv2dGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* x = input.Storage.Raw<T>(), w = weight.Storage.Raw<T>(), y = output.Storage.Raw<T>())
        fixed (T* b = bias is null ? default : bias.Storage.Raw<T>())
            ForwardRaw(g, x + input.StorageOffset, w + weight.StorageOffset, b is null ? null : b + bias!.StorageOffset, y, relu: false);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardImages<T>(Conv2dGeometry g, Pointers<T> p, int start, int end, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = g.K, l = g.L, og = g.Og;
        T[]? rented = g.IsPointwise ? null : ArrayPool<T>.Shared.Rent(k * l);
        try
        {
            fixed (T* col = rented)
            {
                for (int n = start; n < end; n++)
                for (int grp = 0; grp < g.G; grp++)
                {
                    T* xg = p.X + ((long)n * g.C + (long)grp * g.Cg) * g.InputPlane;
                    T* yg = p.Y + ((long)n * g.O + (long)grp * og) * l;
                    T* cols = xg;
                    if (!g.IsPointwise)
                    {
                        Im2Col.Forward(g, xg, col);
                        cols = col;
                    }
                    T beta = T.Zero;
                    if (p.B is not null)
                    {
                        for (int o = 0; o < og; o++) new Span<T>(yg + (long)o * l, l).Fill(p.B[grp * og + o]);
                        beta = T.One;
                    }
                    CpuGemm.Run(og, l, k, T.One,
                        new StridedMatrix<T>(p.W + (long)grp * og * k, k, 1),
                        new StridedMatrix<T>(cols, l, 1), beta,
                        new StridedMatrix<T>(yg, l, 1), threads);
                }
            }
        }
        finally
        {
            if (rented is not null) ArrayPool<T>.Shared.Return(rented);
        }
    }

    /// <summary>How many image ranges the batch is split into: one per thread when the batch can occupy every thread
    /// and the work is worth a fork-join, else 1 (the GEMM is then parallel itself).</summary>
    private static int Workers(Conv2dGeometry g)
    {
        int threads = CpuParallelism.MaxThreads;
        long work = (long)g.N * g.O * g.L * g.K;
        return g.N >= threads && work >= CpuGemm.ParallelThreshold ? threads : 1;
    }

    /// <summary>Runs <paramref name="body"/> over the <see cref="Workers"/> image ranges (a struct body: no closure per call).</summary>
    private static void ForImages<TBody>(Conv2dGeometry g, ref TBody body) where TBody : struct, IImageRange
    {
        int workers = Workers(g);
        if (workers == 1)
        {
            body.Run(0, 0, g.N, 0);
            return;
        }
        var ranges = new ImageRanges<TBody>(body, g.N, workers);
        CpuWorkers.For(workers, ref ranges, workers);
    }

    /// <summary>The per-range work of <see cref="ForImages"/>.</summary>
    private interface IImageRange
    {
        /// <summary>Worker <paramref name="worker"/>'s images [start, end), with GEMMs on up to <paramref name="threads"/> threads (0: all).</summary>
        void Run(int worker, int start, int end, int threads);
    }

    /// <summary>Worker w of <see cref="ForImages"/>: the images [N·w/workers, N·(w+1)/workers), with a one-thread GEMM.</summary>
    private readonly struct ImageRanges<TBody>(TBody body, int images, int workers) : IParallelBody where TBody : struct, IImageRange
    {
        public void Invoke(int w) => body.Run(w, (int)((long)images * w / workers), (int)((long)images * (w + 1) / workers), 1);
    }

    private readonly struct ForwardRange<T>(Conv2dGeometry g, Pointers<T> p) : IImageRange where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int worker, int start, int end, int threads) => ForwardImages(g, p, start, end, threads);
    }

    /// <summary>Raw pointers to the operands' first elements (pinned by the caller for the whole call).</summary>
    private readonly struct Pointers<T>(T* x, T* w, T* y, T* b) where T : unmanaged
    {
        public readonly T* X = x, W = w, Y = y, B = b;
    }
}
