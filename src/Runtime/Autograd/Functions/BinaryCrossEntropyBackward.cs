namespace StaticNet.Autograd;

// The two binary cross-entropy losses. Weights (and pos_weight) are constants, as in PyTorch, which refuses them
// when they require grad. For the mean, every element's gradient is divided by the element count.

/// <summary>
/// l = −w·(t·max(log x, −100) + (1 − t)·max(log(1 − x), −100)):
/// dl/dx = w·(x − t) / max(x(1 − x), 1e-12), dl/dt = w·(max(log(1 − x), −100) − max(log x, −100)).
/// </summary>
internal sealed class BinaryCrossEntropyBackward0 : Node
{
    private const double Epsilon = 1e-12; // PyTorch's EPSILON in binary_cross_entropy_backward
    private readonly InputInfo _self, _target;
    private readonly LossReduction _reduction;
    private SavedTensor _savedSelf, _savedTarget, _weight;
    private readonly bool _hasWeight;

    public BinaryCrossEntropyBackward0(Tensor self, Tensor target, Tensor? weight, LossReduction reduction)
    {
        _self = new(self);
        _target = new(target);
        _reduction = reduction;
        _savedSelf = new SavedTensor(self);
        _savedTarget = new SavedTensor(target);
        _hasWeight = weight is not null;
        if (weight is not null) _weight = new SavedTensor(weight);
    }

    public override string Name => "BinaryCrossEntropyBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var x = _savedSelf.Unpack(this);
        var t = _savedTarget.Unpack(this);
        var scale = _reduction == LossReduction.Mean ? g / (double)x.Numel : g;
        if (_hasWeight) scale = scale * _weight.Unpack(this);
        Tensor? gradSelf = null, gradTarget = null;
        if (_self.RequiresGrad) gradSelf = _self.Reduce((x - t) / ((1.0 - x) * x).Clamp(min: Epsilon) * scale);
        if (_target.RequiresGrad)
            gradTarget = _target.Reduce(((1.0 - x).Log().Clamp(min: -100.0) - x.Log().Clamp(min: -100.0)) * scale);
        return [gradSelf, gradTarget];
    }

    internal override void Release()
    {
        _savedSelf.Release();
        _savedTarget.Release();
        _weight.Release();
    }
}

/// <summary>
/// With s(z) = log(1 + e^z) (softplus) and the log weight lw = 1 + (p − 1)·t (p = pos_weight, 1 without it),
/// l = w·((1 − t)·x + lw·s(−x)): dl/dx = w·(lw·σ(x) − p·t), dl/dt = w·(−x + (p − 1)·s(−x)).
/// </summary>
internal sealed class BinaryCrossEntropyWithLogitsBackward0 : Node
{
    private readonly InputInfo _self, _target;
    private readonly LossReduction _reduction;
    private SavedTensor _savedSelf, _savedTarget, _weight, _posWeight;
    private readonly bool _hasWeight, _hasPosWeight;

    public BinaryCrossEntropyWithLogitsBackward0(Tensor self, Tensor target, Tensor? weight, Tensor? posWeight, LossReduction reduction)
    {
        _self = new(self);
        _target = new(target);
        _reduction = reduction;
        _savedSelf = new SavedTensor(self);
        _savedTarget = new SavedTensor(target);
        _hasWeight = weight is not null;
        if (weight is not null) _weight = new SavedTensor(weight);
        _hasPosWeight = posWeight is not null;
        if (posWeight is not null) _posWeight = new SavedTensor(posWeight);
    }

    public override string Name => "BinaryCrossEntropyWithLogitsBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var x = _savedSelf.Unpack(this);
        var t = _savedTarget.Unpack(this);
        var scale = _reduction == LossReduction.Mean ? g / (double)x.Numel : g;
        if (_hasWeight) scale = scale * _weight.Unpack(this);
        Tensor? p = _hasPosWeight ? _posWeight.Unpack(this) : null;
        Tensor? gradSelf = null, gradTarget = null;
        if (_self.RequiresGrad)
        {
            var d = p is null ? x.Sigmoid() - t : (1.0 + (p - 1.0) * t) * x.Sigmoid() - p * t;
            gradSelf = _self.Reduce(d * scale);
        }
        if (_target.RequiresGrad)
        {
            var d = p is null ? x.Neg() : (p - 1.0) * F.SoftplusOfNegated(x) - x;
            gradTarget = _target.Reduce(d * scale);
        }
        return [gradSelf, gradTarget];
    }

    internal override void Release()
    {
        _savedSelf.Release();
        _savedTarget.Release();
        _weight.Release();
        _posWeight.Release();
    }
}
