using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace StaticNet.Kernels.Ilgpu;

/// <summary>
/// One ILGPU context per process and one accelerator (and backend) per device, created on first use and kept: a
/// context or accelerator per op would recompile every kernel (GPU-NOTES: contexts recreated per step are the
/// classic mistake).
/// </summary>
internal static class IlgpuDevices
{
    private static readonly Lock Gate = new();
    private static Context? _context;
    private static readonly Dictionary<Device, IlgpuBackend> Backends = [];

    private static Context Context
    {
        get
        {
            lock (Gate) return _context ??= Context.Create(b => b.Default().EnableAlgorithms());
        }
    }

    /// <summary>The CUDA devices ILGPU sees.</summary>
    public static int CudaDeviceCount => Context.GetCudaDevices().Count;

    /// <summary>The backend of <paramref name="device"/>, created on first use.</summary>
    public static IlgpuBackend Backend(Device device)
    {
        lock (Gate)
        {
            if (Backends.TryGetValue(device, out var backend)) return backend;
            var accelerator = device.Type switch
            {
                DeviceType.IlgpuCpu => Context.CreateCPUAccelerator(0),
                DeviceType.Cuda => CreateCuda(device),
                _ => throw new ArgumentException($"Device '{device}' is not an ILGPU device.", nameof(device)),
            };
            backend = new IlgpuBackend(device, accelerator);
            Backends[device] = backend;
            return backend;
        }
    }

    private static Accelerator CreateCuda(Device device)
    {
        var gpus = Context.GetCudaDevices();
        if (device.Index < gpus.Count) return gpus[device.Index].CreateAccelerator(Context);
        throw new NotSupportedException(
            $"Device '{device}' is not available: ILGPU found {gpus.Count} CUDA device(s). Available devices: cpu, ilgpu-cpu" +
            string.Concat(Enumerable.Range(0, gpus.Count).Select(i => $", cuda:{i}")) + ". Torch.Cuda.IsAvailable() reports whether a GPU can be used.");
    }
}
