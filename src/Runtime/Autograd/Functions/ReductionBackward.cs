namespace StaticNet.Autograd;

// Gradient rules of prod, var and std. Each reduced gradient is first expanded back to the input's shape
// (ReducedGradient.Expand), then multiplied by the element-wise derivative.

/// <summary>
/// y = prod(x) over all elements: dy/dx_i = prod_{j != i} x_j. Computed directly as the product of the other
/// elements (ProductOfOthers), not as y / x_i, so that zeros are exact: with one zero only that position gets a
/// non-zero gradient, with two or more every gradient is 0, as PyTorch's prod_backward gives.
/// </summary>
internal sealed class ProdBackward0(Tensor self) : Node
{
    private readonly InputInfo _self = new(self);
    private SavedTensor _savedSelf = new(self);
    public override string Name => "ProdBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var x = _savedSelf.Unpack(this);
        // Computed in the gradient's dtype: prod(dtype: Float64) of a Float32 input multiplies in Float64.
        var others = ProductOfOthers.Along(x.To(g.DType).Reshape(-1), 0).Reshape(_self.Shape);
        return [(others * g).To(_self.DType)];
    }

    internal override void Release() => _savedSelf.Release();
}

/// <summary>y = prod(x, dim): dy/dx_i = the product of the other elements of x_i's slice along dim.</summary>
internal sealed class ProdBackward1(Tensor self, int dim, bool keepDim) : Node
{
    private readonly InputInfo _self = new(self);
    private SavedTensor _savedSelf = new(self);
    private readonly bool[] _mask = Reduction.Mask(self, dim);
    public override string Name => "ProdBackward1";

    internal override Tensor?[] Apply(Tensor g)
    {
        var x = _savedSelf.Unpack(this);
        // A 0-dim input reduces nothing: its "product of others" is the empty product 1.
        var others = x.Dim == 0 ? Torch.OnesLike(x).To(g.DType) : ProductOfOthers.Along(x.To(g.DType), dim);
        return [(ReducedGradient.Expand(g, _mask, keepDim, _self.Shape) * others).To(_self.DType)];
    }

    internal override void Release() => _savedSelf.Release();
}

/// <summary>
/// y = sum((x - mean(x))²) / (N - correction) over the reduced dimensions: dy/dx = 2 (x - mean(x)) / (N - correction)
/// (the mean's own derivative cancels because the deviations sum to 0). Every overload of var records this node
/// in PyTorch 1.13 and 2.x. With N - correction ≤ 0 the divisor is 0, as in the forward, giving inf or NaN.
/// </summary>
internal sealed class VarBackward0(Tensor self, bool[] mask, bool keepDim, long correction) : Node
{
    private readonly InputInfo _self = new(self);
    private SavedTensor _savedSelf = new(self);
    public override string Name => "VarBackward0";

    internal override Tensor?[] Apply(Tensor g) => [Gradient(_savedSelf.Unpack(this), g, mask, keepDim, correction)];

    /// <summary>The variance's input gradient for output gradient <paramref name="g"/> (shared with std).</summary>
    internal static Tensor Gradient(Tensor x, Tensor g, bool[] mask, bool keepDim, long correction)
    {
        var dims = Enumerable.Range(0, mask.Length).Where(i => mask[i]).ToArray();
        var deviation = x - x.Mean(dims, keepDim: true);
        double divisor = Math.Max(0, Reduction.Count(x, mask) - correction);
        return ReducedGradient.Expand(g, mask, keepDim, x.ShapeArray) * deviation * (2.0 / divisor);
    }

    internal override void Release() => _savedSelf.Release();
}

/// <summary>
/// y = sqrt(var(x)): dy/dx = dvar/dx / (2 y). Where y is 0 (all elements equal) PyTorch defines the gradient as 0
/// instead of 0/0, so the incoming gradient is zeroed there.
/// </summary>
internal sealed class StdBackward0(Tensor self, Tensor result, bool[] mask, bool keepDim, long correction) : Node
{
    private readonly InputInfo _self = new(self);
    private SavedTensor _savedSelf = new(self), _savedResult = new(result);
    public override string Name => "StdBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var y = _savedResult.Unpack(this);
        var gVar = (g / (y * 2.0)).MaskedFill(y.Eq(Torch.Wrap(0.0)), 0.0);
        return [VarBackward0.Gradient(_savedSelf.Unpack(this), gVar, mask, keepDim, correction)];
    }

    internal override void Release()
    {
        _savedSelf.Release();
        _savedResult.Release();
    }
}
