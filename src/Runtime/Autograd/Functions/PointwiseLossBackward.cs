namespace StaticNet.Autograd;

/// <summary>
/// What every element-wise loss node keeps: the input x, the target t, an optional constant weight w and the
/// reduction. <see cref="Unpack"/> returns x, t and the per-element factor g·w (divided by the element count for the
/// mean), so each loss writes only its own derivative.
/// </summary>
internal abstract class PointwiseLossBackward : Node
{
    private readonly LossReduction _reduction;
    private readonly bool _hasWeight;
    private SavedTensor _savedSelf, _savedTarget, _weight;

    protected PointwiseLossBackward(Tensor self, Tensor target, Tensor? weight, LossReduction reduction)
    {
        Self = new(self);
        Target = new(target);
        _reduction = reduction;
        _savedSelf = new SavedTensor(self);
        _savedTarget = new SavedTensor(target);
        _hasWeight = weight is not null;
        if (weight is not null) _weight = new SavedTensor(weight);
    }

    /// <summary>The input (prediction) x.</summary>
    protected InputInfo Self { get; }

    /// <summary>The target t.</summary>
    protected InputInfo Target { get; }

    /// <summary>x, t and the factor g·w (g/n·w for the mean; g is 0-dim unless the reduction is None).</summary>
    protected (Tensor X, Tensor T, Tensor Scale) Unpack(Tensor g)
    {
        var x = _savedSelf.Unpack(this);
        var scale = _reduction == LossReduction.Mean ? g / (double)x.Numel : g;
        if (_hasWeight) scale = scale * _weight.Unpack(this);
        return (x, _savedTarget.Unpack(this), scale);
    }

    internal override void Release()
    {
        _savedSelf.Release();
        _savedTarget.Release();
        _weight.Release();
    }
}
