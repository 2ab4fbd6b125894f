using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace StaticNet.Kernels.Ilgpu;

internal sealed unsafe partial class IlgpuBackend
{
    public void Binary<T, TOp>(Tensor x, Tensor y, Tensor destination) where T : unmanaged, INumber<T> where TOp : IBinaryOperator
    {
        long n = destination.Numel;
        if (n == 0) return;
        // Pow's scalar form branches on typeof(T), which ILGPU cannot compile (and a failed compile would poison the
        // context for every later kernel): pow has kernels of its own, one per kind of element type.
        if (typeof(TOp) == typeof(PowOperator))
        {
            Pow<T>(x, y, destination);
            return;
        }
        var shape = destination.ShapeSpan;
        var kernel = Kernel("binary", typeof(T), typeof(TOp), a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<T>, GpuLayout, GpuLayout, GpuLayout, long>(IlgpuKernels.Binary<T, TOp>));
        kernel(Grid(n), View<T>(destination, "binary"), View<T>(x, "binary"), View<T>(y, "binary"),
            GpuLayout.For(destination, shape, "binary"), GpuLayout.For(x, shape, "binary"), GpuLayout.For(y, shape, "binary"), n);
    }

    /// <summary>x^y: Math.Pow's semantics for Float32 and Float64 (T.Pow), repeated squaring for the integer types.</summary>
    private void Pow<T>(Tensor x, Tensor y, Tensor destination) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float)) PowKernel<float>("float-pow", IlgpuKernels.FloatPow<float>, x, y, destination);
        else if (typeof(T) == typeof(double)) PowKernel<double>("float-pow", IlgpuKernels.FloatPow<double>, x, y, destination);
        else PowKernel<T>("integer-pow", IlgpuKernels.IntegerPow<T>, x, y, destination);
    }

    private void PowKernel<T>(string name, Action<ArrayView<T>, ArrayView<T>, ArrayView<T>, GpuLayout, GpuLayout, GpuLayout, long> body,
        Tensor x, Tensor y, Tensor destination) where T : unmanaged
    {
        long n = destination.Numel;
        var shape = destination.ShapeSpan;
        var kernel = Kernel(name, typeof(T), null, a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<T>, GpuLayout, GpuLayout, GpuLayout, long>(body));
        kernel(Grid(n), View<T>(destination, "pow"), View<T>(x, "pow"), View<T>(y, "pow"),
            GpuLayout.For(destination, shape, "pow"), GpuLayout.For(x, shape, "pow"), GpuLayout.For(y, shape, "pow"), n);
    }

    public void Unary<T, TOp>(Tensor x, Tensor destination) where T : unmanaged, INumber<T> where TOp : IUnaryOperator
    {
        long n = destination.Numel;
        if (n == 0) return;
        var shape = destination.ShapeSpan;
        var kernel = Kernel("unary", typeof(T), typeof(TOp), a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, GpuLayout, GpuLayout, long>(IlgpuKernels.Unary<T, TOp>));
        kernel(Grid(n), View<T>(destination, "unary"), View<T>(x, "unary"), GpuLayout.For(destination, shape, "unary"), GpuLayout.For(x, shape, "unary"), n);
    }

    public void FloatUnary<T, TOp>(Tensor x, Tensor destination) where T : unmanaged, IFloatingPointIeee754<T> where TOp : IFloatUnaryOperator
    {
        long n = destination.Numel;
        if (n == 0) return;
        var shape = destination.ShapeSpan;
        var kernel = Kernel("float-unary", typeof(T), typeof(TOp), a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, GpuLayout, GpuLayout, long>(IlgpuKernels.FloatUnary<T, TOp>));
        kernel(Grid(n), View<T>(destination, "unary"), View<T>(x, "unary"), GpuLayout.For(destination, shape, "unary"), GpuLayout.For(x, shape, "unary"), n);
    }

    public void Compare<T, TOp>(Tensor x, Tensor y, Tensor destination) where T : unmanaged, INumber<T> where TOp : ICompareOperator
    {
        long n = destination.Numel;
        if (n == 0) return;
        var shape = destination.ShapeSpan;
        var kernel = Kernel("compare", typeof(T), typeof(TOp), a =>
            a.LoadStreamKernel<ArrayView<byte>, ArrayView<T>, ArrayView<T>, GpuLayout, GpuLayout, GpuLayout, long>(IlgpuKernels.Compare<T, TOp>));
        kernel(Grid(n), View<byte>(destination, "compare"), View<T>(x, "compare"), View<T>(y, "compare"),
            GpuLayout.For(destination, shape, "compare"), GpuLayout.For(x, shape, "compare"), GpuLayout.For(y, shape, "compare"), n);
    }

    public void Where(Tensor condition, Tensor x, Tensor y, Tensor destination)
    {
        switch (destination.DType)
        {
            case DType.Float32: Where<float>(condition, x, y, destination); break;
            case DType.Float64: Where<double>(condition, x, y, destination); break;
            case DType.Int64: Where<long>(condition, x, y, destination); break;
            case DType.Int32: Where<int>(condition, x, y, destination); break;
            default: Where<byte>(condition, x, y, destination); break;
        }
    }

    private void Where<T>(Tensor condition, Tensor x, Tensor y, Tensor destination) where T : unmanaged
    {
        long n = destination.Numel;
        if (n == 0) return;
        var shape = destination.ShapeSpan;
        var kernel = Kernel("where", typeof(T), null, a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<byte>, ArrayView<T>, ArrayView<T>, GpuLayout, GpuLayout, GpuLayout, GpuLayout, long>(IlgpuKernels.Where<T>));
        kernel(Grid(n), View<T>(destination, "where"), View<byte>(condition, "where"), View<T>(x, "where"), View<T>(y, "where"),
            GpuLayout.For(destination, shape, "where"), GpuLayout.For(condition, shape, "where"), GpuLayout.For(x, shape, "where"),
            GpuLayout.For(y, shape, "where"), n);
    }
}
