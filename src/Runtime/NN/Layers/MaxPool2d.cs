namespace StaticNet.NN;

/// <summary>2-D max pooling (PyTorch's <c>nn.MaxPool2d</c>): the maximum of each window.</summary>
/// <remarks>
/// Shape: input <c>(N, C, H, W)</c> or <c>(C, H, W)</c>, output <c>(N, C, H_out, W_out)</c> with
/// H_out = ⌊(H + 2·padding[0] − dilation[0]·(kernel_size[0] − 1) − 1) / stride[0] + 1⌋ (⌈⌉ in ceil mode).
/// For the indices of the maxima (PyTorch's <c>return_indices=True</c>) call <see cref="F.MaxPool2dWithIndices"/>.
/// </remarks>
public sealed class MaxPool2d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="kernelSize">Window size: <c>2</c> or <c>(2, 3)</c>.</param>
    /// <param name="stride">Window step (default: the kernel size).</param>
    /// <param name="padding">Implicit −∞ on both sides (at most half the kernel size).</param>
    /// <param name="dilation">Spacing between window elements.</param>
    /// <param name="ceilMode">Round the output size up instead of down.</param>
    public MaxPool2d(Pair kernelSize, Pair? stride = null, Pair? padding = null, Pair? dilation = null, bool ceilMode = false)
    {
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding ?? 0;
        Dilation = dilation ?? 1;
        CeilMode = ceilMode;
    }

    /// <summary>Window size, as given.</summary>
    public Pair KernelSize { get; }

    /// <summary>Window step, as given (the kernel size by default).</summary>
    public Pair Stride { get; }

    /// <summary>Padding, as given.</summary>
    public Pair Padding { get; }

    /// <summary>Dilation, as given.</summary>
    public Pair Dilation { get; }

    /// <summary>Whether the output size rounds up.</summary>
    public bool CeilMode { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => Traced(F.MaxPool2d(x, KernelSize, Stride, Padding, Dilation, CeilMode));

    /// <inheritdoc/>
    public override string ExtraRepr() =>
        $"kernel_size={KernelSize}, stride={Stride}, padding={Padding}, dilation={Dilation}, ceil_mode={Py(CeilMode)}";
}
