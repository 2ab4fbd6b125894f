namespace StaticNet.NN;

/// <summary>
/// The binary cross-entropy of probabilities (PyTorch's <c>nn.BCELoss</c>); see <see cref="F.BinaryCrossEntropy"/>.
/// For logits use <see cref="BCEWithLogitsLoss"/>, which is numerically stable. A weight is registered as the buffer <c>weight</c>.
/// </summary>
/// <remarks>Shape: input <c>(*)</c> in [0, 1], target <c>(*)</c> the same shape; output a scalar, or <c>(*)</c> with <see cref="LossReduction.None"/>.</remarks>
public sealed class BCELoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">Weights broadcastable to the input (one per element of a batch), or null.</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    public BCELoss(Tensor? weight = null, LossReduction reduction = LossReduction.Mean) : base(reduction) =>
        Weight = RegisterBuffer("weight", weight);

    /// <summary>The weights, or null.</summary>
    public Tensor? Weight { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => Traced(F.BinaryCrossEntropy(input, target, Weight, Reduction));
}
