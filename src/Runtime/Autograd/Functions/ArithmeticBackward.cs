namespace StaticNet.Autograd;

// Gradient rules of the binary arithmetic ops. Each node saves only what its formula reads; gradients are summed
// back over broadcast dimensions and converted to each input's dtype by InputInfo.Reduce.

/// <summary>z = x + y: dz/dx = 1, dz/dy = 1.</summary>
internal sealed class AddBackward0(Tensor self, Tensor other) : Node
{
    private readonly InputInfo _self = new(self), _other = new(other);
    public override string Name => "AddBackward0";
    internal override Tensor?[] Apply(Tensor g) => [_self.Reduce(g), _other.Reduce(g)];
}

/// <summary>z = x - y: dz/dx = 1, dz/dy = -1.</summary>
internal sealed class SubBackward0(Tensor self, Tensor other) : Node
{
    private readonly InputInfo _self = new(self), _other = new(other);
    public override string Name => "SubBackward0";
    internal override Tensor?[] Apply(Tensor g) => [_self.Reduce(g), _other.RequiresGrad ? _other.Reduce(g.Neg()) : null];
}

/// <summary>z = c - x for a number c (<c>2 - x</c>): dz/dx = -1; the number is not an input.</summary>
internal sealed class RsubBackward1(Tensor self) : Node
{
    private readonly InputInfo _self = new(self);
    public override string Name => "RsubBackward1";
    internal override Tensor?[] Apply(Tensor g) => [_self.Reduce(g.Neg())];
}

/// <summary>z = x * y: dz/dx = y, dz/dy = x.</summary>
internal sealed class MulBackward0 : Node
{
    private readonly InputInfo _self, _other;
    private SavedTensor _savedSelf, _savedOther;

    /// <param name="self">x.</param>
    /// <param name="other">y.</param>
    /// <param name="selfValue">x's values when an in-place op is about to overwrite x (a copy); else x itself.</param>
    public MulBackward0(Tensor self, Tensor other, Tensor? selfValue = null)
    {
        _self = new(self);
        _other = new(other);
        if (_other.RequiresGrad) _savedSelf = new SavedTensor(selfValue ?? self);
        if (_self.RequiresGrad) _savedOther = new SavedTensor(other);
    }

    public override string Name => "MulBackward0";

    internal override Tensor?[] Apply(Tensor g) =>
    [
        _self.RequiresGrad ? _self.Reduce(g * _savedOther.Unpack(this)) : null,
        _other.RequiresGrad ? _other.Reduce(g * _savedSelf.Unpack(this)) : null,
    ];

    internal override void Release()
    {
        _savedSelf.Release();
        _savedOther.Release();
    }
}

/// <summary>z = x / y: dz/dx = 1 / y, dz/dy = -x / y².</summary>
internal sealed class DivBackward0 : Node
{
    private readonly InputInfo _self, _other;
    private SavedTensor _savedSelf, _savedOther;

    /// <param name="self">x.</param>
    /// <param name="other">y.</param>
    /// <param name="selfValue">x's values when an in-place op is about to overwrite x (a copy); else x itself.</param>
    public DivBackward0(Tensor self, Tensor other, Tensor? selfValue = null)
    {
        _self = new(self);
        _other = new(other);
        if (_other.RequiresGrad) _savedSelf = new SavedTensor(selfValue ?? self);
        _savedOther = new SavedTensor(other);
    }

    public override string Name => "DivBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var y = _savedOther.Unpack(this);
        return
        [
            _self.RequiresGrad ? _self.Reduce(g / y) : null,
            _other.RequiresGrad ? _other.Reduce(-g * _savedSelf.Unpack(this) / (y * y)) : null,
        ];
    }

    internal override void Release()
    {
        _savedSelf.Release();
        _savedOther.Release();
    }
}
