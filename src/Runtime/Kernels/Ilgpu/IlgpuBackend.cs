using ILGPU;
using ILGPU.Runtime;

namespace StaticNet.Kernels.Ilgpu;

/// <summary>
/// The ILGPU backend of one device (<c>cuda:N</c> or <c>ilgpu-cpu</c>): storages in the accelerator's memory and
/// kernels compiled once per process (the typed launchers are cached by kernel, element type and operator).
/// </summary>
/// <remarks>
/// Only used behind <see cref="GpuBackends"/>'s JIT guard. Contract members it does not implement yet throw
/// <see cref="NotSupportedException"/> naming the op and the device (IlgpuBackend.Unsupported.cs).
/// </remarks>
internal sealed unsafe partial class IlgpuBackend : IBackend
{
    private readonly Accelerator _accelerator;
    private readonly Dictionary<(string Kernel, Type T, Type? Op), Delegate> _kernels = [];
    private readonly int _threads, _groups;

    public IlgpuBackend(Device device, Accelerator accelerator)
    {
        Device = device;
        _accelerator = accelerator;
        _threads = Math.Min(accelerator.MaxNumThreadsPerGroup, 256);
        _groups = Math.Max(1, accelerator.NumMultiprocessors * (accelerator.AcceleratorType == AcceleratorType.Cuda ? 8 : 1));
        GemmTile = accelerator.MaxNumThreadsPerGroup >= 256 ? 16 : 4;
        GemmKernel = accelerator.AcceleratorType == AcceleratorType.CPU ? GemmKernel.RegisterBlocks : GemmKernel.SharedMemoryTiles;
    }

    public Device Device { get; }

    /// <summary>The GEMM tile edge: 16 (256 threads a group) where the device allows it, 4 on ILGPU's CPU accelerator (16).</summary>
    internal int GemmTile { get; }

    /// <summary>
    /// The GEMM kernel matmul and the convolution run: the shared-memory tiles on a GPU; on ILGPU's CPU accelerator the
    /// barrier-free register blocks, because there a group's threads are OS threads and each <c>Group.Barrier</c> is a
    /// rendezvous of them (~0.1 ms measured on 2 cores), and the tiled kernel waits twice per k tile in every group: the
    /// first Linear of seed 000's network (64×784 by 784×512) took 190 s tiled and 0.08 s in register blocks (AMD EPYC
    /// Zen 5, 2 cores, loaded machine).
    /// </summary>
    internal GemmKernel GemmKernel { get; }

    /// <summary>The cached launcher of a kernel, compiled on first use.</summary>
    private TDelegate Kernel<TDelegate>(string name, Type t, Type? op, Func<Accelerator, TDelegate> load) where TDelegate : Delegate
    {
        lock (_kernels)
        {
            if (_kernels.TryGetValue((name, t, op), out var cached)) return (TDelegate)cached;
            var loaded = load(_accelerator);
            _kernels[(name, t, op)] = loaded;
            return loaded;
        }
    }

    /// <summary>A fixed grid for a grid-stride loop over <paramref name="n"/> items.</summary>
    private KernelConfig Grid(long n)
    {
        long groups = Math.Clamp((n + _threads - 1) / _threads, 1, _groups);
        return new KernelConfig((int)groups, _threads);
    }

    /// <summary>The device view of a tensor's storage (which must live on this device).</summary>
    private ArrayView<T> View<T>(Tensor t, string op) where T : unmanaged =>
        t.Storage is IlgpuStorage<T> s && t.Device == Device
            ? s.View
            : throw new ArgumentException($"{op}: expected a tensor on '{Device}' of element type {typeof(T).Name}, got one on '{t.Device}' of dtype {t.DType.PyTorchName()}.");
}
