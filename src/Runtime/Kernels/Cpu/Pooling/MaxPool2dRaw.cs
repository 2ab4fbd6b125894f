using System.Numerics;

namespace StaticNet.Kernels.Cpu.Pooling;

internal static unsafe partial class MaxPool2dKernel
{
    /// <summary>
    /// The forward pass over raw contiguous buffers (the fused plans' entry point): each output and the flat index of its
    /// maximum within the input plane, exactly as <see cref="Forward(Tensor, Pool2dGeometry, long[])"/> computes them.
    /// </summary>
    internal static void ForwardRaw<T>(Pool2dGeometry g, T* x, T* y, long* indices) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var p = new Ptr<T>(x, y, indices);
        PlaneLoop.For(g.Planes, (long)g.OutputPlane * g.KH * g.KW, (start, end) => ForwardPlanes(g, p, start, end));
    }

    /// <summary>Adds each output gradient onto the input its saved index names; <paramref name="dx"/> must be zeroed first.</summary>
    internal static void BackwardRaw<T>(Pool2dGeometry g, T* dy, long* indices, T* dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var p = new Ptr<T>(dx, dy, indices);
        PlaneLoop.For(g.Planes, g.OutputPlane, (start, end) => BackwardPlanes(g, p, start, end));
    }
}
