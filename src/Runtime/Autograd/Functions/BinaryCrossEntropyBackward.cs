namespace StaticNet.Autograd;

// The two binary cross-entropy losses. Weights (and pos_weight) are constants, as in PyTorch, which refuses them
// when they require grad. For the mean, every element's gradient is divided by the element count.

/// <summary>
/// l = −w·(t·max(log x, −100) + (1 − t)·max(log(1 − x), −100)):
/// dl/dx = w·(x − t) / max(x(1 − x), 1e-12), dl/dt = w·(max(log(1 − x), −100) − max(log x, −100)).
/// </summary>
internal sealed class BinaryCrossEntropyBackward0(Tensor self, Tensor target, Tensor? weight, LossReduction reduction)
    : PointwiseLossBackward(self, target, weight, reduction)
{
    private const double Epsilon = 1e-12; // PyTorch's EPSILON in binary_cross_entropy_backward

    public override string Name => "BinaryCrossEntropyBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var (x, t, scale) = Unpack(g);
        Tensor? gradSelf = null, gradTarget = null;
        if (Self.RequiresGrad) gradSelf = Self.Reduce((x - t) / ((1.0 - x) * x).Clamp(min: Epsilon) * scale);
        if (Target.RequiresGrad)
            gradTarget = Target.Reduce(((1.0 - x).Log().Clamp(min: -100.0) - x.Log().Clamp(min: -100.0)) * scale);
        return [gradSelf, gradTarget];
    }
}

/// <summary>
/// With s(z) = log(1 + e^z) (softplus) and the log weight lw = 1 + (p − 1)·t (p = pos_weight, 1 without it),
/// l = w·((1 − t)·x + lw·s(−x)): dl/dx = w·(lw·σ(x) − p·t), dl/dt = w·(−x + (p − 1)·s(−x)).
/// </summary>
internal sealed class BinaryCrossEntropyWithLogitsBackward0 : PointwiseLossBackward
{
    private readonly bool _hasPosWeight;
    private SavedTensor _posWeight;

    public BinaryCrossEntropyWithLogitsBackward0(Tensor self, Tensor target, Tensor? weight, Tensor? posWeight, LossReduction reduction)
        : base(self, target, weight, reduction)
    {
        _hasPosWeight = posWeight is not null;
        if (posWeight is not null) _posWeight = new SavedTensor(posWeight);
    }

    public override string Name => "BinaryCrossEntropyWithLogitsBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var (x, t, scale) = Unpack(g);
        Tensor? p = _hasPosWeight ? _posWeight.Unpack(this) : null;
        Tensor? gradSelf = null, gradTarget = null;
        if (Self.RequiresGrad)
        {
            var d = p is null ? x.Sigmoid() - t : (1.0 + (p - 1.0) * t) * x.Sigmoid() - p * t;
            gradSelf = Self.Reduce(d * scale);
        }
        if (Target.RequiresGrad)
        {
            var d = p is null ? x.Neg() : (p - 1.0) * F.SoftplusOfNegated(x) - x;
            gradTarget = Target.Reduce(d * scale);
        }
        return [gradSelf, gradTarget];
    }

    internal override void Release()
    {
        base.Release();
        _posWeight.Release();
    }
}
