using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace StaticNet.Kernels.Ilgpu;

/// <summary>
/// 2-D convolution as im2col + the tiled shared-memory GEMM, a chunk of images at a time: per group
/// Z_g [Og, Nc·L] = W_g [Og, K] · col_g [K, Nc·L], then the output takes Z (N and O swapped back) plus the bias.
/// Backward, with dY swapped to [O, Nc·L]: dW_g += dY_g · col_gᵀ, dcol_g = W_gᵀ · dY_g then col2im, db = Σ dY over
/// N and positions (a reduction). Groups, stride, padding and dilation are the im2col's index arithmetic.
/// </summary>
internal sealed unsafe partial class IlgpuBackend
{
    /// <summary>The most column-matrix elements one chunk may hold (256 MiB of Float32): larger batches go in chunks.</summary>
    private const long ColumnBudget = 1L << 26;

    public Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, Conv2dGeometry g, long[] outputShape)
    {
        var output = new Tensor(outputShape, input.DType, Device, zeroed: false);
        if (output.Numel == 0) return output;
        var (x, w, b) = (Contiguous(input), Contiguous(weight), bias is null ? null : Contiguous(bias));
        if (input.DType == DType.Float32) ConvForward<float>(x, w, b, output, g);
        else ConvForward<double>(x, w, b, output, g);
        return output;
    }

    private void ConvForward<T>(Tensor x, Tensor w, Tensor? b, Tensor y, Conv2dGeometry g) where T : unmanaged, INumber<T>
    {
        foreach (var (n0, nc) in ConvChunks(g))
        {
            var s = new ConvChunk(g, n0, nc);
            long nl = nc * g.L;
            var col = Im2Col<T>(x, s, g);
            var z = new Tensor([(long)g.O * nl], x.DType, Device, zeroed: false);
            LaunchGemm(Dense<T>(z), Dense<T>(w), Dense<T>(col),
                new GemmShape(g.Og, nl, g.K, 0, g.K, 1, (long)g.Og * g.K, 0, nl, 1, g.K * nl, 0, nl, 1, g.Og * nl), T.One, T.Zero, g.G);
            long count = g.O * nl;
            var scatter = Kernel("conv-scatter", typeof(T), null, a =>
                a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<T>, ConvChunk, int, long>(IlgpuConvolutionKernels.Scatter<T>));
            scatter(Grid(count), Dense<T>(y), Dense<T>(z), b is null ? Dense<T>(z) : Dense<T>(b), s, b is null ? 0 : 1, count);
        }
    }

    public (Tensor? Input, Tensor? Weight, Tensor? Bias) Conv2dBackward(Tensor gradOutput, Tensor input, Tensor weight,
        Conv2dGeometry g, bool needInput, bool needWeight, bool needBias)
    {
        var dtype = input.DType;
        var dx = needInput ? new Tensor(input.ShapeArray, dtype, Device, zeroed: true) : null;
        var dw = needWeight ? new Tensor(weight.ShapeArray, dtype, Device, zeroed: true) : null;
        var db = needBias ? new Tensor([g.O], dtype, Device, zeroed: true) : null;
        if ((long)g.N * g.O * g.L == 0) return (dx, dw, db);
        var (dy, x, w) = (Contiguous(gradOutput), Contiguous(input), Contiguous(weight));
        if (dtype == DType.Float32) ConvBackward<float>(dy, x, w, dx, dw, db, g);
        else ConvBackward<double>(dy, x, w, dx, dw, db, g);
        return (dx, dw, db);
    }

    private void ConvBackward<T>(Tensor dy, Tensor x, Tensor w, Tensor? dx, Tensor? dw, Tensor? db, Conv2dGeometry g)
        where T : unmanaged, INumber<T>
    {
        if (db is not null) Reduce<T, SumOperator>(dy.View([g.N, g.O, g.L]), [true, false, true], db);
        if (dx is null && dw is null) return;
        foreach (var (n0, nc) in ConvChunks(g))
        {
            var s = new ConvChunk(g, n0, nc);
            long nl = nc * g.L, swapped = g.O * nl;
            var z = new Tensor([swapped], x.DType, Device, zeroed: false);
            var swap = Kernel("conv-swap", typeof(T), null, a =>
                a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ConvChunk, long>(IlgpuConvolutionKernels.Swap<T>));
            swap(Grid(swapped), Dense<T>(z), Dense<T>(dy), s, swapped);
            if (dw is not null)
            {
                var col = Im2Col<T>(x, s, g);
                // dW_g [Og, K] += dY_g [Og, Nc·L] · col_gᵀ [Nc·L, K]
                LaunchGemm(Dense<T>(dw), Dense<T>(z), Dense<T>(col),
                    new GemmShape(g.Og, g.K, nl, 0, nl, 1, g.Og * nl, 0, 1, nl, g.K * nl, 0, g.K, 1, (long)g.Og * g.K), T.One, T.One, g.G);
            }
            if (dx is not null)
            {
                // dcol_g [K, Nc·L] = W_gᵀ [K, Og] · dY_g [Og, Nc·L], then each input element gathers its terms.
                long cols = g.G * g.K * nl;
                var dcol = new Tensor([cols], x.DType, Device, zeroed: false);
                LaunchGemm(Dense<T>(dcol), Dense<T>(w), Dense<T>(z),
                    new GemmShape(g.K, nl, g.Og, 0, 1, g.K, (long)g.Og * g.K, 0, nl, 1, g.Og * nl, 0, nl, 1, g.K * nl), T.One, T.Zero, g.G);
                long inputs = nc * g.C * g.InputPlane;
                var col2im = Kernel("col2im", typeof(T), null, a =>
                    a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ConvChunk, long>(IlgpuConvolutionKernels.Col2Im<T>));
                col2im(Grid(inputs), Dense<T>(dx), Dense<T>(dcol), s, inputs);
            }
        }
    }

    /// <summary>The column matrix [G, K, Nc, L] of one chunk of images.</summary>
    private Tensor Im2Col<T>(Tensor x, ConvChunk s, Conv2dGeometry g) where T : unmanaged, INumber<T>
    {
        long cols = g.G * g.K * s.Nc * g.L;
        var col = new Tensor([cols], x.DType, Device, zeroed: false);
        var kernel = Kernel("im2col", typeof(T), null, a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ConvChunk, long>(IlgpuConvolutionKernels.Im2Col<T>));
        kernel(Grid(cols), Dense<T>(col), Dense<T>(x), s, cols);
        return col;
    }

    /// <summary>Consecutive image ranges whose column matrices fit <see cref="ColumnBudget"/> (at least one image each).</summary>
    private static IEnumerable<(long Start, long Count)> ConvChunks(Conv2dGeometry g)
    {
        long perImage = Math.Max(1, (long)g.G * g.K * g.L), chunk = Math.Max(1, ColumnBudget / perImage);
        for (long n0 = 0; n0 < g.N; n0 += chunk) yield return (n0, Math.Min(chunk, g.N - n0));
    }

    /// <summary>The tensor itself when contiguous, else a contiguous copy on this device.</summary>
    private Tensor Contiguous(Tensor t) => t.IsContiguous ? t : CloneOnDevice(t);
}
