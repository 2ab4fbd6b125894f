using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace StaticNet.Kernels.Ilgpu;

internal sealed unsafe partial class IlgpuBackend
{
    public void LeakyRelu(Tensor x, double slope, Tensor destination)
    {
        if (destination.DType == DType.Float32) LeakyRelu<float>(x, (float)slope, destination);
        else LeakyRelu<double>(x, slope, destination);
    }

    private void LeakyRelu<T>(Tensor x, T slope, Tensor destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long n = destination.Numel;
        if (n == 0) return;
        var shape = destination.ShapeSpan;
        var kernel = Kernel("leaky-relu", typeof(T), null, a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, GpuLayout, GpuLayout, T, long>(IlgpuActivationKernels.LeakyRelu<T>));
        kernel(Grid(n), View<T>(destination, "leaky_relu"), View<T>(x, "leaky_relu"),
            GpuLayout.For(destination, shape, "leaky_relu"), GpuLayout.For(x, shape, "leaky_relu"), slope, n);
    }

    public Tensor LeakyReluBackward(Tensor g, Tensor x, double slope)
    {
        var result = new Tensor(x.ShapeArray, x.DType, Device, zeroed: false);
        var grad = g.To(x.DType);
        if (x.DType == DType.Float32) LeakyReluBackward<float>(grad, x, (float)slope, result);
        else LeakyReluBackward<double>(grad, x, slope, result);
        return result;
    }

    private void LeakyReluBackward<T>(Tensor g, Tensor x, T slope, Tensor d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long n = d.Numel;
        if (n == 0) return;
        var shape = d.ShapeSpan;
        var kernel = Kernel("leaky-relu-backward", typeof(T), null, a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<T>, GpuLayout, GpuLayout, GpuLayout, T, long>(IlgpuActivationKernels.LeakyReluBackward<T>));
        kernel(Grid(n), View<T>(d, "leaky_relu"), View<T>(g, "leaky_relu"), View<T>(x, "leaky_relu"),
            GpuLayout.For(d, shape, "leaky_relu"), GpuLayout.For(g, shape, "leaky_relu"), GpuLayout.For(x, shape, "leaky_relu"), slope, n);
    }

    public Tensor Gelu(Tensor x, bool tanh)
    {
        var result = new Tensor(x.ShapeArray, x.DType, Device, zeroed: false);
        if (x.DType == DType.Float32) Gelu<float, Float32Codec>(x, result, tanh);
        else Gelu<double, Float64Codec>(x, result, tanh);
        return result;
    }

    private void Gelu<T, TC>(Tensor x, Tensor d, bool tanh) where T : unmanaged where TC : IElementCodec<T>
    {
        long n = d.Numel;
        if (n == 0) return;
        var shape = d.ShapeSpan;
        var kernel = Kernel("gelu", typeof(T), null, a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, GpuLayout, GpuLayout, int, long>(IlgpuActivationKernels.Gelu<T, TC>));
        kernel(Grid(n), View<T>(d, "gelu"), View<T>(x, "gelu"), GpuLayout.For(d, shape, "gelu"), GpuLayout.For(x, shape, "gelu"), tanh ? 1 : 0, n);
    }

    public Tensor GeluBackward(Tensor g, Tensor x, bool tanh)
    {
        var result = new Tensor(x.ShapeArray, x.DType, Device, zeroed: false);
        var grad = g.To(x.DType);
        if (x.DType == DType.Float32) GeluBackward<float, Float32Codec>(grad, x, result, tanh);
        else GeluBackward<double, Float64Codec>(grad, x, result, tanh);
        return result;
    }

    private void GeluBackward<T, TC>(Tensor g, Tensor x, Tensor d, bool tanh) where T : unmanaged, IFloatingPointIeee754<T> where TC : IElementCodec<T>
    {
        long n = d.Numel;
        if (n == 0) return;
        var shape = d.ShapeSpan;
        var kernel = Kernel("gelu-backward", typeof(T), null, a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<T>, GpuLayout, GpuLayout, GpuLayout, int, long>(IlgpuActivationKernels.GeluBackward<T, TC>));
        kernel(Grid(n), View<T>(d, "gelu"), View<T>(g, "gelu"), View<T>(x, "gelu"),
            GpuLayout.For(d, shape, "gelu"), GpuLayout.For(g, shape, "gelu"), GpuLayout.For(x, shape, "gelu"), tanh ? 1 : 0, n);
    }
}
