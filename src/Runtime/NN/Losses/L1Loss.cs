namespace StaticNet.NN;

/// <summary>The mean absolute error (PyTorch's <c>nn.L1Loss</c>): mean(|input − target|) by default.</summary>
/// <remarks>Shape: input <c>(*)</c>, target <c>(*)</c> the same shape; output a scalar, or <c>(*)</c> with <see cref="LossReduction.None"/>.</remarks>
public sealed class L1Loss(LossReduction reduction = LossReduction.Mean) : Loss(reduction)
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => Traced(F.L1Loss(input, target, Reduction));
}
