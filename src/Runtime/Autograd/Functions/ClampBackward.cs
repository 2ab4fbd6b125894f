namespace StaticNet.Autograd;

// clamp(x, lo, hi) = min(max(x, lo), hi). PyTorch lets the gradient through to x where lo ≤ x ≤ hi (bounds
// inclusive), and with tensor bounds to lo where x < lo < hi and to hi where x > hi or hi < lo (hi wins).

/// <summary>The mask lo ≤ x ≤ hi over the bounds that are given.</summary>
internal static class ClampMask
{
    public static Tensor Inside(Tensor x, Tensor? min, Tensor? max)
    {
        if (min is not null && max is not null) return x.Ge(min).LogicalAnd(x.Le(max));
        return min is not null ? x.Ge(min) : x.Le(max!);
    }
}

/// <summary>y = clamp(x, lo, hi) with number bounds: dy/dx = 1 where lo ≤ x ≤ hi, else 0.</summary>
internal sealed class ClampBackward1 : Node
{
    private readonly InputInfo _self;
    private readonly Tensor? _min, _max; // wrapped numbers: constants, nothing to version-check
    private SavedTensor _savedSelf;

    /// <param name="self">x.</param>
    /// <param name="min">lo as a wrapped number, or null.</param>
    /// <param name="max">hi as a wrapped number, or null.</param>
    /// <param name="selfValue">x's values when an in-place op is about to overwrite x (a copy); else x itself.</param>
    public ClampBackward1(Tensor self, Tensor? min, Tensor? max, Tensor? selfValue = null)
    {
        _self = new(self);
        _min = min;
        _max = max;
        _savedSelf = new SavedTensor(selfValue ?? self);
    }

    public override string Name => "ClampBackward1";

    internal override Tensor?[] Apply(Tensor g) =>
        [_self.Reduce(Torch.Where(ClampMask.Inside(_savedSelf.Unpack(this), _min, _max), g, Torch.Wrap(0.0)))];

    internal override void Release() => _savedSelf.Release();
}

/// <summary>
/// z = clamp(x, lo, hi) with tensor bounds (either may be absent): dz/dx = 1 where lo ≤ x ≤ hi;
/// dz/dlo = 1 where x &lt; lo and lo &lt; hi (or x &lt; lo with no hi); dz/dhi = 1 where x &gt; hi or hi &lt; lo.
/// </summary>
internal sealed class ClampBackward0 : Node
{
    private readonly InputInfo _self, _min, _max;
    private readonly bool _hasMin, _hasMax;
    private SavedTensor _savedSelf, _savedMin, _savedMax;

    public ClampBackward0(Tensor self, Tensor? min, Tensor? max)
    {
        _self = new(self);
        _savedSelf = new SavedTensor(self);
        if (min is not null)
        {
            _hasMin = true;
            _min = new(min);
            _savedMin = new SavedTensor(min);
        }
        if (max is not null)
        {
            _hasMax = true;
            _max = new(max);
            _savedMax = new SavedTensor(max);
        }
    }

    public override string Name => "ClampBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var x = _savedSelf.Unpack(this);
        var lo = _hasMin ? _savedMin.Unpack(this) : null;
        var hi = _hasMax ? _savedMax.Unpack(this) : null;
        var zero = Torch.Wrap(0.0);
        Tensor? gx = null, glo = null, ghi = null;
        if (_self.RequiresGrad) gx = _self.Reduce(Torch.Where(ClampMask.Inside(x, lo, hi), g, zero));
        if (lo is not null && _min.RequiresGrad)
        {
            var below = hi is null ? x.Lt(lo) : x.Lt(lo).LogicalAnd(lo.Lt(hi));
            glo = _min.Reduce(Torch.Where(below, g, zero));
        }
        if (hi is not null && _max.RequiresGrad)
        {
            var above = lo is null ? x.Gt(hi) : x.Gt(hi).LogicalOr(hi.Lt(lo));
            ghi = _max.Reduce(Torch.Where(above, g, zero));
        }
        return [gx, glo, ghi];
    }

    internal override void Release()
    {
        _savedSelf.Release();
        _savedMin.Release();
        _savedMax.Release();
    }
}
