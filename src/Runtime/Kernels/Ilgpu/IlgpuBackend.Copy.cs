using ILGPU;
using ILGPU.Runtime;

namespace StaticNet.Kernels.Ilgpu;

internal sealed unsafe partial class IlgpuBackend
{
    public void Copy(Tensor source, Tensor destination)
    {
        if (destination.Numel == 0) return;
        if (source.DType == destination.DType || (source.DType is DType.Bool or DType.UInt8 && destination.DType == DType.UInt8))
        {
            switch (destination.DType)
            {
                case DType.Float32: Same<float>(source, destination); break;
                case DType.Float64: Same<double>(source, destination); break;
                case DType.Int64: Same<long>(source, destination); break;
                case DType.Int32: Same<int>(source, destination); break;
                default: Same<byte>(source, destination); break;
            }
            return;
        }
        switch (source.DType)
        {
            case DType.Float32: To<float, Float32Codec>(source, destination); break;
            case DType.Float64: To<double, Float64Codec>(source, destination); break;
            case DType.Int64: To<long, Int64Codec>(source, destination); break;
            case DType.Int32: To<int, Int32Codec>(source, destination); break;
            case DType.Bool: To<byte, BoolCodec>(source, destination); break;
            default: To<byte, UInt8Codec>(source, destination); break;
        }
    }

    private void Same<T>(Tensor source, Tensor destination) where T : unmanaged
    {
        var shape = destination.ShapeSpan;
        long n = destination.Numel;
        var kernel = Kernel("copy", typeof(T), null, a => a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, GpuLayout, GpuLayout, long>(IlgpuKernels.Copy<T>));
        kernel(Grid(n), View<T>(destination, "copy_"), View<T>(source, "copy_"), GpuLayout.For(destination, shape, "copy_"), GpuLayout.For(source, shape, "copy_"), n);
    }

    private void To<TS, CS>(Tensor source, Tensor destination) where TS : unmanaged where CS : IElementCodec<TS>
    {
        switch (destination.DType)
        {
            case DType.Float32: Convert<TS, float, CS, Float32Codec>(source, destination); break;
            case DType.Float64: Convert<TS, double, CS, Float64Codec>(source, destination); break;
            case DType.Int64: Convert<TS, long, CS, Int64Codec>(source, destination); break;
            case DType.Int32: Convert<TS, int, CS, Int32Codec>(source, destination); break;
            case DType.Bool: Convert<TS, byte, CS, BoolCodec>(source, destination); break;
            default: Convert<TS, byte, CS, UInt8Codec>(source, destination); break;
        }
    }

    private void Convert<TS, TD, CS, CD>(Tensor source, Tensor destination)
        where TS : unmanaged where TD : unmanaged where CS : IElementCodec<TS> where CD : IElementCodec<TD>
    {
        var shape = destination.ShapeSpan;
        long n = destination.Numel;
        var kernel = Kernel("convert", typeof(TS), typeof((TD, CS, CD)), a =>
            a.LoadStreamKernel<ArrayView<TD>, ArrayView<TS>, GpuLayout, GpuLayout, long>(IlgpuKernels.Convert<TS, TD, CS, CD>));
        kernel(Grid(n), View<TD>(destination, "to"), View<TS>(source, "to"), GpuLayout.For(destination, shape, "to"), GpuLayout.For(source, shape, "to"), n);
    }
}
