using System.Numerics;
using StaticNet.Kernels.Cpu.Convolution;
using StaticNet.Kernels.Cpu.Gemm;
using StaticNet.Kernels.Cpu.Pooling;

namespace StaticNet.Kernels.Cpu;

/// <summary>
/// The CPU backend: every contract member forwards, with no work of its own, to the SIMD kernels of this folder
/// (sealed, so a call through <see cref="Backends.Cpu"/> is direct and inlinable; through <see cref="IBackend"/> it
/// is one interface call per op).
/// </summary>
internal sealed unsafe partial class CpuBackend : IBackend
{
    public Device Device => Device.Cpu;

    // Memory: host memory is the CPU's own.
    public Storage Allocate(DType dtype, long length, bool zeroed) => Storage.Allocate(dtype, length, zeroed);

    public Tensor Upload(Tensor host) => host;

    public Tensor Download(Tensor tensor) => tensor;

    // Element-wise.
    public void Binary<T, TOp>(Tensor x, Tensor y, Tensor destination) where T : unmanaged, INumber<T> where TOp : IBinaryOperator =>
        BinaryLoop.Run<T, TOp>(x, y, destination);

    public void Unary<T, TOp>(Tensor x, Tensor destination) where T : unmanaged, INumber<T> where TOp : IUnaryOperator =>
        UnaryLoop.Run<T, TOp>(x, destination);

    public void FloatUnary<T, TOp>(Tensor x, Tensor destination) where T : unmanaged, IFloatingPointIeee754<T> where TOp : IFloatUnaryOperator =>
        UnaryLoop.RunFloat<T, TOp>(x, destination);

    public void Compare<T, TOp>(Tensor x, Tensor y, Tensor destination) where T : unmanaged, INumber<T> where TOp : ICompareOperator =>
        CompareLoop.Run<T, TOp>(x, y, destination);

    public void Where(Tensor condition, Tensor x, Tensor y, Tensor destination) => WhereLoop.Run(condition, x, y, destination);

    public void LeakyRelu(Tensor x, double slope, Tensor destination) => ActivationKernels.LeakyRelu(x, slope, destination);

    public Tensor LeakyReluBackward(Tensor g, Tensor x, double slope) => ActivationKernels.LeakyReluBackward(g, x, slope);

    public Tensor Gelu(Tensor x, bool tanh) => ActivationKernels.Gelu(x, tanh);

    public Tensor GeluBackward(Tensor g, Tensor x, bool tanh) => ActivationKernels.GeluBackward(g, x, tanh);

    // Reductions.
    public void Reduce<T, TOp>(Tensor input, bool[] reduced, Tensor output) where T : unmanaged, INumber<T> where TOp : IReduceOperator =>
        ReduceLoop.Run<T, TOp>(input, reduced, output);

    public void ArgReduce<T, TOp>(Tensor input, int dim, Tensor values, Tensor indices) where T : unmanaged, INumber<T> where TOp : IArgReduceOperator =>
        ArgReduceLoop.Run<T, TOp>(input, dim, values, indices);

    public Tensor Nonzero(Tensor flags) =>
        NonzeroLoop.Run(flags.Storage.Raw<byte>().Slice((int)flags.StorageOffset, (int)flags.Numel), flags.ShapeSpan);

    // Copy and indexing.
    public void Copy(Tensor source, Tensor destination) => CopyLoop.Run(source, destination);

    public void Gather(Tensor source, Tensor offsets, Tensor destination) => IndexLoop.Gather(source, offsets, destination);

    public void Put(Tensor destination, Tensor offsets, Tensor values, bool accumulate) => IndexLoop.Put(destination, offsets, values, accumulate);

    public long[] CheckedEmbeddingIndices(Tensor indices, long rows) => EmbeddingKernel.CheckedIndices(indices, rows);

    public Tensor Embedding(Tensor weight, long[] index, long[] resultShape) => EmbeddingKernel.Forward(weight, index, resultShape);

    public Tensor EmbeddingBackward(Tensor g, long[] index, long rows, long dim, long? paddingIdx, DType dtype) =>
        EmbeddingKernel.Backward(g, index, rows, dim, paddingIdx, dtype);

    // GEMM.
    public void BatchedGemm(Tensor a, Tensor b, Tensor c, double alpha, double beta) => Gemm.BatchedGemm.Run(a, b, c, alpha, beta);

    public bool TryBatchedGemmWithBias(Tensor a, Tensor b, Tensor c, double alpha, Tensor bias) =>
        Gemm.BatchedGemm.TryRunWithBias(a, b, c, alpha, bias);

    public void HostGemm<T>(int m, int n, int k, T alpha, StridedMatrix<T> a, StridedMatrix<T> b, T beta, StridedMatrix<T> c,
        T* bias = null, bool relu = false) where T : unmanaged, IFloatingPointIeee754<T>
        => Gemm.Gemm.Run(m, n, k, alpha, a, b, beta, c, new GemmEpilogue<T>(bias, relu));

