using System.Numerics;
using StaticNet.Kernels;
using StaticNet.NN;

namespace StaticNet.Fused;

public static partial class FusedOps
{
    /// <summary>
    /// <c>output = activation(conv2d(input, W) + b)</c> for a [batch, C, H, W] input: the runtime's convolution (bias and
    /// ReLU in its epilogue), or another activation as a pass over the output.
    /// </summary>
    /// <param name="input">batch × C × H × W elements, row-major.</param>
    /// <param name="batch">The number of images.</param>
    /// <param name="height">H.</param>
    /// <param name="width">W.</param>
    /// <param name="layer">The Conv2d (groups 1); its weight and bias are of dtype T.</param>
    /// <param name="activation">The epilogue's activation.</param>
    /// <param name="output">batch × O × OH × OW elements.</param>
    public static unsafe void Conv2d<T>(PlanBuffer<T> input, int batch, int height, int width, Conv2d layer, FusedActivation activation, PlanBuffer<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = Geometry(layer, batch, height, width);
        if (!output.IsHost)
        {
            DeviceConv2d(g, input, layer.Weight, layer.Bias, activation, output);
            return;
        }
        fixed (T* x = input.Span)
        fixed (T* w = Dense<T>(layer.Weight))
        fixed (T* b = layer.Bias is { } bias ? Dense<T>(bias) : default)
        fixed (T* y = output.Span)
            Backends.Of(layer.Weight).HostConv2d(g, x, w, b, y, relu: activation == FusedActivation.Relu); // ReLU as the store's epilogue
        if (activation != FusedActivation.Relu) Activation(activation, output.Span);
    }

