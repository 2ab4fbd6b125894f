using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace StaticNet.Kernels.Ilgpu;

internal sealed unsafe partial class IlgpuBackend
{
    public (Tensor Output, Tensor Indices) MaxPool2d(Tensor input, Pool2dGeometry g, long[] outputShape)
    {
        var output = new Tensor(outputShape, input.DType, Device, zeroed: false);
        var indices = new Tensor(outputShape, DType.Int64, Device, zeroed: false);
        if (output.Numel == 0) return (output, indices);
        var x = Contiguous(input);
        if (input.DType == DType.Float32) MaxPool<float>(x, output, indices, g);
        else MaxPool<double>(x, output, indices, g);
        return (output, indices);
    }

    private void MaxPool<T>(Tensor x, Tensor y, Tensor indices, Pool2dGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var kernel = Kernel("max-pool", typeof(T), null, a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<long>, ArrayView<T>, Pool2dGeometry, long>(IlgpuPoolingKernels.MaxPool<T>));
        kernel(Grid(y.Numel), Dense<T>(y), Dense<long>(indices), Dense<T>(x), g, y.Numel);
    }

    public Tensor MaxPool2dBackward(Tensor gradOutput, Tensor indices, long[] inputShape, Pool2dGeometry g)
    {
        var dx = new Tensor(inputShape, gradOutput.DType, Device, zeroed: true);
        if (gradOutput.Numel == 0 || dx.Numel == 0) return dx;
        var (dy, idx) = (Contiguous(gradOutput), Contiguous(indices));
        if (dx.DType == DType.Float32) MaxPoolBackward<float>(dx, dy, idx, g);
        else MaxPoolBackward<double>(dx, dy, idx, g);
        return dx;
    }

    private void MaxPoolBackward<T>(Tensor dx, Tensor dy, Tensor indices, Pool2dGeometry g) where T : unmanaged, INumber<T>
    {
        var kernel = Kernel("max-pool-backward", typeof(T), null, a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<long>, Pool2dGeometry, long>(IlgpuPoolingKernels.MaxPoolBackward<T>));
        kernel(Grid(dx.Numel), Dense<T>(dx), Dense<T>(dy), Dense<long>(indices), g, dx.Numel);
    }

    public Tensor AvgPool2d(Tensor input, Pool2dGeometry g, bool countIncludePad, int divisorOverride, long[] outputShape)
    {
        var output = new Tensor(outputShape, input.DType, Device, zeroed: false);
        if (output.Numel == 0) return output;
        var x = Contiguous(input);
        if (input.DType == DType.Float32) AvgPool<float, Float32Codec>(output, x, g, countIncludePad, divisorOverride, backward: false);
        else AvgPool<double, Float64Codec>(output, x, g, countIncludePad, divisorOverride, backward: false);
        return output;
    }

    public Tensor AvgPool2dBackward(Tensor gradOutput, long[] inputShape, Pool2dGeometry g, bool countIncludePad, int divisorOverride)
    {
        var dx = new Tensor(inputShape, gradOutput.DType, Device, zeroed: true);
        if (gradOutput.Numel == 0 || dx.Numel == 0) return dx;
        var dy = Contiguous(gradOutput);
        if (dx.DType == DType.Float32) AvgPool<float, Float32Codec>(dx, dy, g, countIncludePad, divisorOverride, backward: true);
        else AvgPool<double, Float64Codec>(dx, dy, g, countIncludePad, divisorOverride, backward: true);
        return dx;
    }

    /// <summary>Forward: <paramref name="d"/> = window means of <paramref name="s"/>. Backward: d (dX) gathers s (dY) / divisor.</summary>
    private void AvgPool<T, TC>(Tensor d, Tensor s, Pool2dGeometry g, bool countIncludePad, int divisorOverride, bool backward)
        where T : unmanaged, INumber<T> where TC : IElementCodec<T>
    {
        var kernel = backward
            ? Kernel("avg-pool-backward", typeof(T), null, a =>
                a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, Pool2dGeometry, int, int, long>(IlgpuPoolingKernels.AvgPoolBackward<T, TC>))
            : Kernel("avg-pool", typeof(T), null, a =>
                a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, Pool2dGeometry, int, int, long>(IlgpuPoolingKernels.AvgPool<T, TC>));
        kernel(Grid(d.Numel), Dense<T>(d), Dense<T>(s), g, countIncludePad ? 1 : 0, divisorOverride, d.Numel);
    }

    public Tensor AdaptiveAvgPool2d(Tensor input, Pool2dGeometry g, long[] outputShape)
    {
        var output = new Tensor(outputShape, input.DType, Device, zeroed: false);
        if (output.Numel == 0) return output;
        var x = Contiguous(input);
        if (input.DType == DType.Float32) AdaptiveAvgPool<float, Float32Codec>(output, x, g, backward: false);
        else AdaptiveAvgPool<double, Float64Codec>(output, x, g, backward: false);
        return output;
    }

    public Tensor AdaptiveAvgPool2dBackward(Tensor gradOutput, long[] inputShape, Pool2dGeometry g)
    {
        var dx = new Tensor(inputShape, gradOutput.DType, Device, zeroed: true);
        if (gradOutput.Numel == 0 || dx.Numel == 0) return dx;
        var dy = Contiguous(gradOutput);
        if (dx.DType == DType.Float32) AdaptiveAvgPool<float, Float32Codec>(dx, dy, g, backward: true);
        else AdaptiveAvgPool<double, Float64Codec>(dx, dy, g, backward: true);
        return dx;
    }

    private void AdaptiveAvgPool<T, TC>(Tensor d, Tensor s, Pool2dGeometry g, bool backward)
        where T : unmanaged, INumber<T> where TC : IElementCodec<T>
    {
        var kernel = backward
            ? Kernel("adaptive-avg-pool-backward", typeof(T), null, a =>
                a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, Pool2dGeometry, long>(IlgpuPoolingKernels.AdaptiveAvgPoolBackward<T, TC>))
            : Kernel("adaptive-avg-pool", typeof(T), null, a =>
                a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, Pool2dGeometry, long>(IlgpuPoolingKernels.AdaptiveAvgPool<T, TC>));
        kernel(Grid(d.Numel), Dense<T>(d), Dense<T>(s), g, d.Numel);
    }
}
