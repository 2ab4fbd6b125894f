namespace StaticNet.NN;

/// <summary>
/// The negative log-likelihood loss (PyTorch's <c>nn.NLLLoss</c>) of log-probabilities (e.g. a <c>LogSoftmax</c>
/// output) and class indices; see <see cref="F.NllLoss"/>. A class weight is registered as the buffer <c>weight</c>.
/// </summary>
/// <remarks>
/// Shape: input <c>(N, C)</c>, <c>(C)</c> or <c>(N, C, d1, ...)</c>; target Int64 <c>(N)</c>, <c>()</c> or
/// <c>(N, d1, ...)</c> with values in [0, C); output a scalar, or the target's shape with <see cref="LossReduction.None"/>.
/// </remarks>
public sealed class NLLLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">A weight per class, [C], or null.</param>
    /// <param name="ignoreIndex">A target value that is ignored (no loss, no weight in the mean).</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    public NLLLoss(Tensor? weight = null, long ignoreIndex = -100, LossReduction reduction = LossReduction.Mean) : base(reduction)
    {
        Weight = RegisterBuffer("weight", weight);
        IgnoreIndex = ignoreIndex;
    }

    /// <summary>The class weights, or null.</summary>
    public Tensor? Weight { get; }

    /// <summary>The ignored target value.</summary>
    public long IgnoreIndex { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => Traced(F.NllLoss(input, target, Weight, IgnoreIndex, Reduction));
}
