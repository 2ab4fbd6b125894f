namespace StaticNet.Autograd;

// Gradient rules of pow (PyTorch's pow_backward, pow_backward_self and pow_backward_exponent).

/// <summary>y = x^e for a number e: dy/dx = e·x^(e-1), and exactly 0 when e = 0 (even at x = 0).</summary>
internal sealed class PowBackward0 : Node
{
    private readonly InputInfo _self;
    private readonly double _exponent;
    private SavedTensor _savedSelf;

    /// <param name="self">x.</param>
    /// <param name="exponent">e.</param>
    /// <param name="selfValue">x's values when an in-place op is about to overwrite x (a copy); else x itself.</param>
    public PowBackward0(Tensor self, double exponent, Tensor? selfValue = null)
    {
        _self = new(self);
        _exponent = exponent;
        _savedSelf = new SavedTensor(selfValue ?? self);
    }

    public override string Name => "PowBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var x = _savedSelf.Unpack(this);
        if (_exponent == 0) return [_self.Reduce(Torch.ZerosLike(g))];
        return [_self.Reduce(g * (x.Pow(_exponent - 1) * _exponent))];
    }

    internal override void Release() => _savedSelf.Release();
}

/// <summary>
/// z = x^y for tensors (also a number base, <c>2 ** y</c>, whose edge is empty): dz/dx = y·x^(y-1), 0 where y = 0;
/// dz/dy = x^y·ln x = z·ln x, 0 where x = 0 and y ≥ 0 (there z·ln x would be 0·(-inf) = NaN, while the limit is 0).
/// </summary>
internal sealed class PowBackward1 : Node
{
    private readonly InputInfo _self, _exponent;
    private SavedTensor _savedSelf, _savedExponent, _savedResult;

    /// <param name="self">x.</param>
    /// <param name="exponent">y.</param>
    /// <param name="selfValue">x's values when an in-place op is about to overwrite x (a copy); else x itself.</param>
    public PowBackward1(Tensor self, Tensor exponent, Tensor? selfValue = null)
    {
        _self = new(self);
        _exponent = new(exponent);
        _savedSelf = new SavedTensor(selfValue ?? self);
        _savedExponent = new SavedTensor(exponent);
    }

    public override string Name => "PowBackward1";

    /// <summary>Keeps the result for dz/dy; called once the kernel has written it (after an in-place op's write).</summary>
    public PowBackward1 WithResult(Tensor result)
    {
        if (_exponent.RequiresGrad) _savedResult = new SavedTensor(result);
        return this;
    }

    internal override Tensor?[] Apply(Tensor g)
    {
        var x = _savedSelf.Unpack(this);
        var y = _savedExponent.Unpack(this);
        var zero = Torch.Wrap(0.0);
        Tensor? gx = null, gy = null;
        if (_self.RequiresGrad) gx = _self.Reduce(Torch.Where(y.Eq(Torch.Wrap(0L)), zero, g * (y * x.Pow(y - 1L))));
        if (_exponent.RequiresGrad)
        {
            var z = _savedResult.Unpack(this);
            var limit = x.Eq(Torch.Wrap(0L)).LogicalAnd(y.Ge(Torch.Wrap(0L)));
            gy = _exponent.Reduce(g * Torch.Where(limit, zero, z * x.Log()));
        }
        return [gx, gy];
    }

    internal override void Release()
    {
        _savedSelf.Release();
        _savedExponent.Release();
        _savedResult.Release();
    }
}
