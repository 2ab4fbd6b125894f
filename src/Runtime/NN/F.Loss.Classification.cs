using StaticNet.Autograd;
using StaticNet.Kernels;

namespace StaticNet;

// The multi-class losses. Inputs are [N, C], [N, C, d1, ...] or [C] (one sample); class-index targets are Int64
// [N], [N, d1, ...] or 0-dim. Cross-entropy is log_softmax followed by nll_loss, as in PyTorch, so its graph is
// NllLossBackward0 <- LogSoftmaxBackward0 for class indices (NllLoss2DBackward0 with spatial dimensions).
public static partial class F
{
    /// <summary>
    /// The negative log-likelihood loss (<c>F.nll_loss</c>) of log-probabilities and class indices:
    /// −weight[t]·input[n, t] per sample; the mean divides by the sum of the weights of the targets counted.
    /// </summary>
    /// <param name="input">Log-probabilities, [N, C], [N, C, d1, ...] or [C].</param>
    /// <param name="target">Int64 class indices in [0, C), [N], [N, d1, ...] or 0-dim.</param>
    /// <param name="weight">A weight per class ([C], the input's dtype), or null for 1.</param>
    /// <param name="ignoreIndex">A target value that contributes neither loss nor weight.</param>
    /// <param name="reduction">Mean (default), Sum, or None for one loss per target.</param>
    /// <exception cref="ArgumentOutOfRangeException">A target is outside [0, C) ("Target 5 is out of bounds.").</exception>
    /// <exception cref="ArgumentException">Shapes, dtypes or the weight do not fit (the message names them).</exception>
    public static Tensor NllLoss(Tensor input, Tensor target, Tensor? weight = null, long ignoreIndex = -100, LossReduction reduction = LossReduction.Mean)
    {
        CheckClassIndexTarget("nll_loss", input, target, weight);
        return NllLossCore(input, target, weight, ignoreIndex, reduction).Loss;
    }

