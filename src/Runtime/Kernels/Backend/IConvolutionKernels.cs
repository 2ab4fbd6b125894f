using System.Numerics;

namespace StaticNet.Kernels;

/// <summary>
/// 2-D convolution, forward and backward, over tensors and (the <c>Host*</c> members) over a CPU plan's host workspace;
/// a plan on another device runs <see cref="Conv2d"/> and <see cref="Conv2dBackward"/> over views of its device workspace.
/// </summary>
internal interface IConvolutionKernels
{
    /// <summary>The convolution of <paramref name="input"/> [N, C, H, W] by <paramref name="weight"/>, plus bias.</summary>
    Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, Conv2dGeometry g, long[] outputShape);

    /// <summary>The gradients that are asked for (the others are null).</summary>
    (Tensor? Input, Tensor? Weight, Tensor? Bias) Conv2dBackward(Tensor gradOutput, Tensor input, Tensor weight,
        Conv2dGeometry g, bool needInput, bool needWeight, bool needBias);

    /// <summary>y = conv(x, w) + b (then ReLU) on contiguous host memory.</summary>
    unsafe void HostConv2d<T>(Conv2dGeometry g, T* x, T* w, T* b, T* y, bool relu) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>dx (when not null) and dw (accumulated) from dy on contiguous host memory.</summary>
    unsafe void HostConv2dBackward<T>(Conv2dGeometry g, T* dy, T* x, T* w, T* dx, T* dw) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>db += Σ of dy over batch and positions, per output channel.</summary>
    unsafe void HostConv2dBiasGradient<T>(Conv2dGeometry g, T* dy, Span<T> db) where T : unmanaged, IFloatingPointIeee754<T>;
}
