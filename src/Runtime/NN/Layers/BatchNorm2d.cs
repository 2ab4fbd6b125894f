namespace StaticNet.NN;

/// <summary>Batch normalization over a 4-D input (PyTorch's <c>nn.BatchNorm2d</c>): each of the C channels is
/// normalized by its mean and variance over the batch and the spatial positions, then scaled and shifted.</summary>
/// <remarks>Shape: input <c>(N, C, H, W)</c>; output the same shape.</remarks>
public sealed class BatchNorm2d(long numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true,
    bool trackRunningStats = true, DType dtype = DType.Float32)
    : BatchNorm(numFeatures, eps, momentum, affine, trackRunningStats, dtype)
{
    /// <inheritdoc/>
    protected override void CheckInputDim(Tensor input)
    {
        if (input.Dim != 4) throw new ArgumentException($"{TypeName}: expected 4D input (got {input.Dim}D input)");
    }
}
