namespace StaticNet.NN;

/// <summary>Batch normalization over a 2-D or 3-D input (PyTorch's <c>nn.BatchNorm1d</c>): each of the C channels is
/// normalized by its mean and variance over the batch (and length), then scaled and shifted.</summary>
/// <remarks>Shape: input <c>(N, C)</c> or <c>(N, C, L)</c>; output the same shape.</remarks>
public sealed class BatchNorm1d(long numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true,
    bool trackRunningStats = true, DType dtype = DType.Float32)
    : BatchNorm(numFeatures, eps, momentum, affine, trackRunningStats, dtype)
{
    /// <inheritdoc/>
    protected override void CheckInputDim(Tensor input)
    {
        if (input.Dim != 2 && input.Dim != 3) throw new ArgumentException($"{TypeName}: expected 2D or 3D input (got {input.Dim}D input)");
    }
}
