using StaticNet.Autograd;
using StaticNet.Kernels;

namespace StaticNet;

public static partial class F
{
    /// <summary>
    /// The mean squared error between <paramref name="input"/> and <paramref name="target"/>
    /// (<c>F.mse_loss</c>): mean((input − target)²) by default.
    /// </summary>
    /// <param name="input">Predictions, any shape.</param>
    /// <param name="target">Targets of the same shape (a broadcastable shape works but raises a warning, as in PyTorch).</param>
    /// <param name="reduction">Mean (default), Sum, or None for the element-wise squared errors.</param>
    public static Tensor MseLoss(Tensor input, Tensor target, LossReduction reduction = LossReduction.Mean)
    {
        WarnOnSizeMismatch(input, target);
        Tensor loss;
        using (Torch.NoGrad())
        {
            var diff = input - target;
            var squared = diff * diff;
            loss = reduction switch
            {
                LossReduction.Mean => squared.Mean(),
                LossReduction.Sum => squared.Sum(),
                _ => squared,
            };
        }
        return Graph.ShouldRecord(input, target)
            ? Graph.Record(loss, new MseLossBackward0(input, target, reduction), input, target)
            : loss;
    }

    /// <summary>
    /// The mean absolute error (<c>F.l1_loss</c>): mean(|input − target|) by default. As in PyTorch it is a composition
    /// of <c>Sub</c>, <c>Abs</c> and the reduction, so its GradFn is <c>MeanBackward0</c> (<c>AbsBackward0</c> unreduced).
    /// </summary>
    /// <param name="input">Predictions, any shape.</param>
    /// <param name="target">Targets of the same shape (a broadcastable shape works but raises a warning, as in PyTorch).</param>
    /// <param name="reduction">Mean (default), Sum, or None for the element-wise absolute errors.</param>
    public static Tensor L1Loss(Tensor input, Tensor target, LossReduction reduction = LossReduction.Mean)
    {
        WarnOnSizeMismatch(input, target);
        return Reduce((input - target).Abs(), reduction);
    }

    /// <summary>
    /// The binary cross-entropy between probabilities and targets (<c>F.binary_cross_entropy</c>):
    /// −w·(t·log x + (1 − t)·log(1 − x)), each log clamped to ≥ −100 as PyTorch does, so x = 0 or 1 gives a finite loss.
    /// </summary>
    /// <param name="input">Probabilities in [0, 1], any shape.</param>
    /// <param name="target">Targets of the same shape and dtype (usually 0 or 1).</param>
    /// <param name="weight">Per-element weights broadcastable to the input's shape, or null.</param>
    /// <param name="reduction">Mean (default), Sum, or None.</param>
    /// <exception cref="ArgumentException">The shapes or dtypes differ, or an input is outside [0, 1].</exception>
    public static Tensor BinaryCrossEntropy(Tensor input, Tensor target, Tensor? weight = null, LossReduction reduction = LossReduction.Mean)
    {
        if (!input.ShapeSpan.SequenceEqual(target.ShapeSpan))
            throw new ArgumentException(
                $"binary_cross_entropy: Using a target size ({target.Shape}) that is different to the input size ({input.Shape}) is deprecated. " +
                "Please ensure they have the same size.");
        if (!input.DType.IsFloatingPoint()) throw new ArgumentException($"binary_cross_entropy: expected a floating input, got {input.DType.PyTorchName()}.");
        if (target.DType != input.DType)
            throw new ArgumentException($"binary_cross_entropy: Found dtype {Reduction.ScalarTypeName(target.DType)} but expected {Reduction.ScalarTypeName(input.DType)} (target vs input).");
        CheckWeight("binary_cross_entropy", "weight", weight, input);
        Tensor loss;
        using (Torch.NoGrad())
        {
            if (input.Numel > 0 && !(input.Min().Item<double>() >= 0 && input.Max().Item<double>() <= 1))
                throw new ArgumentException($"binary_cross_entropy: all elements of input should be between 0 and 1 (input shape {input.Shape}).");
            var elementwise = (target - 1.0) * (1.0 - input).Log().Clamp(min: -100.0) - target * input.Log().Clamp(min: -100.0);
            if (weight is not null) elementwise = elementwise * weight;
            loss = Reduce(elementwise, reduction);
        }
        return Graph.ShouldRecord(input, target)
            ? Graph.Record(loss, new BinaryCrossEntropyBackward0(input, target, weight, reduction), input, target)
            : loss;
    }