    // Convolution.
    public Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, Conv2dGeometry g, long[] outputShape) =>
        Conv2dKernel.Forward(input, weight, bias, g, outputShape);

    public (Tensor? Input, Tensor? Weight, Tensor? Bias) Conv2dBackward(Tensor gradOutput, Tensor input, Tensor weight,
        Conv2dGeometry g, bool needInput, bool needWeight, bool needBias) =>
        Conv2dKernel.Backward(gradOutput, input, weight, g, needInput, needWeight, needBias);

    public void HostConv2d<T>(Conv2dGeometry g, T* x, T* w, T* b, T* y, bool relu) where T : unmanaged, IFloatingPointIeee754<T> =>
        Conv2dKernel.ForwardRaw(g, x, w, b, y, relu);

    public void HostConv2dBackward<T>(Conv2dGeometry g, T* dy, T* x, T* w, T* dx, T* dw) where T : unmanaged, IFloatingPointIeee754<T> =>
        Conv2dKernel.BackwardRaw(g, dy, x, w, dx, dw);

    public void HostConv2dBiasGradient<T>(Conv2dGeometry g, T* dy, Span<T> db) where T : unmanaged, IFloatingPointIeee754<T> =>
        Conv2dKernel.AccumulateBiasGradient(g, dy, db);

    // Pooling.
    public (Tensor Output, Tensor Indices) MaxPool2d(Tensor input, Pool2dGeometry g, long[] outputShape) =>
        MaxPool2dKernel.Forward(input, g, outputShape);

    public Tensor MaxPool2dBackward(Tensor gradOutput, Tensor indices, long[] inputShape, Pool2dGeometry g) =>
        MaxPool2dKernel.Backward(gradOutput, indices, inputShape, g);

    public Tensor AvgPool2d(Tensor input, Pool2dGeometry g, bool countIncludePad, int divisorOverride, long[] outputShape) =>
        AvgPool2dKernel.Forward(input, g, countIncludePad, divisorOverride, outputShape);

    public Tensor AvgPool2dBackward(Tensor gradOutput, long[] inputShape, Pool2dGeometry g, bool countIncludePad, int divisorOverride) =>
        AvgPool2dKernel.Backward(gradOutput, inputShape, g, countIncludePad, divisorOverride);

    public Tensor AdaptiveAvgPool2d(Tensor input, Pool2dGeometry g, long[] outputShape) => AdaptiveAvgPool2dKernel.Forward(input, g, outputShape);

    public Tensor AdaptiveAvgPool2dBackward(Tensor gradOutput, long[] inputShape, Pool2dGeometry g) =>
        AdaptiveAvgPool2dKernel.Backward(gradOutput, inputShape, g);

    public void HostMaxPool2d<T>(Pool2dGeometry g, T* x, T* y, long* indices) where T : unmanaged, IFloatingPointIeee754<T> =>
        MaxPool2dKernel.ForwardRaw(g, x, y, indices);

    public void HostMaxPool2dBackward<T>(Pool2dGeometry g, T* dy, long* indices, T* dx) where T : unmanaged, IFloatingPointIeee754<T> =>
        MaxPool2dKernel.BackwardRaw(g, dy, indices, dx);

    public void HostAvgPool2d<T>(Pool2dGeometry g, bool countIncludePad, int divisorOverride, T* x, T* y, bool backward)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        AvgPool2dKernel.RunRaw(g, countIncludePad, divisorOverride, x, y, backward);

    // Softmax and losses.
    public Tensor Softmax(Tensor x, int dim, bool log) => SoftmaxKernel.Forward(x, dim, log);

    public Tensor SoftmaxBackward(Tensor g, Tensor y, int dim, bool log) => SoftmaxKernel.Backward(g, y, dim, log);

    public (Tensor Losses, double TotalWeight) NllLoss(Tensor input, Tensor target, Tensor? weight, long classes, long inner, long ignoreIndex) =>
        NllLossKernel.Forward(input, target, weight, classes, inner, ignoreIndex);

    public Tensor NllLossBackward(long[] inputShape, DType dtype, Tensor target, Tensor? weight, Tensor scale, long classes, long inner, long ignoreIndex) =>
        NllLossKernel.Backward(inputShape, dtype, target, weight, scale, classes, inner, ignoreIndex);

    // Optimizer updates.
    public void FusedUpdate<T, TRule, TElement>(in TRule rule, in TElement element, Tensor parameter, Tensor gradient,
        Tensor? a = null, Tensor? b = null, Tensor? c = null)
        where T : unmanaged where TRule : struct, IFusedUpdate<T> where TElement : struct, IElementUpdate<T> =>
        Cpu.FusedUpdate.Run(rule, parameter.ContiguousSpan<T>(), gradient.ContiguousSpan<T>(),
            a is null ? default : a.ContiguousSpan<T>(), b is null ? default : b.ContiguousSpan<T>(), c is null ? default : c.ContiguousSpan<T>());

    // Random fills.
    public void FillUniform(Tensor target, Generator generator, double low, double high)
    {
        var fill = new RandomFills.Uniform(target, generator, low, high);
        DTypeDispatch.Float(target.DType, ref fill);
    }

    public void FillNormal(Tensor target, Generator generator, double mean, double std, bool bulk)
    {
        var fill = new RandomFills.Normal(target, generator, mean, std, bulk);
        DTypeDispatch.Float(target.DType, ref fill);
    }

    public void FillRandInt(Tensor target, Generator generator, long low, long high)
    {
        var fill = new RandomFills.RandInt(target, generator, low, high);
        DTypeDispatch.Numeric(target.DType, ref fill);
    }

    public void FillBernoulli(Tensor target, Generator generator, double q)
    {
        var fill = new RandomFills.Bernoulli(target, generator, q);
        DTypeDispatch.Float(target.DType, ref fill);
    }

    public void FillPermutation(Tensor target, Generator generator) => generator.FillPermutation(target.ContiguousSpan<long>());
}
