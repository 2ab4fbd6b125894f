using StaticNet.Kernels;

namespace StaticNet.Autograd;

/// <summary>y = max over each window of x: dy/dx is 1 at the element the forward pass chose (its saved index), else 0.</summary>
internal sealed class MaxPool2DWithIndicesBackward0(Tensor input, Tensor indices, Pool2dGeometry geometry) : Node
{
    private readonly InputInfo _input = new(input);
    private SavedTensor _indices = new(indices);

    public override string Name => "MaxPool2DWithIndicesBackward0";

    internal override Tensor?[] Apply(Tensor g) => [Backends.Of(g).MaxPool2dBackward(g, _indices.Unpack(this), _input.Shape, geometry)];

    internal override void Release() => _indices.Release();
}

/// <summary>y = Σ window(x) / divisor: dy/dx = 1 / divisor for each element inside the window (padding gets nothing).</summary>
internal sealed class AvgPool2DBackward0(Tensor input, Pool2dGeometry geometry, bool countIncludePad, int divisorOverride) : Node
{
    private readonly InputInfo _input = new(input);

    public override string Name => "AvgPool2DBackward0";

    internal override Tensor?[] Apply(Tensor g) => [Backends.Of(g).AvgPool2dBackward(g, _input.Shape, geometry, countIncludePad, divisorOverride)];
}

/// <summary>y = mean of an adaptive window of x: dy/dx = 1 / (window height · window width) inside the window.</summary>
internal sealed class AdaptiveAvgPool2DBackward0(Tensor input, Pool2dGeometry geometry) : Node
{
    private readonly InputInfo _input = new(input);

    public override string Name => "AdaptiveAvgPool2DBackward0";

    internal override Tensor?[] Apply(Tensor g) => [Backends.Of(g).AdaptiveAvgPool2dBackward(g, _input.Shape, geometry)];
}
