using StaticNet.Kernels;

namespace StaticNet.Autograd;

/// <summary>y = leaky_relu(x, a): dy/dx = 1 for x &gt; 0, a otherwise (0 at x = 0, as PyTorch).</summary>
internal sealed class LeakyReluBackward0(Tensor self, double negativeSlope) : Node
{
    private SavedTensor _self = new(self);
    public override string Name => "LeakyReluBackward0";
    internal override Tensor?[] Apply(Tensor g) => [Backends.Of(g).LeakyReluBackward(g, _self.Unpack(this), negativeSlope)];
    internal override void Release() => _self.Release();
}

/// <summary>
/// In-place y = leaky_relu_(x, a): the input is gone, so the sign is read from the result (the same as the input's
/// sign when a &gt; 0, which is why the backward refuses a negative slope, as PyTorch's does).
/// </summary>
internal sealed class LeakyReluBackward1(Tensor result, double negativeSlope) : Node
{
    private SavedTensor _result = new(result);
    public override string Name => "LeakyReluBackward1";
    internal override Tensor?[] Apply(Tensor g)
    {
        if (negativeSlope < 0)
            throw new InvalidOperationException(
                "In-place leakyReLu backward calculation is triggered with a negative slope which is not supported. " +
                "This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead.");
        return [Backends.Of(g).LeakyReluBackward(g, _result.Unpack(this), negativeSlope)];
    }

    internal override void Release() => _result.Release();
}

/// <summary>
/// y = x·Φ(x): dy/dx = Φ(x) + x·φ(x). With the tanh approximation y = ½x(1 + t), t = tanh(β(x + κx³)):
/// dy/dx = ½(1 + t) + ½x(1 − t²)·β(1 + 3κx²).
/// </summary>
internal sealed class GeluBackward0(Tensor self, bool tanh) : Node
{
    private SavedTensor _self = new(self);
    public override string Name => "GeluBackward0";
    internal override Tensor?[] Apply(Tensor g) => [Backends.Of(g).GeluBackward(g, _self.Unpack(this), tanh)];
    internal override void Release() => _self.Release();
}
