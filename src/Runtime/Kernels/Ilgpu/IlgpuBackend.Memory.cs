using ILGPU;
using ILGPU.Runtime;

namespace StaticNet.Kernels.Ilgpu;

internal sealed unsafe partial class IlgpuBackend
{
    public Storage Allocate(DType dtype, long length, bool zeroed)
    {
        Storage s = dtype switch
        {
            DType.Float32 => new IlgpuStorage<float>(Device, _accelerator, dtype, length),
            DType.Float64 => new IlgpuStorage<double>(Device, _accelerator, dtype, length),
            DType.Int64 => new IlgpuStorage<long>(Device, _accelerator, dtype, length),
            DType.Int32 => new IlgpuStorage<int>(Device, _accelerator, dtype, length),
            DType.UInt8 or DType.Bool => new IlgpuStorage<byte>(Device, _accelerator, dtype, length),
            _ => throw new NotSupportedException($"dtype {dtype.PyTorchName()} on '{Device}'."),
        };
        if (zeroed) Clear(s);
        return s;
    }

    private static void Clear(Storage s)
    {
        switch (s)
        {
            case IlgpuStorage<float> f: f.Buffer.MemSetToZero(); break;
            case IlgpuStorage<double> d: d.Buffer.MemSetToZero(); break;
            case IlgpuStorage<long> l: l.Buffer.MemSetToZero(); break;
            case IlgpuStorage<int> i: i.Buffer.MemSetToZero(); break;
            case IlgpuStorage<byte> b: b.Buffer.MemSetToZero(); break;
        }
    }

    public Tensor Upload(Tensor host)
    {
        var result = new Tensor(host.ShapeArray, host.DType, Device, zeroed: false);
        if (host.Numel == 0) return result;
        switch (host.DType)
        {
            case DType.Float32: Put<float>(host, result); break;
            case DType.Float64: Put<double>(host, result); break;
            case DType.Int64: Put<long>(host, result); break;
            case DType.Int32: Put<int>(host, result); break;
            default: Put<byte>(host, result); break;
        }
        return result;
    }

    public Tensor Download(Tensor tensor)
    {
        var source = tensor.IsContiguous ? tensor : CloneOnDevice(tensor);
        var result = new Tensor(tensor.ShapeArray, tensor.DType, zeroed: false);
        if (tensor.Numel == 0) return result;
        switch (tensor.DType)
        {
            case DType.Float32: Get<float>(source, result); break;
            case DType.Float64: Get<double>(source, result); break;
            case DType.Int64: Get<long>(source, result); break;
            case DType.Int32: Get<int>(source, result); break;
            default: Get<byte>(source, result); break;
        }
        return result;
    }

    private Tensor CloneOnDevice(Tensor t)
    {
        var dense = new Tensor(t.ShapeArray, t.DType, Device, zeroed: false);
        Copy(t, dense);
        return dense;
    }

    private void Put<T>(Tensor host, Tensor device) where T : unmanaged
    {
        ReadOnlySpan<T> span = host.Storage.Raw<T>().Slice((int)host.StorageOffset, (int)host.Numel);
        View<T>(device, "to").SubView(0, host.Numel).CopyFromCPU(span);
    }

    private void Get<T>(Tensor device, Tensor host) where T : unmanaged
    {
        Span<T> span = host.Storage.Raw<T>().Slice(0, (int)host.Numel);
        View<T>(device, "cpu").SubView(device.StorageOffset, device.Numel).CopyToCPU(span);
    }
}
