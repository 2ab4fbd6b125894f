using StaticNet.Autograd;
using StaticNet.Compiler.Formulas;
using StaticNet.Kernels;

namespace StaticNet;

public static partial class F
{
    /// <summary>
    /// 2-D convolution (<c>F.conv2d</c>; strictly a cross-correlation, as in PyTorch): every output channel o is
    /// bias[o] plus the sum over its group's input channels of the input correlated with weight[o].
    /// </summary>
    /// <param name="input"><c>(N, C_in, H, W)</c>, or <c>(C_in, H, W)</c> unbatched (the output is then unbatched too).</param>
    /// <param name="weight"><c>(C_out, C_in / groups, kH, kW)</c>.</param>
    /// <param name="bias"><c>(C_out)</c> or null.</param>
    /// <param name="stride">Step of the window (default 1).</param>
    /// <param name="padding">Implicit zeros added on both sides (default 0).</param>
    /// <param name="dilation">Spacing between kernel elements (default 1).</param>
    /// <param name="groups">Input and output channels split into this many independent groups.</param>
    /// <returns><c>(N, C_out, H_out, W_out)</c> with H_out = ⌊(H + 2·padding − dilation·(kH − 1) − 1) / stride⌋ + 1.</returns>
    /// <remarks>
    /// Records <c>ConvolutionBackward0</c> with edges (input, weight, bias). For an unbatched input PyTorch records the
    /// node under an unsqueeze/squeeze pair (<c>SqueezeBackward1</c>); StaticNet records the convolution node directly.
    /// </remarks>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, Pair? stride = null, Pair? padding = null,
        Pair? dilation = null, long groups = 1)
    {
        var (geometry, outputShape) = ConvolutionChecks.Conv2d(input, weight, bias, stride ?? 1, padding ?? 0, dilation ?? 1, groups);
        var output = Backends.Of(input).Conv2d(input, weight, bias, geometry, outputShape);
        bool record = GradMode.IsEnabled && (input.RequiresGrad || weight.RequiresGrad || bias is { RequiresGrad: true });
        return record ? Graph.Record(output, new ConvolutionBackward0(input, weight, bias, geometry), input, weight, bias) : output;
    }
}

/// <summary>Argument checks of the convolutions, with PyTorch's messages.</summary>
internal static class ConvolutionChecks
{
    /// <summary>Validates a conv2d call and returns its geometry and output shape (3-D for an unbatched input).</summary>
    public static (Conv2dGeometry Geometry, long[] OutputShape) Conv2d(Tensor input, Tensor weight, Tensor? bias,
        Pair stride, Pair padding, Pair dilation, long groups)
    {
        if (input.Dim is not (3 or 4))
            throw new ArgumentException(
                $"Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: {input.Shape}");
        if (weight.Dim != 4)
            throw new ArgumentException(
                $"conv2d: expected a 4-D weight [out_channels, in_channels / groups, kH, kW], but got weight of size {weight.Shape}");
        Devices.CheckSame("conv2d", input, weight);
        if (bias is not null) Devices.CheckSame("conv2d", input, bias);
        if (input.DType != weight.DType || (bias is not null && bias.DType != input.DType))
            throw new ArgumentException(
                $"conv2d: expected input, weight and bias of one dtype, but got input {input.DType.PyTorchName()}, weight {weight.DType.PyTorchName()}" +
                (bias is null ? "" : $", bias {bias.DType.PyTorchName()}"));
        if (input.DType is not (DType.Float32 or DType.Float64))
            throw new NotSupportedException($"\"conv2d\" not implemented for '{input.DType.PyTorchName()}'");
        if (stride.Height <= 0 || stride.Width <= 0) throw new ArgumentException($"non-positive stride is not supported (conv2d stride {stride.AsTuple()})");
        if (padding.Height < 0 || padding.Width < 0) throw new ArgumentException($"negative padding is not supported (conv2d padding {padding.AsTuple()})");
        if (dilation.Height <= 0 || dilation.Width <= 0)
            throw new ArgumentException($"dilation should be greater than zero, but got [{dilation.Height}, {dilation.Width}]");
        if (groups <= 0) throw new ArgumentException($"non-positive groups is not supported (conv2d groups={groups})");

        bool batched = input.Dim == 4;
        long n = batched ? input.Size(0) : 1;
        long c = input.Size(-3), h = input.Size(-2), w = input.Size(-1);
        long o = weight.Size(0), kh = weight.Size(2), kw = weight.Size(3);
        var shownInput = StaticNet.Size.Format(batched ? input.ShapeArray : [1, .. input.ShapeArray]);
        if (o < groups)
            throw new ArgumentException(
                $"Given groups={groups}, expected weight to be at least {groups} at dimension 0, but got weight of size {weight.Shape} instead");
        if (o % groups != 0)
            throw new ArgumentException(
                $"Given groups={groups}, expected weight to be divisible by {groups} at dimension 0, but got weight of size {weight.Shape} instead");
        if (c != weight.Size(1) * groups)
            throw new ArgumentException(
                $"Given groups={groups}, weight of size {weight.Shape}, expected input{shownInput} to have {weight.Size(1) * groups} channels, but got {c} channels instead");
        if (bias is not null && (bias.Dim != 1 || bias.Size(0) != o))
            throw new ArgumentException(
                $"Given weight of size {weight.Shape}, expected bias to be 1-dimensional with {o} elements, but got bias of size {bias.Shape} instead");
        long paddedH = h + 2 * padding.Height, paddedW = w + 2 * padding.Width;
        long effectiveH = (kh - 1) * dilation.Height + 1, effectiveW = (kw - 1) * dilation.Width + 1;
        if (paddedH < effectiveH || paddedW < effectiveW)
            throw new ArgumentException(
                $"Calculated padded input size per channel: ({paddedH} x {paddedW}). Kernel size: ({effectiveH} x {effectiveW}). " +
                "Kernel size can't be greater than actual input size");

        var g = new Conv2dGeometry((int)n, (int)c, (int)h, (int)w, (int)o, (int)groups, (int)kh, (int)kw,
            ToInt(stride.Height), ToInt(stride.Width), ToInt(padding.Height), ToInt(padding.Width), ToInt(dilation.Height), ToInt(dilation.Width));
        long oh = WindowOutputSize.Convolution(h, kh, stride.Height, padding.Height, dilation.Height);
        long ow = WindowOutputSize.Convolution(w, kw, stride.Width, padding.Width, dilation.Width);
        long[] shape = batched ? [n, o, oh, ow] : [o, oh, ow];
        return (g, shape);
    }

    private static int ToInt(long value) => value <= int.MaxValue ? (int)value
        : throw new ArgumentException($"conv2d: argument {value} is larger than {int.MaxValue}");
}
