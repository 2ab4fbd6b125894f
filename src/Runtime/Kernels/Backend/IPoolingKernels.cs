using System.Numerics;

namespace StaticNet.Kernels;

/// <summary>2-D max, average and adaptive-average pooling with their backwards.</summary>
internal interface IPoolingKernels
{
    /// <summary>The window maxima and their flat indices within each input plane (Int64).</summary>
    (Tensor Output, Tensor Indices) MaxPool2d(Tensor input, Pool2dGeometry g, long[] outputShape);

    /// <summary>Each output gradient added at its window's argmax.</summary>
    Tensor MaxPool2dBackward(Tensor gradOutput, Tensor indices, long[] inputShape, Pool2dGeometry g);

    /// <summary>The window means (PyTorch's count_include_pad and divisor_override rules).</summary>
    Tensor AvgPool2d(Tensor input, Pool2dGeometry g, bool countIncludePad, int divisorOverride, long[] outputShape);

    /// <summary>Each output gradient spread evenly over its window.</summary>
    Tensor AvgPool2dBackward(Tensor gradOutput, long[] inputShape, Pool2dGeometry g, bool countIncludePad, int divisorOverride);

    /// <summary>Means over PyTorch's adaptive windows.</summary>
    Tensor AdaptiveAvgPool2d(Tensor input, Pool2dGeometry g, long[] outputShape);

    /// <summary>The gradient of <see cref="AdaptiveAvgPool2d"/>.</summary>
    Tensor AdaptiveAvgPool2dBackward(Tensor gradOutput, long[] inputShape, Pool2dGeometry g);

    /// <summary>Max pooling of one batch on contiguous host memory (a CPU plan's workspace; other devices' plans call <see cref="MaxPool2d"/>).</summary>
    unsafe void HostMaxPool2d<T>(Pool2dGeometry g, T* x, T* y, long* indices) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The max pooling gradient on contiguous host memory.</summary>
    unsafe void HostMaxPool2dBackward<T>(Pool2dGeometry g, T* dy, long* indices, T* dx) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Average pooling (or, with <paramref name="backward"/>, its gradient from y into x) on host memory.</summary>
    unsafe void HostAvgPool2d<T>(Pool2dGeometry g, bool countIncludePad, int divisorOverride, T* x, T* y, bool backward)
        where T : unmanaged, IFloatingPointIeee754<T>;
}
