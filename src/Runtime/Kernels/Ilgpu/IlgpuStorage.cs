using ILGPU;
using ILGPU.Runtime;

namespace StaticNet.Kernels.Ilgpu;

/// <summary>A storage in an ILGPU accelerator's memory (a GPU's, or the CPU accelerator's for <c>ilgpu-cpu</c>).</summary>
/// <remarks>Bool and UInt8 storages hold bytes (0 or 1 for Bool), as the CPU's do.</remarks>
internal sealed class IlgpuStorage<T> : Storage where T : unmanaged
{
    private readonly DType _dtype;

    public IlgpuStorage(Device device, Accelerator accelerator, DType dtype, long length)
    {
        _dtype = dtype;
        Device = device;
        Buffer = accelerator.Allocate1D<T>(Math.Max(length, 1)); // a zero-length buffer cannot be viewed on every accelerator
        Length = length;
    }

    /// <summary>The device memory.</summary>
    public MemoryBuffer1D<T, Stride1D.Dense> Buffer { get; }

    /// <summary>The whole buffer as a kernel argument.</summary>
    public ArrayView<T> View => Buffer.View;

    public override DType DType => _dtype;

    public override long Length { get; }

    // No finalizer of our own: ILGPU's buffers free their device memory when collected or when the accelerator goes.

}
