namespace StaticNet.NN;

/// <summary>
/// The cross-entropy between logits and targets (PyTorch's <c>nn.CrossEntropyLoss</c>): log_softmax over the
/// class dimension followed by the negative log-likelihood; see <see cref="F.CrossEntropy"/>. A class weight is
/// registered as the buffer <c>weight</c>.
/// </summary>
/// <remarks>
/// Shape: input <c>(N, C)</c>, <c>(C)</c> or <c>(N, C, d1, ...)</c>; target either Int64 class indices <c>(N)</c>,
/// <c>()</c> or <c>(N, d1, ...)</c>, or floating class probabilities of the input's shape; output a scalar, or one
/// loss per sample (and position) with <see cref="LossReduction.None"/>.
/// </remarks>
public sealed class CrossEntropyLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">A weight per class, [C], or null.</param>
    /// <param name="ignoreIndex">A class index that is ignored (index targets only).</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <param name="labelSmoothing">ε in [0, 1]: targets become (1 − ε)·target + ε/C.</param>
    public CrossEntropyLoss(Tensor? weight = null, long ignoreIndex = -100, LossReduction reduction = LossReduction.Mean, double labelSmoothing = 0)
        : base(reduction)
    {
        Weight = RegisterBuffer("weight", weight);
        IgnoreIndex = ignoreIndex;
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>The class weights, or null.</summary>
    public Tensor? Weight { get; }

    /// <summary>The ignored class index.</summary>
    public long IgnoreIndex { get; }

    /// <summary>The label-smoothing amount ε.</summary>
    public double LabelSmoothing { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) =>
        Traced(F.CrossEntropy(input, target, Weight, IgnoreIndex, Reduction, LabelSmoothing));
}