    /// <summary>
    /// Sigmoid and binary cross-entropy in one numerically stable step (<c>F.binary_cross_entropy_with_logits</c>):
    /// w·((1 − t)·x + (1 + (p − 1)·t)·log(1 + e^−x)), with log(1 + e^−x) computed as log(1 + e^−|x|) + max(−x, 0),
    /// so logits of ±100 (or more) give finite losses and gradients.
    /// </summary>
    /// <param name="input">Logits, any shape.</param>
    /// <param name="target">Targets of the same shape (probabilities, usually 0 or 1).</param>
    /// <param name="weight">Per-element weights broadcastable to the input's shape, or null.</param>
    /// <param name="reduction">Mean (default), Sum, or None.</param>
    /// <param name="posWeight">Weights of the positive examples, broadcastable to the input (one per class: [C]), or null.</param>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor? weight = null,
        LossReduction reduction = LossReduction.Mean, Tensor? posWeight = null)
    {
        if (!input.ShapeSpan.SequenceEqual(target.ShapeSpan))
            throw new ArgumentException($"binary_cross_entropy_with_logits: Target size ({target.Shape}) must be the same as input size ({input.Shape})");
        if (!input.DType.IsFloatingPoint()) throw new ArgumentException($"binary_cross_entropy_with_logits: expected a floating input, got {input.DType.PyTorchName()}.");
        CheckWeight("binary_cross_entropy_with_logits", "weight", weight, input);
        CheckWeight("binary_cross_entropy_with_logits", "pos_weight", posWeight, input);
        Tensor loss;
        using (Torch.NoGrad())
        {
            var softplus = SoftplusOfNegated(input);
            var logWeight = posWeight is null ? softplus : (1.0 + (posWeight - 1.0) * target) * softplus;
            var elementwise = (1.0 - target) * input + logWeight;
            if (weight is not null) elementwise = elementwise * weight;
            loss = Reduce(elementwise, reduction);
        }
        return Graph.ShouldRecord(input, target)
            ? Graph.Record(loss, new BinaryCrossEntropyWithLogitsBackward0(input, target, weight, posWeight, reduction), input, target)
            : loss;
    }

    /// <summary>log(1 + e^−x) without overflow: log(1 + e^−|x|) + max(−x, 0).</summary>
    internal static Tensor SoftplusOfNegated(Tensor x) => (x.Abs().Neg().Exp() + 1.0).Log() + x.Neg().Relu();

    private static Tensor Reduce(Tensor elementwise, LossReduction reduction) => reduction switch
    {
        LossReduction.Mean => elementwise.Mean(),
        LossReduction.Sum => elementwise.Sum(),
        _ => elementwise,
    };

    private static void WarnOnSizeMismatch(Tensor input, Tensor target)
    {
        if (!input.ShapeSpan.SequenceEqual(target.ShapeSpan))
            Warnings.Warn(
                $"Using a target size ({target.Shape}) that is different to the input size ({input.Shape}). " +
                "This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.");
    }

    // Weights are constants (PyTorch: "is not differentiable with respect to argument 'weight'") that broadcast to the input.
    private static void CheckWeight(string op, string name, Tensor? weight, Tensor input)
    {
        if (weight is null) return;
        if (weight.RequiresGrad && GradMode.IsEnabled)
            throw new ArgumentException($"The function '{op}' is not differentiable with respect to argument '{name}'. This input cannot have requires_grad True.");
        bool fits = weight.Dim <= input.Dim;
        for (int i = 1; fits && i <= weight.Dim; i++) fits = weight.Size(-i) == 1 || weight.Size(-i) == input.Size(-i);
        if (!fits)
            throw new ArgumentException($"{op}: {name} of shape {weight.Shape} cannot be broadcast to the input shape {input.Shape}.");
    }
}
