namespace StaticNet.NN;

/// <summary>2-D average pooling (PyTorch's <c>nn.AvgPool2d</c>): the mean of each window.</summary>
/// <remarks>
/// Shape: input <c>(N, C, H, W)</c> or <c>(C, H, W)</c>, output <c>(N, C, H_out, W_out)</c> with
/// H_out = ⌊(H + 2·padding[0] − kernel_size[0]) / stride[0] + 1⌋ (⌈⌉ in ceil mode).
/// </remarks>
public sealed class AvgPool2d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="kernelSize">Window size: <c>2</c> or <c>(2, 3)</c>.</param>
    /// <param name="stride">Window step (default: the kernel size).</param>
    /// <param name="padding">Implicit zeros on both sides (at most half the kernel size).</param>
    /// <param name="ceilMode">Round the output size up instead of down.</param>
    /// <param name="countIncludePad">Count the padding zeros in the divisor (PyTorch's default).</param>
    /// <param name="divisorOverride">A fixed divisor instead of the window size.</param>
    public AvgPool2d(Pair kernelSize, Pair? stride = null, Pair? padding = null, bool ceilMode = false, bool countIncludePad = true,
        long? divisorOverride = null)
    {
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding ?? 0;
        CeilMode = ceilMode;
        CountIncludePad = countIncludePad;
        DivisorOverride = divisorOverride;
    }

    /// <summary>Window size, as given.</summary>
    public Pair KernelSize { get; }

    /// <summary>Window step, as given (the kernel size by default).</summary>
    public Pair Stride { get; }

    /// <summary>Padding, as given.</summary>
    public Pair Padding { get; }

    /// <summary>Whether the output size rounds up.</summary>
    public bool CeilMode { get; }

    /// <summary>Whether padding zeros count in the divisor.</summary>
    public bool CountIncludePad { get; }

    /// <summary>The fixed divisor, or null.</summary>
    public long? DivisorOverride { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) =>
        Traced(F.AvgPool2d(x, KernelSize, Stride, Padding, CeilMode, CountIncludePad, DivisorOverride));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"kernel_size={KernelSize}, stride={Stride}, padding={Padding}";
}