    /// <summary>
    /// The Conv2d's backward from dZ (<paramref name="gradOutput"/>, the activation's derivative already applied): the weight
    /// gradient <c>Σ dZ·colsᵀ</c> added into <paramref name="weightGrad"/> and, when <paramref name="gradInput"/> is not
    /// empty, the input gradient col2im(Wᵀ·dZ) written there.
    /// </summary>
    /// <param name="gradOutput">dZ: batch × O × OH × OW elements.</param>
    /// <param name="input">X: the Conv2d's saved input.</param>
    /// <param name="batch">The number of images.</param>
    /// <param name="height">H.</param>
    /// <param name="width">W.</param>
    /// <param name="layer">The Conv2d.</param>
    /// <param name="weightGrad">A contiguous tensor of the weight's shape and dtype to add into, or null.</param>
    /// <param name="gradInput">batch × C × H × W elements, or empty when x needs no gradient.</param>
    public static unsafe void Conv2dBackward<T>(PlanBuffer<T> gradOutput, PlanBuffer<T> input, int batch, int height, int width, Conv2d layer,
        Tensor? weightGrad, PlanBuffer<T> gradInput) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = Geometry(layer, batch, height, width);
        if (!gradOutput.IsHost) DeviceConv2dBackward(g, gradOutput, input, layer.Weight, weightGrad, gradInput);
        else
        {
            var dxSpan = gradInput.Span;
            dxSpan.Clear(); // col2im adds into it
            fixed (T* dy = gradOutput.Span)
            fixed (T* x = input.Span)
            fixed (T* w = Dense<T>(layer.Weight))
            fixed (T* dw = weightGrad is null ? default : weightGrad.ContiguousSpan<T>())
            fixed (T* dx = dxSpan)
                Backends.Of(layer.Weight).HostConv2dBackward(g, dy, x, w, dxSpan.IsEmpty ? null : dx, dw);
        }
        // Added straight into the weight's Grad (not a temporary returned on the edge): the gradient is final here.
        if (weightGrad is not null && ReferenceEquals(weightGrad, layer.Weight.GradInternal)) layer.Weight.RunPostAccumulateGradHooks();
    }

    /// <summary>Adds dZ's sums over images and positions into <paramref name="target"/> (the Conv2d bias's gradient).</summary>
    /// <param name="gradOutput">dZ: batch × O × OH × OW elements.</param>
    /// <param name="batch">The number of images.</param>
    /// <param name="height">The Conv2d's input height H.</param>
    /// <param name="width">Its input width W.</param>
    /// <param name="layer">The Conv2d.</param>
    /// <param name="target">A contiguous [O] tensor of dtype T.</param>
    public static unsafe void Conv2dBiasGrad<T>(PlanBuffer<T> gradOutput, int batch, int height, int width, Conv2d layer, Tensor target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = Geometry(layer, batch, height, width);
        if (!gradOutput.IsHost) DeviceConv2dBiasGrad(g, gradOutput, target);
        else
            fixed (T* dy = gradOutput.Span) Backends.Of(target).HostConv2dBiasGradient(g, dy, target.ContiguousSpan<T>());
        if (layer.Bias is { } bias && ReferenceEquals(target, bias.GradInternal)) bias.RunPostAccumulateGradHooks();
    }

    /// <summary>Max pooling: each output and the flat index of its maximum in its plane (saved for the backward).</summary>
    /// <param name="input">batch × C × H × W elements.</param>
    /// <param name="batch">The number of images.</param>
    /// <param name="shape">The pooling's sizes.</param>
    /// <param name="indices">batch × C × OH × OW indices.</param>
    /// <param name="output">batch × C × OH × OW elements.</param>
    public static unsafe void MaxPool2d<T>(PlanBuffer<T> input, int batch, FusedPool2d shape, PlanBuffer<long> indices, PlanBuffer<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!output.IsHost)
        {
            DeviceMaxPool2d(input, shape.At(batch), indices, output);
            return;
        }
        fixed (T* x = input.Span)
        fixed (T* y = output.Span)
        fixed (long* i = indices.Span)
            Backends.Cpu.HostMaxPool2d(shape.At(batch), x, y, i);
    }

    /// <summary>Max pooling's backward: each output gradient goes to the input its saved index names; the rest are zero.</summary>
    /// <param name="gradOutput">batch × C × OH × OW elements.</param>
    /// <param name="indices">The indices the forward saved.</param>
    /// <param name="batch">The number of images.</param>
    /// <param name="shape">The pooling's sizes.</param>
    /// <param name="gradInput">batch × C × H × W elements, overwritten.</param>
    public static unsafe void MaxPool2dBackward<T>(PlanBuffer<T> gradOutput, PlanBuffer<long> indices, int batch, FusedPool2d shape, PlanBuffer<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!gradInput.IsHost)
        {
            DeviceMaxPool2dBackward(gradOutput, indices, shape.At(batch), gradInput);
            return;
        }
        gradInput.Span.Clear();
        fixed (T* dy = gradOutput.Span)
        fixed (long* i = indices.Span)
        fixed (T* dx = gradInput.Span)
            Backends.Cpu.HostMaxPool2dBackward(shape.At(batch), dy, i, dx);
    }

    /// <summary>Average pooling (no divisor override).</summary>
    /// <param name="input">batch × C × H × W elements.</param>
    /// <param name="batch">The number of images.</param>
    /// <param name="shape">The pooling's sizes.</param>
    /// <param name="output">batch × C × OH × OW elements.</param>
    public static unsafe void AvgPool2d<T>(PlanBuffer<T> input, int batch, FusedPool2d shape, PlanBuffer<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!output.IsHost)
        {
            DeviceAvgPool2d(input, shape.At(batch), shape.CountIncludePad, output);
            return;
        }
        fixed (T* x = input.Span)
        fixed (T* y = output.Span)
            Backends.Cpu.HostAvgPool2d(shape.At(batch), shape.CountIncludePad, 0, x, y, backward: false);
    }

    /// <summary>Average pooling's backward: each output gradient spread evenly over its window.</summary>
    /// <param name="gradOutput">batch × C × OH × OW elements.</param>
    /// <param name="batch">The number of images.</param>
    /// <param name="shape">The pooling's sizes.</param>
    /// <param name="gradInput">batch × C × H × W elements, overwritten.</param>
    public static unsafe void AvgPool2dBackward<T>(PlanBuffer<T> gradOutput, int batch, FusedPool2d shape, PlanBuffer<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!gradInput.IsHost)
        {
            DeviceAvgPool2dBackward(gradOutput, shape.At(batch), shape.CountIncludePad, gradInput);
            return;
        }
        gradInput.Span.Clear();
        fixed (T* dy = gradOutput.Span)
        fixed (T* dx = gradInput.Span)
            Backends.Cpu.HostAvgPool2d(shape.At(batch), shape.CountIncludePad, 0, dx, dy, backward: true);
    }

    private static Conv2dGeometry Geometry(Conv2d layer, int batch, int height, int width) => new(
        batch, (int)layer.InChannels, height, width, (int)layer.OutChannels, (int)layer.Groups,
        (int)layer.KernelSize.Height, (int)layer.KernelSize.Width, (int)layer.Stride.Height, (int)layer.Stride.Width,
        (int)layer.Padding.Height, (int)layer.Padding.Width, (int)layer.Dilation.Height, (int)layer.Dilation.Width);
}
