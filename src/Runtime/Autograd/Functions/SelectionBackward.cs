namespace StaticNet.Autograd;

// Gradient rules of max and min. The full reductions share the gradient evenly among all elements equal to the
// result (PyTorch's evenly_distribute_backward); the dim forms send it to the index they returned only
// (value_selecting_reduction_backward).

/// <summary>Shared formulas of the selecting reductions.</summary>
internal static class SelectedGradient
{
    /// <summary>
    /// g / k at each of the k elements equal to <paramref name="result"/>, 0 elsewhere. When the result is NaN the
    /// NaN elements share it (NaN equals nothing), as in PyTorch.
    /// </summary>
    public static Tensor Evenly(Tensor x, Tensor result, Tensor g)
    {
        var mask = result.Ne(result).Item<byte>() != 0 ? x.Ne(x) : x.Eq(result);
        // masked_fill rather than mask * g, so an infinite gradient does not turn the zeros into NaN.
        return Torch.ZerosLike(x).To(g.DType).MaskedFill_(mask, g / mask.Sum());
    }

    /// <summary>g scattered into zeros of <paramref name="shape"/> at <paramref name="indices"/> along <paramref name="dim"/>.</summary>
    public static Tensor AtIndices(Tensor g, Tensor indices, long[] shape, int dim, bool keepDim)
    {
        // A 0-dim input is its own max: the gradient passes straight through.
        if (shape.Length == 0) return g;
        if (!keepDim)
        {
            g = g.Unsqueeze(dim);
            indices = indices.Unsqueeze(dim);
        }
        return Torch.Zeros(shape, g.DType, g.Device).Scatter_(dim, indices, g);
    }
}

/// <summary>y = max(x) over all elements: dy/dx_i = 1/k for each of the k maxima, 0 elsewhere.</summary>
internal sealed class MaxBackward1(Tensor self, Tensor result) : Node
{
    private readonly InputInfo _self = new(self);
    private SavedTensor _savedSelf = new(self), _savedResult = new(result);
    public override string Name => "MaxBackward1";

    internal override Tensor?[] Apply(Tensor g) =>
        [SelectedGradient.Evenly(_savedSelf.Unpack(this), _savedResult.Unpack(this), g).To(_self.DType)];

    internal override void Release()
    {
        _savedSelf.Release();
        _savedResult.Release();
    }
}

/// <summary>y = min(x) over all elements: dy/dx_i = 1/k for each of the k minima, 0 elsewhere.</summary>
internal sealed class MinBackward1(Tensor self, Tensor result) : Node
{
    private readonly InputInfo _self = new(self);
    private SavedTensor _savedSelf = new(self), _savedResult = new(result);
    public override string Name => "MinBackward1";

    internal override Tensor?[] Apply(Tensor g) =>
        [SelectedGradient.Evenly(_savedSelf.Unpack(this), _savedResult.Unpack(this), g).To(_self.DType)];

    internal override void Release()
    {
        _savedSelf.Release();
        _savedResult.Release();
    }
}

/// <summary>(values, indices) = max(x, dim): dvalues/dx is 1 at the returned index of each slice, 0 elsewhere
/// (ties are not shared: only the index the forward chose gets the gradient).</summary>
internal sealed class MaxBackward0(Tensor self, int dim, bool keepDim, Tensor indices) : Node
{
    private readonly InputInfo _self = new(self);
    private SavedTensor _savedIndices = new(indices);
    public override string Name => "MaxBackward0";

    internal override Tensor?[] Apply(Tensor g) =>
        [SelectedGradient.AtIndices(g, _savedIndices.Unpack(this), _self.Shape, dim, keepDim).To(_self.DType)];

    internal override void Release() => _savedIndices.Release();
}

/// <summary>(values, indices) = min(x, dim): dvalues/dx is 1 at the returned index of each slice, 0 elsewhere.</summary>
internal sealed class MinBackward0(Tensor self, int dim, bool keepDim, Tensor indices) : Node
{
    private readonly InputInfo _self = new(self);
    private SavedTensor _savedIndices = new(indices);
    public override string Name => "MinBackward0";

    internal override Tensor?[] Apply(Tensor g) =>
        [SelectedGradient.AtIndices(g, _savedIndices.Unpack(this), _self.Shape, dim, keepDim).To(_self.DType)];

    internal override void Release() => _savedIndices.Release();
}
