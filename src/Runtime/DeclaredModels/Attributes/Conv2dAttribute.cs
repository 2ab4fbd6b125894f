namespace StaticNet;

/// <summary>
/// Declares an <see cref="NN.Conv2d"/> layer with a square kernel: input <c>[B, inChannels, H, W]</c>, output
/// <c>[B, outChannels, (H + 2·padding − dilation·(kernel − 1) − 1) / stride + 1, …]</c>.
/// </summary>
/// <param name="inChannels">Channels of the input.</param>
/// <param name="outChannels">Channels the convolution produces.</param>
/// <param name="kernel">Kernel size (both spatial dimensions).</param>
/// <param name="stride">Step of the window.</param>
/// <param name="padding">Zeros added on both sides of each spatial dimension.</param>
/// <param name="dilation">Spacing between kernel elements.</param>
/// <param name="groups">Blocked connections from input to output channels.</param>
/// <param name="bias">Whether the layer adds a learnable bias.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class Conv2dAttribute(int inChannels, int outChannels, int kernel, int stride = 1, int padding = 0, int dilation = 1,
    int groups = 1, bool bias = true) : LayerAttribute
{
    /// <summary>Channels of the input.</summary>
    public int InChannels { get; } = inChannels;

    /// <summary>Channels the convolution produces.</summary>
    public int OutChannels { get; } = outChannels;

    /// <summary>Kernel size.</summary>
    public int Kernel { get; } = kernel;

    /// <summary>Step of the window.</summary>
    public int Stride { get; } = stride;

    /// <summary>Zero padding on each side.</summary>
    public int Padding { get; } = padding;

    /// <summary>Spacing between kernel elements.</summary>
    public int Dilation { get; } = dilation;

    /// <summary>Channel groups.</summary>
    public int Groups { get; } = groups;

    /// <summary>Whether the layer adds a learnable bias.</summary>
    public bool Bias { get; } = bias;
}
