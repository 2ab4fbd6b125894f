using System.Numerics;

namespace StaticNet.Kernels.Ilgpu;

/// <summary>
/// The contract members that read host memory through pointers: the CPU plans' kernels over host workspaces. A generated
/// plan on this device never calls them (its workspace is device memory, and FusedOps.Device.cs composes its steps from this
/// backend's tensor kernels), so reaching one is a bug; each throws naming the op and the device.
/// </summary>
internal sealed unsafe partial class IlgpuBackend
{
    private NotSupportedException Unsupported(string op) => new(
        $"{op} reads host memory, which '{Device}' cannot: the ILGPU backend runs the fused plans' steps over device workspaces " +
        "(FusedOps' device path), not over host pointers.");

    public void HostConv2d<T>(Conv2dGeometry g, T* x, T* w, T* b, T* y, bool relu) where T : unmanaged, IFloatingPointIeee754<T> =>
        throw Unsupported("the fused plan's conv2d on host workspaces");

    public void HostConv2dBackward<T>(Conv2dGeometry g, T* dy, T* x, T* w, T* dx, T* dw) where T : unmanaged, IFloatingPointIeee754<T> =>
        throw Unsupported("the fused plan's conv2d backward on host workspaces");

    public void HostConv2dBiasGradient<T>(Conv2dGeometry g, T* dy, Span<T> db) where T : unmanaged, IFloatingPointIeee754<T> =>
        throw Unsupported("the fused plan's conv2d bias gradient on host workspaces");

    public void HostMaxPool2d<T>(Pool2dGeometry g, T* x, T* y, long* indices) where T : unmanaged, IFloatingPointIeee754<T> =>
        throw Unsupported("the fused plan's max_pool2d on host workspaces");

    public void HostMaxPool2dBackward<T>(Pool2dGeometry g, T* dy, long* indices, T* dx) where T : unmanaged, IFloatingPointIeee754<T> =>
        throw Unsupported("the fused plan's max_pool2d backward on host workspaces");

    public void HostAvgPool2d<T>(Pool2dGeometry g, bool countIncludePad, int divisorOverride, T* x, T* y, bool backward)
        where T : unmanaged, IFloatingPointIeee754<T> => throw Unsupported("the fused plan's avg_pool2d on host workspaces");
}
