namespace StaticNet.Autograd;

/// <summary>
/// l = reduce((x − y)²): dl/dx = 2(x − y)·g (divided by the element count for the mean), dl/dy = −dl/dx.
/// </summary>
internal sealed class MseLossBackward0 : Node
{
    private readonly InputInfo _input, _target;
    private readonly LossReduction _reduction;
    private SavedTensor _savedInput, _savedTarget;

    public MseLossBackward0(Tensor input, Tensor target, LossReduction reduction)
    {
        _input = new(input);
        _target = new(target);
        _reduction = reduction;
        _savedInput = new SavedTensor(input);
        _savedTarget = new SavedTensor(target);
    }

    public override string Name => "MseLossBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var diff = _savedInput.Unpack(this) - _savedTarget.Unpack(this);
        var scale = _reduction == LossReduction.Mean ? 2.0 / diff.Numel : 2.0;
        var grad = diff * scale * g; // g is 0-dim for Mean/Sum, element-wise for None
        return [_input.Reduce(grad), _target.RequiresGrad ? _target.Reduce(grad.Neg()) : null];
    }

    internal override void Release()
    {
        _savedInput.Release();
        _savedTarget.Release();
    }
}
