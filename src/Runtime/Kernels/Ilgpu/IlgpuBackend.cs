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
    }

    public Device Device { get; }

    /// <summary>The GEMM tile edge: 16 (256 threads a group) where the device allows it, 4 on ILGPU's CPU accelerator (16).</summary>
    internal int GemmTile { get; }

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
