namespace StaticNet.NN;

/// <summary>The mean squared error (PyTorch's <c>nn.MSELoss</c>): mean((input − target)²) by default.</summary>
/// <remarks>Shape: input <c>(*)</c>, target <c>(*)</c> the same shape; output a scalar, or <c>(*)</c> with <see cref="LossReduction.None"/>.</remarks>
public sealed class MSELoss(LossReduction reduction = LossReduction.Mean) : Loss(reduction)
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => Traced(F.MseLoss(input, target, Reduction));
}
