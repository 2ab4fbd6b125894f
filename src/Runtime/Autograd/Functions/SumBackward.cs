namespace StaticNet.Autograd;

/// <summary>
/// Restores the reduced dimensions of a gradient (as length 1 when the reduction dropped them) and expands it to
/// the input's shape: every input element contributed once to its sum.
/// </summary>
internal static class ReducedGradient
{
    public static Tensor Expand(Tensor gradient, bool[] mask, bool keepDim, long[] inputShape)
    {
        var g = gradient;
        if (!keepDim)
        {
            var shape = new long[inputShape.Length];
            for (int i = 0; i < shape.Length; i++) shape[i] = mask[i] ? 1 : inputShape[i];
            g = g.Reshape(shape);
        }
        return g.Expand(inputShape);
    }
}

/// <summary>y = sum(x) over all elements: dy/dx = 1 everywhere.</summary>
internal sealed class SumBackward0(Tensor self) : Node
{
    private readonly InputInfo _self = new(self);
    public override string Name => "SumBackward0";
    internal override Tensor?[] Apply(Tensor g) => [g.To(_self.DType).Expand(_self.Shape)];
}

/// <summary>y = sum(x, dims): the gradient is copied back along the summed dimensions.</summary>
internal sealed class SumBackward1(Tensor self, bool[] mask, bool keepDim) : Node
{
    private readonly InputInfo _self = new(self);
    public override string Name => "SumBackward1";
    internal override Tensor?[] Apply(Tensor g) => [ReducedGradient.Expand(g.To(_self.DType), mask, keepDim, _self.Shape)];
}

/// <summary>y = mean(x) over all n elements: dy/dx = 1/n.</summary>
internal sealed class MeanBackward0(Tensor self) : Node
{
    private readonly InputInfo _self = new(self);
    private readonly long _count = self.Numel;
    public override string Name => "MeanBackward0";
    internal override Tensor?[] Apply(Tensor g) => [(g / (double)_count).To(_self.DType).Expand(_self.Shape)];
}

/// <summary>y = mean(x, dims) over n elements each: dy/dx = 1/n along the reduced dimensions.</summary>
internal sealed class MeanBackward1(Tensor self, bool[] mask, bool keepDim, long count) : Node
{
    private readonly InputInfo _self = new(self);
    public override string Name => "MeanBackward1";
    internal override Tensor?[] Apply(Tensor g) => [ReducedGradient.Expand((g / (double)count).To(_self.DType), mask, keepDim, _self.Shape)];
}
