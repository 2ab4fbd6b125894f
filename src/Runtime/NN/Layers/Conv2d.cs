namespace StaticNet.NN;

/// <summary>
/// A 2-D convolution over an input of several planes (PyTorch's <c>nn.Conv2d</c>): y = conv2d(x, W) + b.
/// </summary>
/// <remarks>
/// Shape: input <c>(N, C_in, H, W)</c> or <c>(C_in, H, W)</c>, output <c>(N, C_out, H_out, W_out)</c> with
/// H_out = ⌊(H + 2·padding[0] − dilation[0]·(kernel_size[0] − 1) − 1) / stride[0]⌋ + 1 (W_out likewise).
/// Weight <c>[out_channels, in_channels / groups, kH, kW]</c> and bias <c>[out_channels]</c> start as PyTorch's do:
/// Kaiming uniform with a = √5 and U(−1/√fan_in, 1/√fan_in) with fan_in = in_channels / groups · kH · kW, drawn from
/// the default generator in PyTorch's order, so a seeded model starts with PyTorch's numbers.
/// Only zero padding (<c>padding_mode='zeros'</c>) and numeric padding are supported.
/// </remarks>
public sealed class Conv2d : Module
{
    /// <summary>Creates the layer with freshly initialised parameters.</summary>
    /// <param name="inChannels">Channels of the input.</param>
    /// <param name="outChannels">Channels the convolution produces.</param>
    /// <param name="kernelSize">Size of the kernel: <c>3</c> or <c>(3, 5)</c>.</param>
    /// <param name="stride">Step of the window (default 1).</param>
    /// <param name="padding">Zeros added on both sides of each spatial dimension (default 0).</param>
    /// <param name="dilation">Spacing between kernel elements (default 1).</param>
    /// <param name="groups">Blocked connections from input to output channels; both must be divisible by it.</param>
    /// <param name="bias">Whether to add a learnable bias.</param>
    /// <param name="dtype">The parameters' dtype.</param>
    public Conv2d(long inChannels, long outChannels, Pair kernelSize, Pair? stride = null, Pair? padding = null, Pair? dilation = null,
        long groups = 1, bool bias = true, DType dtype = DType.Float32)
    {
        if (groups <= 0) throw new ArgumentException($"Conv2d: groups must be a positive integer, got {groups}", nameof(groups));
        if (inChannels % groups != 0)
            throw new ArgumentException($"Conv2d: in_channels must be divisible by groups (in_channels={inChannels}, groups={groups})", nameof(inChannels));
        if (outChannels % groups != 0)
            throw new ArgumentException($"Conv2d: out_channels must be divisible by groups (out_channels={outChannels}, groups={groups})", nameof(outChannels));
        if (kernelSize.Height < 0 || kernelSize.Width < 0)
            throw new ArgumentException($"Conv2d: kernel_size must be non-negative, got {kernelSize.AsTuple()}", nameof(kernelSize));
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = new Pair(kernelSize.Height, kernelSize.Width);
        Stride = Tuple(stride ?? 1);
        Padding = Tuple(padding ?? 0);
        Dilation = Tuple(dilation ?? 1);
        Groups = groups;
        Weight = RegisterParameter("weight", new Parameter(Torch.Empty([outChannels, inChannels / groups, KernelSize.Height, KernelSize.Width], dtype)));
        Init.KaimingUniform_(Weight, a: Math.Sqrt(5));
        if (bias)
        {
            Bias = RegisterParameter("bias", new Parameter(Torch.Empty([outChannels], dtype)));
            var (fanIn, _) = Init.CalculateFanInAndFanOut(Weight);
            double bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
            Init.Uniform_(Bias, -bound, bound);
        }
    }

    /// <summary>Channels of the input.</summary>
    public long InChannels { get; }

    /// <summary>Channels of the output.</summary>
    public long OutChannels { get; }

    /// <summary>(kH, kW).</summary>
    public Pair KernelSize { get; }

    /// <summary>(sH, sW).</summary>
    public Pair Stride { get; }

    /// <summary>(pH, pW).</summary>
    public Pair Padding { get; }

    /// <summary>(dH, dW).</summary>
    public Pair Dilation { get; }

    /// <summary>Number of channel groups.</summary>
    public long Groups { get; }

    /// <summary>The weight, <c>[out_channels, in_channels / groups, kH, kW]</c>.</summary>
    public Parameter Weight { get; }

    /// <summary>The bias, <c>[out_channels]</c>, or null when created with <c>bias: false</c>.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => Traced(F.Conv2d(x, Weight, Bias, Stride, Padding, Dilation, Groups));

    /// <inheritdoc/>
    public override string ExtraRepr()
    {
        var s = $"{InChannels}, {OutChannels}, kernel_size={KernelSize.AsTuple()}, stride={Stride.AsTuple()}";
        if (Padding != new Pair(0, 0)) s += $", padding={Padding.AsTuple()}";
        if (Dilation != new Pair(1, 1)) s += $", dilation={Dilation.AsTuple()}";
        if (Groups != 1) s += $", groups={Groups}";
        if (Bias is null) s += ", bias=False";
        return s;
    }

    // PyTorch's _pair: the layer stores (and prints) every size as a tuple.
    private static Pair Tuple(Pair p) => new(p.Height, p.Width);
}
