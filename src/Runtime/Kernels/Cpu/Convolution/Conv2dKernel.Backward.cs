using System.Runtime.CompilerServices;
using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using StaticNet.Kernels.Cpu.Gemm;
using CpuGemm = StaticNet.Kernels.Cpu.Gemm.Gemm;

namespace StaticNet.Kernels.Cpu.Convolution;

internal static unsafe partial class Conv2dKernel
{
    /// <summary>
    /// The gradients for input, weight and bias (null where not asked for) given <paramref name="gradOutput"/>
    /// (the output's shape). The column matrix of each image is rebuilt rather than saved from the forward pass:
    /// it is KH·KW times larger than the input.
    /// </summary>
    public static (Tensor? Input, Tensor? Weight, Tensor? Bias) Backward(Tensor gradOutput, Tensor input, Tensor weight,
        Conv2dGeometry g, bool needInput, bool needWeight, bool needBias)
    {
        var dtype = input.DType;
        var dx = needInput ? new Tensor(input.ShapeArray, dtype, zeroed: true) : null;
        var dw = needWeight ? new Tensor(weight.ShapeArray, dtype, zeroed: true) : null;
        var db = needBias ? new Tensor([g.O], dtype, zeroed: true) : null;
        if ((long)g.N * g.O * g.L == 0) return (dx, dw, db);
        gradOutput = gradOutput.Contiguous();
        input = input.Contiguous();
        weight = weight.Contiguous();
        if (dtype == DType.Float32) Backward<float>(gradOutput, input, weight, dx, dw, db, g);
        else Backward<double>(gradOutput, input, weight, dx, dw, db, g);
        return (dx, dw, db);
    }

    private static void Backward<T>(Tensor gradOutput, Tensor input, Tensor weight, Tensor? dx, Tensor? dw, Tensor? db, Conv2dGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* dy = gradOutput.Storage.Raw<T>(), x = input.Storage.Raw<T>(), w = weight.Storage.Raw<T>())
        fixed (T* pdx = dx is null ? default : dx.Storage.Raw<T>(), pdw = dw is null ? default : dw.Storage.Raw<T>())
        {
            if (dx is not null || dw is not null)
                BackwardRaw(g, dy + gradOutput.StorageOffset, x + input.StorageOffset, w + weight.StorageOffset, pdx, pdw);
            if (db is not null) BiasGradient(g, dy + gradOutput.StorageOffset, db.Storage.Raw<T>());
        }
    }

    /// <summary>
    /// The input and weight gradients over raw contiguous buffers (the fused plans' entry point): <paramref name="dx"/>
    /// [N, C, H, W] must be zeroed (col2im adds into it) and <paramref name="dw"/> [O, C/G, KH, KW] is added into, so a
    /// parameter's <c>Grad</c> can be passed as is. Either may be null when not needed.
    /// </summary>
    internal static void BackwardRaw<T>(Conv2dGeometry g, T* dy, T* x, T* w, T* dx, T* dw) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if ((long)g.N * g.O * g.L == 0 || (dx is null && dw is null)) return;
        if (SlidingConv.Applies<T>(g))
        {
            if (dw is not null) SlidingConv.WeightGradient(g, dy, x, dw, Workers(g));
            if (dx is not null) SlidingConv.InputGradient(g, dy, w, dx, Workers(g));
            return;
        }
        if (DirectConv.Applies(g))
        {
            DirectConv.Backward(g, dy, x, w, dx, dw, Workers(g));
            return;
        }
        var p = new GradPointers<T>(dy, x, w, dx, dw);
        int workers = Workers(g);
        int weightLength = g.O * g.K;
        // Workers past the first sum their weight gradient into a partial of their own (one rented buffer for all).
        T[]? partials = workers > 1 && dw is not null ? ArrayPool<T>.Shared.Rent(checked((workers - 1) * weightLength)) : null;
        try
        {
            fixed (T* partial = partials)
            {
                if (partial is not null) new Span<T>(partial, (workers - 1) * weightLength).Clear();
                var body = new BackwardRange<T>(g, p, partial, weightLength);
                ForImages(g, ref body);
                for (int i = 1; i < workers && partial is not null; i++)
                {
                    var total = new Span<T>(p.DW, weightLength);
                    TensorPrimitives.Add(total, new ReadOnlySpan<T>(partial + (long)(i - 1) * weightLength, weightLength), total);
                }
            }
        }
        finally
        {
            if (partials is not null) ArrayPool<T>.Shared.Return(partials);
        }
    }

    private readonly struct BackwardRange<T>(Conv2dGeometry g, GradPointers<T> p, T* partials, int weightLength) : IImageRange
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int worker, int start, int end, int threads) =>
            BackwardImages(g, p, worker == 0 ? p.DW : partials + (long)(worker - 1) * weightLength, start, end, threads);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardImages<T>(Conv2dGeometry g, GradPointers<T> p, T* dw, int start, int end, int threads)
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
                    long inputOffset = ((long)n * g.C + (long)grp * g.Cg) * g.InputPlane;
                    var dyg = new StridedMatrix<T>(p.DY + ((long)n * g.O + (long)grp * og) * l, l, 1);
                    T* wg = p.W + (long)grp * og * k;
                    if (dw is not null)
                    {
                        T* cols = p.X + inputOffset;
                        if (!g.IsPointwise)
                        {
                            Im2Col.Forward(g, cols, col);
                            cols = col;
                        }
                        // dW_g [Og, K] += dY_g [Og, L] · colᵀ [L, K]
                        CpuGemm.Run(og, k, l, T.One, dyg, new StridedMatrix<T>(cols, 1, l), T.One,
                            new StridedMatrix<T>(dw + (long)grp * og * k, k, 1), threads);
                    }
                    if (p.DX is not null)
                    {
                        // col grad [K, L] = W_gᵀ [K, Og] · dY_g [Og, L]; a pointwise kernel's column matrix is dX itself.
                        T* target = g.IsPointwise ? p.DX + inputOffset : col;
                        CpuGemm.Run(k, l, og, T.One, new StridedMatrix<T>(wg, 1, k), dyg, T.Zero, new StridedMatrix<T>(target, l, 1), threads);
                        if (!g.IsPointwise) Im2Col.Backward(g, col, p.DX + inputOffset);
                    }
                }
            }
        }
        finally
        {
            if (rented is not null) ArrayPool<T>.Shared.Return(rented);
        }
    }

    /// <summary>db[o] = Σ over images and positions of dY[n, o, :, :].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BiasGradient<T>(Conv2dGeometry g, T* dy, Span<T> db) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int l = g.L;
        for (int o = 0; o < g.O; o++)
        {
            T sum = T.Zero;
            for (int n = 0; n < g.N; n++) sum += TensorPrimitives.Sum(new ReadOnlySpan<T>(dy + ((long)n * g.O + o) * l, l));
            db[o] = sum;
        }
    }

    private readonly struct GradPointers<T>(T* dy, T* x, T* w, T* dx, T* dw) where T : unmanaged
    {
        public readonly T* DY = dy, X = x, W = w, DX = dx, DW = dw;
    }
}
