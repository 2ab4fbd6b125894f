namespace StaticNet.Tests.Autograd;

public static partial class GradCheckTable
{
    /// <summary>Probabilities in [0.1, 0.9): away from BCE's clamped logs.</summary>
    private static Tensor Prob(params long[] shape) => (Torch.Rand(shape, DType.Float64, generator: G) * 0.8 + 0.1).Detach().RequiresGrad_();

    private static Tensor Softmaxed(long rows, long cols)
    {
        var e = Torch.Rand([rows, cols], DType.Float64, generator: G) + 0.1;
        return e / e.Sum(1, keepDim: true);
    }

    internal static readonly GradCase[] ClassificationLosses =
    [
        new("LogSoftmaxBackward0", "dim 1 of a transposed input", t => F.LogSoftmax(t[0], 1), () => [RT(3, 4)]),
        new("LogSoftmaxBackward0", "dim 1 of [2, 3, 2] (strided classes)", t => F.LogSoftmax(t[0], 1), () => [R(2, 3, 2)]),
        new("LogSoftmaxBackward0", "dim 0 of a vector", t => F.LogSoftmax(t[0], 0), () => [R(4)]),
        new("NllLossBackward0", "mean with weights and an ignored target", t => F.NllLoss(t[0], t[1], t[2], ignoreIndex: 1),
            () => [R(4, 3), Idx(0, 1, 2, 2), C(3).Abs()]),
        new("NllLossBackward0", "none of a transposed input", t => F.NllLoss(t[0], t[1], reduction: LossReduction.None), () => [RT(3, 4), Idx(3, 0, 1)]),
        new("NllLoss2DBackward0", "sum over [2, 3, 2, 2]", t => F.NllLoss(t[0], t[1], reduction: LossReduction.Sum),
            () => [R(2, 3, 2, 2), Torch.Tensor(new long[,,] { { { 0, 1 }, { 2, 0 } }, { { 1, 1 }, { 2, 2 } } })]),
        new("NllLossBackward0", "cross-entropy mean (through log-softmax)", t => F.CrossEntropy(t[0], t[1]), () => [R(3, 4), Idx(2, 0, 3)]),
        new("NllLoss2DBackward0", "cross-entropy none over [2, 3, 2]", t => F.CrossEntropy(t[0], t[1], reduction: LossReduction.None),
            () => [R(2, 3, 2), Torch.Tensor(new long[,] { { 1, 2 }, { 0, 0 } })]),
        new("NllLossBackward0", "cross-entropy of one unbatched sample", t => F.CrossEntropy(t[0], t[1]), () => [R(5), Torch.Tensor(3L)]),
        new("AddBackward0", "cross-entropy with label smoothing, weights and ignore_index", t => F.CrossEntropy(t[0], t[1], t[2], 0, LossReduction.Mean, 0.2),
            () => [R(4, 3), Idx(2, 0, 1, 1), C(3).Abs()]),
        new("DivBackward0", "cross-entropy with probability targets (both differentiable)", t => F.CrossEntropy(t[0], t[1]), () => [R(3, 4), Softmaxed(3, 4).RequiresGrad_()]),
    ];

    internal static readonly GradCase[] BinaryLosses =
    [
        new("BinaryCrossEntropyBackward0", "mean, input and target", t => F.BinaryCrossEntropy(t[0], t[1]), () => [Prob(2, 3), Prob(2, 3)]),
        new("BinaryCrossEntropyBackward0", "none with broadcast weight, transposed input",
            t => F.BinaryCrossEntropy(t[0], t[1], t[2], LossReduction.None), () => [Prob(3, 2).T.Detach().RequiresGrad_(), Prob(2, 3), C(3).Abs()]),
        new("BinaryCrossEntropyWithLogitsBackward0", "mean, input and target", t => F.BinaryCrossEntropyWithLogits(t[0], t[1]), () => [R(2, 3), Prob(2, 3)]),
        new("BinaryCrossEntropyWithLogitsBackward0", "sum with weight and pos_weight",
            t => F.BinaryCrossEntropyWithLogits(t[0], t[1], t[2], LossReduction.Sum, t[3]), () => [RT(2, 3), Prob(2, 3), C(3).Abs(), C(3).Abs()]),
    ];

    internal static readonly GradCase[] BatchNorm =
    [
        new("NativeBatchNormBackward0", "training [4, 3] with weight and bias",
            t => F.BatchNorm(t[0], null, null, t[1], t[2], training: true), () => [R(4, 3), R(3), R(3)]),
        new("NativeBatchNormBackward0", "training [2, 3, 2, 2] without affine, transposed spatial dims",
            t => F.BatchNorm(t[0], null, null, training: true), () => [R(2, 3, 2, 2).Transpose(2, 3).Detach().RequiresGrad_()]),
        new("NativeBatchNormBackward0", "evaluation with running statistics",
            t => F.BatchNorm(t[0], t[3], t[4], t[1], t[2], training: false), () => [R(2, 3, 2), R(3), R(3), C(3), C(3).Abs() + 0.5]),
    ];
}
