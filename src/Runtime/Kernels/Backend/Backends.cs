using System.Runtime.CompilerServices;
using StaticNet.Kernels.Cpu;

namespace StaticNet.Kernels;

/// <summary>Picks the backend of a device: the one place above the kernels that knows which backends exist.</summary>
internal static class Backends
{
    /// <summary>The CPU backend (SIMD kernels on all cores).</summary>
    public static CpuBackend Cpu { get; } = new();

    /// <summary>The backend of the device <paramref name="tensor"/> lives on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IBackend Of(Tensor tensor) => tensor.Storage.Device.Type == DeviceType.Cpu ? Cpu : For(tensor.Storage.Device);

    /// <summary>The backend of <paramref name="device"/>; throws, naming the device, when it cannot be used here.</summary>
    public static IBackend For(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.Type == DeviceType.Cpu ? Cpu : Ilgpu.GpuBackends.Get(device);
    }

    /// <summary>destination = source (converted, broadcast), moving the source to the destination's device first.</summary>
    public static void Copy(Tensor source, Tensor destination)
    {
        // copy_ across devices is a transfer (PyTorch allows it): the source moves to the destination's device, then
        // the same-device copy converts and broadcasts.
        var from = source.Device == destination.Device ? source : source.MoveData(destination.Device);
        Of(destination).Copy(from, destination);
    }

    /// <summary>c = alpha·a·b + beta·c on the operands' common device.</summary>
    public static void BatchedGemm(Tensor a, Tensor b, Tensor c, double alpha, double beta)
    {
        CheckSame("matmul", a, b, c);
        Of(c).BatchedGemm(a, b, c, alpha, beta);
    }

    /// <summary>destination[i] = source at offsets[i], on their common device.</summary>
    public static void Gather(Tensor source, Tensor offsets, Tensor destination)
    {
        CheckSame("index", source, offsets, destination);
        Of(destination).Gather(source, offsets, destination);
    }

    /// <summary>destination at offsets[i] = (+=) values[i], on their common device.</summary>
    public static void Put(Tensor destination, Tensor offsets, Tensor values, bool accumulate)
    {
        CheckSame("index_put_", destination, offsets, values);
        Of(destination).Put(destination, offsets, values, accumulate);
    }

    /// <summary>Throws PyTorch's error, naming the op and both devices, when the tensors do not share one device.</summary>
    public static void CheckSame(string op, Tensor a, Tensor b, Tensor c)
    {
        if (a.Device != b.Device) throw MixedDevices(op, a.Device, b.Device);
        if (a.Device != c.Device) throw MixedDevices(op, a.Device, c.Device);
    }

    /// <summary>PyTorch's message for an op whose tensors live on different devices.</summary>
    public static ArgumentException MixedDevices(string op, Device a, Device b) => new(
        $"{op}: expected all tensors to be on the same device, but found at least two devices, {a} and {b}.");

    /// <summary>Below this many elements the CPU kernels stay on the calling thread.</summary>
    public const long CpuParallelThreshold = StridedLayout.ParallelThreshold;

    /// <summary>The CPU backend's worker count (Torch.SetNumThreads).</summary>
    public static int CpuThreads
    {
        get => CpuParallelism.MaxThreads;
        set => CpuParallelism.MaxThreads = value;
    }
}