    /// <summary>
    /// The cross-entropy between logits and targets (<c>F.cross_entropy</c>): log_softmax over the class dimension,
    /// then the negative log-likelihood. A target of the input's shape holds class probabilities (floating);
    /// otherwise it holds Int64 class indices, as for <see cref="NllLoss"/>.
    /// </summary>
    /// <param name="input">Logits, [N, C], [N, C, d1, ...] or [C].</param>
    /// <param name="target">Class indices (Int64, [N], [N, d1, ...] or 0-dim) or class probabilities (the input's shape).</param>
    /// <param name="weight">A weight per class ([C]), or null.</param>
    /// <param name="ignoreIndex">A class index that is ignored (index targets only).</param>
    /// <param name="reduction">Mean (default), Sum, or None.</param>
    /// <param name="labelSmoothing">ε in [0, 1]: the target becomes (1 − ε)·target + ε/C.</param>
    public static Tensor CrossEntropy(Tensor input, Tensor target, Tensor? weight = null, long ignoreIndex = -100,
        LossReduction reduction = LossReduction.Mean, double labelSmoothing = 0)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentException($"cross_entropy: label_smoothing must be between 0.0 and 1.0. Got: {labelSmoothing}");
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"cross_entropy: expected a floating point input (logits), got {input.DType.PyTorchName()} of shape {input.Shape}.");
        int classDim = input.Dim == 1 ? 0 : 1;
        if (input.ShapeSpan.SequenceEqual(target.ShapeSpan))
            return ProbabilityCrossEntropy(input, target, weight, ignoreIndex, reduction, labelSmoothing, classDim);

        CheckClassIndexTarget("cross_entropy", input, target, weight);
        var logProbabilities = LogSoftmax(input, classDim);
        var (nll, totalWeight) = NllLossCore(logProbabilities, target, weight, ignoreIndex, reduction);
        if (labelSmoothing == 0) return nll;

        // The smoothing term −Σ_c w_c·log p_c / C per target (0 where ignored), reduced like the nll term; its sign is
        // folded into the scalar factor.
        long classes = input.Size(classDim);
        var summed = (weight is null ? logProbabilities : logProbabilities * weight.Reshape(ClassShape(input, classDim))).Sum(classDim);
        var smooth = summed * target.Ne(ignoreIndex).To(input.DType);
        var smoothTerm = reduction switch
        {
            LossReduction.Mean => smooth.Sum() * (-labelSmoothing / (classes * totalWeight)),
            LossReduction.Sum => smooth.Sum() * (-labelSmoothing / classes),
            _ => smooth * (-labelSmoothing / classes),
        };
        return nll * (1 - labelSmoothing) + smoothTerm;
    }

    private static Tensor ProbabilityCrossEntropy(Tensor input, Tensor target, Tensor? weight, long ignoreIndex,
        LossReduction reduction, double labelSmoothing, int classDim)
    {
        if (!target.DType.IsFloatingPoint())
            throw new ArgumentException($"cross_entropy: Expected floating point type for target with class probabilities, got {Reduction.ScalarTypeName(target.DType)}");
        if (ignoreIndex >= 0) throw new ArgumentException("cross_entropy: ignore_index is not supported for floating point target");
        long classes = input.Size(classDim);
        if (weight is not null && (weight.Dim != 1 || weight.Numel != classes))
            throw new ArgumentException(
                $"cross_entropy: weight tensor should be defined either for all {classes} classes or no classes but got weight tensor of shape: {weight.Shape}");
        var logProbabilities = LogSoftmax(input, classDim);
        if (labelSmoothing > 0) target = target * (1 - labelSmoothing) + labelSmoothing / classes;
        var product = logProbabilities * target;
        if (weight is not null) product = product * weight.Reshape(ClassShape(input, classDim));
        // PyTorch's composition: −Σ(log p·t·w) / (numel / C) for the mean, i.e. per sample (and per position), not
        // per weight; the graph is DivBackward0 (PyTorch's C++ scalar division shows DivBackward1) or NegBackward0.
        return reduction switch
        {
            LossReduction.Mean => product.Sum().Neg() / (double)(input.Numel / Math.Max(classes, 1)),
            LossReduction.Sum => product.Sum().Neg(),
            _ => product.Sum(classDim).Neg(),
        };
    }

    /// <summary>[1, C, 1, ...] (or [C] for one sample): a per-class tensor viewed to broadcast along the class dimension.</summary>
    private static long[] ClassShape(Tensor input, int classDim)
    {
        var shape = Enumerable.Repeat(1L, input.Dim).ToArray();
        shape[classDim] = input.Size(classDim);
        return shape;
    }

    private static (Tensor Loss, double TotalWeight) NllLossCore(Tensor input, Tensor target, Tensor? weight, long ignoreIndex, LossReduction reduction)
    {
        long classes = input.Dim == 1 ? input.Size(0) : input.Size(1);
        long inner = 1;
        for (int d = 2; d < input.Dim; d++) inner *= input.Size(d);
        var t = target.Contiguous();
        var w = weight?.Contiguous();
        var (losses, totalWeight) = Backends.Of(input).NllLoss(input.Contiguous(), t, w, classes, inner, ignoreIndex);
        Tensor loss;
        using (Torch.NoGrad())
        {
            loss = reduction switch
            {
                LossReduction.Mean => losses.Sum() / totalWeight,
                LossReduction.Sum => losses.Sum(),
                _ => losses,
            };
        }
        if (Graph.ShouldRecord(input))
            Graph.Record(loss, input.Dim <= 2
                ? new NllLossBackward0(input, t, w, reduction, classes, inner, ignoreIndex, totalWeight)
                : new NllLoss2DBackward0(input, t, w, reduction, classes, inner, ignoreIndex, totalWeight), input);
        return (loss, totalWeight);
    }

    // PyTorch's checks of nll_loss_nd, with its wording.
    private static void CheckClassIndexTarget(string op, Tensor input, Tensor target, Tensor? weight)
    {
        if (input.Dim < 1) throw new ArgumentException($"{op}: Expected 1 or more dimensions (got {input.Dim})");
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: expected a floating point input, got {input.DType.PyTorchName()} of shape {input.Shape}.");
        if (input.Dim >= 2 && (target.Dim == 0 || target.Size(0) != input.Size(0)))
            throw new ArgumentException(
                $"{op}: Expected input batch_size ({input.Size(0)}) to match target batch_size ({(target.Dim == 0 ? "none: 0-dim target" : target.Size(0))}).");
        if (input.Dim <= 2 && target.Dim > 1)
            throw new ArgumentException($"{op}: 0D or 1D target tensor expected, multi-target not supported (input {input.Shape}, target {target.Shape})");
        if (input.Dim == 1 && target.Numel != 1)
            throw new ArgumentException($"{op}: size mismatch (got input: {input.Shape}, target: {target.Shape})");
        if (input.Dim > 2)
        {
            long[] expected = [input.Size(0), .. input.ShapeArray[2..]];
            if (!target.ShapeSpan.SequenceEqual(expected))
                throw new ArgumentException($"{op}: Expected target size {StaticNet.Size.Format(expected)}, got {target.Shape}");
        }
        if (target.DType != DType.Int64)
            throw new ArgumentException($"{op}: expected scalar type Long but found {Reduction.ScalarTypeName(target.DType)} (class-index target of shape {target.Shape})");
        if (weight is null) return;
        long classes = input.Dim == 1 ? input.Size(0) : input.Size(1);
        if (weight.Dim != 1 || weight.Numel != classes)
            throw new ArgumentException(
                $"{op}: weight tensor should be defined either for all {classes} classes or no classes but got weight tensor of shape: {weight.Shape}");
        if (weight.DType != input.DType)
            throw new ArgumentException($"{op}: expected scalar type {Reduction.ScalarTypeName(input.DType)} but found {Reduction.ScalarTypeName(weight.DType)} (weight)");
        if (weight.RequiresGrad && GradMode.IsEnabled)
            throw new ArgumentException("The function 'nll_loss_forward' is not differentiable with respect to argument 'weight'. This input cannot have requires_grad True.");
    }
}
