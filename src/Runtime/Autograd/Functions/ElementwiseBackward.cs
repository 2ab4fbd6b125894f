namespace StaticNet.Autograd;

// Gradient rules of the element-wise unary ops (PyTorch's derivatives.yaml). Nodes that need a value keep exactly
// the one PyTorch keeps: the input (abs, log, sin, cos) or the result (relu, sqrt, exp, tanh, sigmoid).

/// <summary>A one-input node whose formula reads one saved tensor (its input or its result).</summary>
internal abstract class UnarySavingNode : Node
{
    private readonly InputInfo _self;
    private SavedTensor _saved;

    protected UnarySavingNode(Tensor self, Tensor saved)
    {
        _self = new(self);
        _saved = new SavedTensor(saved);
    }

    /// <summary>The gradient for the input given the output's gradient and the saved tensor.</summary>
    protected abstract Tensor Gradient(Tensor g, Tensor saved);

    internal sealed override Tensor?[] Apply(Tensor g) => [_self.Reduce(Gradient(g, _saved.Unpack(this)))];

    internal override void Release() => _saved.Release();
}

/// <summary>A one-input node whose derivative is zero almost everywhere (sign, floor, ceil, round).</summary>
internal abstract class ZeroGradientNode(Tensor self) : Node
{
    private readonly InputInfo _self = new(self);
    internal sealed override Tensor?[] Apply(Tensor g) => [_self.Reduce(Torch.ZerosLike(g))];
}

/// <summary>y = -x: dy/dx = -1.</summary>
internal sealed class NegBackward0(Tensor self) : Node
{
    private readonly InputInfo _self = new(self);
    public override string Name => "NegBackward0";
    internal override Tensor?[] Apply(Tensor g) => [_self.Reduce(g.Neg())];
}

/// <summary>y = |x|: dy/dx = sign(x) (0 at x = 0, as PyTorch's sgn).</summary>
/// <param name="self">x.</param>
/// <param name="selfValue">x's values (a copy when an in-place op overwrites x).</param>
internal sealed class AbsBackward0(Tensor self, Tensor selfValue) : UnarySavingNode(self, selfValue)
{
    public override string Name => "AbsBackward0";
    protected override Tensor Gradient(Tensor g, Tensor x) => g * x.Sign();
}

/// <summary>y = max(x, 0): dy/dx = 1 where y &gt; 0, else 0 (PyTorch's threshold_backward on the result).</summary>
internal sealed class ReluBackward0(Tensor self, Tensor result) : UnarySavingNode(self, result)
{
    public override string Name => "ReluBackward0";
    protected override Tensor Gradient(Tensor g, Tensor y) => Torch.Where(y.Gt(Torch.Wrap(0L)), g, Torch.Wrap(0.0));
}

/// <summary>y = sign(x): dy/dx = 0.</summary>
internal sealed class SignBackward0(Tensor self) : ZeroGradientNode(self)
{
    public override string Name => "SignBackward0";
}

/// <summary>y = floor(x): dy/dx = 0.</summary>
internal sealed class FloorBackward0(Tensor self) : ZeroGradientNode(self)
{
    public override string Name => "FloorBackward0";
}

/// <summary>y = ceil(x): dy/dx = 0.</summary>
internal sealed class CeilBackward0(Tensor self) : ZeroGradientNode(self)
{
    public override string Name => "CeilBackward0";
}

/// <summary>y = round(x): dy/dx = 0.</summary>
internal sealed class RoundBackward0(Tensor self) : ZeroGradientNode(self)
{
    public override string Name => "RoundBackward0";
}

/// <summary>y = clone(x): dy/dx = 1.</summary>
internal sealed class CloneBackward0(Tensor self) : Node
{
    private readonly InputInfo _self = new(self);
    public override string Name => "CloneBackward0";
    internal override Tensor?[] Apply(Tensor g) => [_self.Reduce(g)];
}

/// <summary>y = x converted to another floating dtype: dy/dx = 1, the gradient converted back to x's dtype.</summary>
internal sealed class ToCopyBackward0(Tensor self) : Node
{
    private readonly InputInfo _self = new(self);
    public override string Name => "ToCopyBackward0";
    internal override Tensor?[] Apply(Tensor g) => [_self.Reduce(g)];
}
