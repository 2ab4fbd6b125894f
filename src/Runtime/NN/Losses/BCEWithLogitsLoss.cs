namespace StaticNet.NN;

/// <summary>
/// A sigmoid and the binary cross-entropy in one numerically stable step (PyTorch's <c>nn.BCEWithLogitsLoss</c>);
/// see <see cref="F.BinaryCrossEntropyWithLogits"/>. <c>weight</c> and <c>pos_weight</c> are registered as buffers.
/// </summary>
/// <remarks>Shape: input <c>(*)</c> logits, target <c>(*)</c> the same shape; output a scalar, or <c>(*)</c> with <see cref="LossReduction.None"/>.</remarks>
public sealed class BCEWithLogitsLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">Weights broadcastable to the input, or null.</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <param name="posWeight">Weights of positive examples, broadcastable to the input (one per class, [C]), or null.</param>
    public BCEWithLogitsLoss(Tensor? weight = null, LossReduction reduction = LossReduction.Mean, Tensor? posWeight = null) : base(reduction)
    {
        Weight = RegisterBuffer("weight", weight);
        PosWeight = RegisterBuffer("pos_weight", posWeight);
    }

    /// <summary>The weights, or null.</summary>
    public Tensor? Weight { get; }

    /// <summary>The positive-example weights, or null.</summary>
    public Tensor? PosWeight { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) =>
        Traced(F.BinaryCrossEntropyWithLogits(input, target, Weight, Reduction, PosWeight));
}
