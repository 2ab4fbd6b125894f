namespace StaticNet.NN;

/// <summary>
/// Adaptive 2-D average pooling (PyTorch's <c>nn.AdaptiveAvgPool2d</c>): averages windows sized so that the output
/// is exactly <see cref="OutputSize"/> for any input size.
/// </summary>
/// <remarks>Shape: input <c>(N, C, H_in, W_in)</c> or <c>(C, H_in, W_in)</c>, output <c>(N, C, H_out, W_out)</c>.</remarks>
public sealed class AdaptiveAvgPool2d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="outputSize">The target size: <c>5</c> for 5×5 or <c>(5, 7)</c>.</param>
    public AdaptiveAvgPool2d(Pair outputSize) => OutputSize = outputSize;

    /// <summary>The target output size, as given.</summary>
    public Pair OutputSize { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => Traced(F.AdaptiveAvgPool2d(x, OutputSize));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"output_size={OutputSize}";
}
