using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels.Cpu.Convolution;

/// <summary>
/// The small-channel convolution (LeNet-sized: a few output channels, short reductions): im2col into a column matrix
/// whose rows are padded to whole vectors, then the unpacked register tiles of <see cref="ConvTiles{T}"/> instead of the
/// packed GEMM. Forward writes Y = act(bias + W·col) straight into the output; backward accumulates dW as vector partial
/// sums over the whole image range (one lane reduction per weight at the end, not one per image) and forms dX as
/// col2im(Wᵀ·dY).
/// </summary>
/// <remarks>
/// The GEMM's 12 × 32 tile wastes half its rows on 6 output channels and a quarter on 16, and its packing and edge
/// handling cost more than the arithmetic at these sizes; a 6-row tile fits both, and no operand needs packing since
/// the rows it streams are contiguous. Batches are split into one image range per worker (no closures: the bodies are
/// structs); each worker has its own scratch (rented, so a steady-state step allocates nothing) and its own dW partial.
/// </remarks>
internal static unsafe class DirectConv
{
    /// <summary>True when the small-channel path applies (AVX-512 and sizes whose operands stay in cache).</summary>
    public static bool Applies(in Conv2dGeometry g) =>
        Vector512.IsHardwareAccelerated && g.Og <= 32 && g.K <= 1024 && (long)g.O * g.K <= 8192;

    private static int Padded<T>(int l) where T : unmanaged => (l + Vector512<T>.Count - 1) / Vector512<T>.Count * Vector512<T>.Count;

    /// <summary>y [N, O, OH, OW] = act(conv(x, w) + b), act being ReLU when <paramref name="relu"/> (b may be null).</summary>
    public static void Forward<T>(in Conv2dGeometry g, T* x, T* w, T* b, T* y, bool relu, int workers) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int ld = Padded<T>(g.L);
        long perWorker = (long)g.K * ld;
        T[] rented = ArrayPool<T>.Shared.Rent(checked((int)(perWorker * workers)));
        try
        {
            fixed (T* scratch = rented)
            {
                var body = new ForwardBody<T>(g, x, w, b, y, relu, workers, scratch, perWorker, ld);
                if (workers == 1) body.Invoke(0);
                else CpuWorkers.For(workers, ref body, workers);
            }
        }
        finally { ArrayPool<T>.Shared.Return(rented); }
    }

    /// <summary>dx [N, C, H, W] += col2im(Wᵀ·dY) (dx zeroed by the caller) and dw [O, C/G, KH, KW] += Σ_n dY·colᵀ; either may be null.</summary>
    public static void Backward<T>(in Conv2dGeometry g, T* dy, T* x, T* w, T* dx, T* dw, int workers) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int ld = Padded<T>(g.L), vc = Vector512<T>.Count;
        long accLength = dw is null ? 0 : (long)g.O * g.K * vc;
        long perWorker = accLength + 2L * g.K * ld + (long)g.Og * ld;
        T[] rented = ArrayPool<T>.Shared.Rent(checked((int)(perWorker * workers)));
        try
        {
            fixed (T* scratch = rented)
            {
                for (int i = 0; i < workers && accLength > 0; i++) new Span<T>(scratch + i * perWorker, (int)accLength).Clear();
                var body = new BackwardBody<T>(g, dy, x, w, dx, dw, workers, scratch, perWorker, ld, accLength);
                if (workers == 1) body.Invoke(0);
                else CpuWorkers.For(workers, ref body, workers);
                // The workers' partial sums, reduced in a fixed order (so the result does not depend on timing).
                for (int i = 0; i < workers && accLength > 0; i++)
                    ConvTiles<T>.Reduce((Vector512<T>*)(scratch + i * perWorker), dw, g.O * g.K);
            }
        }
        finally { ArrayPool<T>.Shared.Return(rented); }
    }

    private readonly struct ForwardBody<T>(Conv2dGeometry g, T* x, T* w, T* b, T* y, bool relu, int workers, T* scratch, long perWorker, int ld)
        : IParallelBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Invoke(int worker)
        {
            int k = g.K, l = g.L, og = g.Og;
            T* col = scratch + worker * perWorker;
            int start = (int)((long)g.N * worker / workers), end = (int)((long)g.N * (worker + 1) / workers);
            for (int n = start; n < end; n++)
            for (int grp = 0; grp < g.G; grp++)
            {
                Im2Col.Forward(g, x + ((long)n * g.C + (long)grp * g.Cg) * g.InputPlane, col, ld);
                ConvTiles<T>.Rows(og, l, k, w + (long)grp * og * k, k, 1, col, ld, y + ((long)n * g.O + (long)grp * og) * l, l,
                    b is null ? null : b + grp * og, relu);
            }
        }
    }

    private readonly struct BackwardBody<T>(Conv2dGeometry g, T* dy, T* x, T* w, T* dx, T* dw, int workers, T* scratch, long perWorker,
        int ld, long accLength) : IParallelBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Invoke(int worker)
        {
            int k = g.K, l = g.L, og = g.Og;
            T* acc = scratch + worker * perWorker;
            T* col = acc + accLength, colGrad = col + (long)k * ld, dyPad = colGrad + (long)k * ld;
            int start = (int)((long)g.N * worker / workers), end = (int)((long)g.N * (worker + 1) / workers);
            for (int n = start; n < end; n++)
            for (int grp = 0; grp < g.G; grp++)
            {
                // dY_g with its rows padded by zeros to whole vectors: both tiles then read whole vectors only.
                T* dyg = dy + ((long)n * g.O + (long)grp * og) * l;
                for (int o = 0; o < og; o++)
                {
                    new ReadOnlySpan<T>(dyg + (long)o * l, l).CopyTo(new Span<T>(dyPad + (long)o * ld, l));
                    new Span<T>(dyPad + (long)o * ld + l, ld - l).Clear();
                }
                long inputOffset = ((long)n * g.C + (long)grp * g.Cg) * g.InputPlane;
                if (dw is not null)
                {
                    Im2Col.Forward(g, x + inputOffset, col, ld);
                    ConvTiles<T>.Dots(og, k, ld / Vector512<T>.Count, dyPad, ld, col, ld, (Vector512<T>*)acc + (long)grp * og * k);
                }
                if (dx is not null)
                {
                    // col grad [K, ld] = W_gᵀ [K, Og] · dY_g [Og, ld]; the padding columns are computed but never read.
                    ConvTiles<T>.Rows(k, ld, og, w + (long)grp * og * k, 1, k, dyPad, ld, colGrad, ld, null, false);
                    Im2Col.Backward(g, colGrad, dx + inputOffset, ld);
                }
            }
        }
    }
}
