namespace StaticNet.Autograd;

// Gradient rules of the ops that pick, element by element, one of their inputs (maximum, minimum, clamp, where):
// the gradient flows to whichever input was picked. Gradients are summed back over broadcast dimensions.

/// <summary>
/// z = max(x, y) or min(x, y): the gradient goes to the input that was picked, and at ties each gets half
/// (PyTorch's rule). Maximum and minimum differ only in which comparison loses.
/// </summary>
internal abstract class PickOneOfTwoBackward(Tensor self, Tensor other, bool picksLarger) : Node
{
    private readonly InputInfo _self = new(self), _other = new(other);
    private SavedTensor _savedSelf = new(self), _savedOther = new(other);

    internal override Tensor?[] Apply(Tensor g)
    {
        var x = _savedSelf.Unpack(this);
        var y = _savedOther.Unpack(this);
        var split = Torch.Where(x.Eq(y), g / 2L, g);
        var zero = Torch.Wrap(0.0);
        return
        [
            _self.RequiresGrad ? _self.Reduce(Torch.Where(picksLarger ? x.Lt(y) : x.Gt(y), zero, split)) : null,
            _other.RequiresGrad ? _other.Reduce(Torch.Where(picksLarger ? x.Gt(y) : x.Lt(y), zero, split)) : null,
        ];
    }

    internal override void Release()
    {
        _savedSelf.Release();
        _savedOther.Release();
    }
}

/// <summary>z = max(x, y): dz/dx = 1 where x &gt; y, dz/dy = 1 where y &gt; x; at ties each gets half.</summary>
internal sealed class MaximumBackward0(Tensor self, Tensor other) : PickOneOfTwoBackward(self, other, picksLarger: true)
{
    public override string Name => "MaximumBackward0";
}

/// <summary>z = min(x, y): dz/dx = 1 where x &lt; y, dz/dy = 1 where y &lt; x; at ties each gets half.</summary>
internal sealed class MinimumBackward0(Tensor self, Tensor other) : PickOneOfTwoBackward(self, other, picksLarger: false)
{
    public override string Name => "MinimumBackward0";
}

/// <summary>z = where(c, x, y): dz/dx = 1 where c, dz/dy = 1 elsewhere. The condition is not a differentiable input.</summary>
internal sealed class WhereBackward0(Tensor condition, Tensor self, Tensor other) : Node
{
    private readonly InputInfo _self = new(self), _other = new(other);
    private SavedTensor _condition = new(condition);
    public override string Name => "WhereBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var c = _condition.Unpack(this);
        var zero = Torch.Wrap(0.0);
        return
        [
            _self.RequiresGrad ? _self.Reduce(Torch.Where(c, g, zero)) : null,
            _other.RequiresGrad ? _other.Reduce(Torch.Where(c, zero, g)) : null,
        ];
    }

    internal override void Release() => _condition.Release();
}
