namespace StaticNet.Autograd;

// Gradient rules of gather and scatter: a gather reads positions along a dimension (its gradient is scattered back,
// accumulating), a scatter writes them (the overwritten positions of the input get no gradient).

/// <summary>y = x.Gather(dim, index): dx = zeros.ScatterAdd_(dim, index, dy) (repeated positions accumulate).</summary>
internal sealed class GatherBackward0(Tensor self, int dim, Tensor index) : Node
{
    private readonly InputInfo _self = new(self);
    private SavedTensor _index = new(index);
    public override string Name => "GatherBackward0";
    internal override Tensor?[] Apply(Tensor g) => [Torch.Zeros(_self.Shape, _self.DType, g.Device).ScatterAdd_(dim, _index.Unpack(this), g)];
    internal override void Release() => _index.Release();
}

/// <summary>Gathers dy at the scattered positions into a zero tensor of src's shape (src may be larger than the index).</summary>
internal static class ScatteredSource
{
    public static Tensor Gradient(Tensor g, int dim, Tensor index, InputInfo src)
    {
        var gathered = g.Gather(dim, index);
        if (gathered.ShapeSpan.SequenceEqual(src.Shape)) return gathered.To(src.DType);
        var result = Torch.Zeros(src.Shape, src.DType, g.Device);
        var region = result.Dim == 0 ? result.View(1) : result;
        var indexShape = index.Dim == 0 ? [1] : index.ShapeArray;
        for (int d = 0; d < region.Dim; d++) region = region.Narrow(d, 0, indexShape[d]);
        region.Copy_(gathered.Reshape(indexShape));
        return result;
    }
}

/// <summary>y = x.Scatter(dim, index, src): dx = dy with the written positions zeroed; dsrc = dy gathered at them.</summary>
internal sealed class ScatterBackward0(Tensor self, int dim, Tensor index, Tensor src) : Node
{
    private readonly InputInfo _self = new(self), _src = new(src);
    private SavedTensor _index = new(index);
    public override string Name => "ScatterBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var index = _index.Unpack(this);
        return
        [
            _self.RequiresGrad ? g.Scatter(dim, index, 0.0) : null,
            _src.RequiresGrad ? ScatteredSource.Gradient(g, dim, index, _src) : null,
        ];
    }

    internal override void Release() => _index.Release();
}

/// <summary>y = x.Scatter(dim, index, number): dx = dy with the written positions zeroed.</summary>
internal sealed class ScatterBackward1(int dim, Tensor index) : Node
{
    private SavedTensor _index = new(index);
    public override string Name => "ScatterBackward1";
    internal override Tensor?[] Apply(Tensor g) => [g.Scatter(dim, _index.Unpack(this), 0.0)];
    internal override void Release() => _index.Release();
}

/// <summary>y = x.ScatterAdd(dim, index, src): dx = dy; dsrc = dy gathered at the positions each src element was added to.</summary>
internal sealed class ScatterAddBackward0(Tensor self, int dim, Tensor index, Tensor src) : Node
{
    private readonly InputInfo _self = new(self), _src = new(src);
    private SavedTensor _index = new(index);
    public override string Name => "ScatterAddBackward0";

    internal override Tensor?[] Apply(Tensor g) =>
    [
        _self.RequiresGrad ? g : null,
        _src.RequiresGrad ? ScatteredSource.Gradient(g, dim, _index.Unpack(this), _src) : null,
    ];

    internal override void Release() => _index.Release();
}
