namespace StaticNet.Autograd;

// Gradient rules of the floating unary functions. sqrt, exp, tanh and sigmoid differentiate through their own
// result (saved instead of the input, as PyTorch does); log, sin and cos need the input.

/// <summary>y = √x: dy/dx = 1 / (2√x) = 1 / (2y).</summary>
internal sealed class SqrtBackward0(Tensor self, Tensor result) : UnarySavingNode(self, result)
{
    public override string Name => "SqrtBackward0";
    protected override Tensor Gradient(Tensor g, Tensor y) => g / (y * 2L);
}

/// <summary>y = exp(x): dy/dx = exp(x) = y.</summary>
internal sealed class ExpBackward0(Tensor self, Tensor result) : UnarySavingNode(self, result)
{
    public override string Name => "ExpBackward0";
    protected override Tensor Gradient(Tensor g, Tensor y) => g * y;
}

/// <summary>y = ln x: dy/dx = 1 / x.</summary>
internal sealed class LogBackward0(Tensor self) : UnarySavingNode(self, self)
{
    public override string Name => "LogBackward0";
    protected override Tensor Gradient(Tensor g, Tensor x) => g / x;
}

/// <summary>y = sin x: dy/dx = cos x.</summary>
internal sealed class SinBackward0(Tensor self) : UnarySavingNode(self, self)
{
    public override string Name => "SinBackward0";
    protected override Tensor Gradient(Tensor g, Tensor x) => g * x.Cos();
}

/// <summary>y = cos x: dy/dx = -sin x.</summary>
internal sealed class CosBackward0(Tensor self) : UnarySavingNode(self, self)
{
    public override string Name => "CosBackward0";
    protected override Tensor Gradient(Tensor g, Tensor x) => g * x.Sin().Neg();
}

/// <summary>y = tanh x: dy/dx = 1 - tanh² x = 1 - y².</summary>
internal sealed class TanhBackward0(Tensor self, Tensor result) : UnarySavingNode(self, result)
{
    public override string Name => "TanhBackward0";
    protected override Tensor Gradient(Tensor g, Tensor y) => g * (1L - y * y);
}

/// <summary>y = 1 / (1 + e^-x): dy/dx = y (1 - y).</summary>
internal sealed class SigmoidBackward0(Tensor self, Tensor result) : UnarySavingNode(self, result)
{
    public override string Name => "SigmoidBackward0";
    protected override Tensor Gradient(Tensor g, Tensor y) => g * (1L - y) * y;
}
