namespace StaticNet.Tests.Autograd;

public static partial class GradCheckTable
{
    /// <summary>Small normal values (|x| ~ 1e-3): a Float32 round trip then loses less than finite differences can see.</summary>
    private static Tensor Small(params long[] shape) => (Torch.Randn(shape, DType.Float64, generator: G) * 1e-3).Detach().RequiresGrad_();

    internal static readonly GradCase[] Elementwise =
    [
        new("NegBackward0", "transposed input", t => -t[0], () => [RT(3, 2)]),
        new("AbsBackward0", "normal values", t => t[0].Abs(), () => [R(2, 3)]),
        new("ReluBackward0", "transposed input", t => t[0].Relu(), () => [RT(2, 3)]),
        new("SignBackward0", "zero gradient", t => t[0].Sign(), () => [R(4)]),
        new("FloorBackward0", "zero gradient", t => (t[0] * 3L).Floor(), () => [R(2, 2)]),
        new("CeilBackward0", "zero gradient", t => (t[0] * 3L).Ceil(), () => [R(2, 2)]),
        new("RoundBackward0", "zero gradient", t => (t[0] * 3L).Round(), () => [R(2, 2)]),
        new("CloneBackward0", "transposed input", t => t[0].Clone(), () => [RT(2, 3)]),
        new("ToCopyBackward0", "float64 -> float32 -> float64", t => t[0].Float().Double(), () => [Small(2, 3)]),
        new("SqrtBackward0", "positive values", t => t[0].Sqrt(), () => [Pos(2, 3)]),
        new("ExpBackward0", "transposed input", t => t[0].Exp(), () => [RT(3, 2)]),
        new("LogBackward0", "positive values", t => t[0].Log(), () => [Pos(3)]),
        new("SinBackward0", "normal values", t => t[0].Sin(), () => [R(2, 3)]),
        new("CosBackward0", "transposed input", t => t[0].Cos(), () => [RT(2, 3)]),
        new("TanhBackward0", "normal values", t => t[0].Tanh(), () => [R(2, 3)]),
        new("SigmoidBackward0", "transposed input", t => t[0].Sigmoid(), () => [RT(3, 2)]),
        new("PowBackward0", "x ** 2", t => t[0].Pow(2), () => [RT(2, 3)]),
        new("PowBackward0", "x ** -1.5", t => t[0].Pow(-1.5), () => [Pos(4)]),
        new("PowBackward0", "x ** 0 (zero gradient)", t => t[0].Pow(0.0), () => [R(3)]),
        new("PowBackward1", "broadcast [2,3] ** [3]", t => t[0].Pow(t[1]), () => [Pos(2, 3), R(3)]),
        new("PowBackward1", "transposed base, constant 0-dim exponent", t => t[0].Pow(t[1]), () => [RT(2, 3), Torch.Tensor(3.0, DType.Float64)]),
        new("PowBackward1", "number ** tensor", t => Torch.Pow(2.5, t[0]), () => [RT(2, 2)]),
        new("MaximumBackward0", "broadcast [2,3] with [3]", t => t[0].Maximum(t[1]), () => [R(2, 3), R(3)]),
        new("MinimumBackward0", "transposed [2,3] with [2,1]", t => t[0].Minimum(t[1]), () => [RT(2, 3), R(2, 1)]),
        new("WhereBackward0", "broadcast condition and inputs", t => Torch.Where(t[2].Gt(0L), t[0], t[1]), () => [R(2, 3), R(3), C(2, 1)]),
        new("WhereBackward0", "number as the other branch", t => Torch.Where(t[0].Gt(0L), t[0], 1.5), () => [RT(3, 2)]),
        new("ClampBackward1", "number bounds", t => t[0].Clamp(-0.5, 0.5), () => [RT(2, 3)]),
        new("ClampBackward1", "min only", t => t[0].Clamp(min: 0.2), () => [R(5)]),
        new("ClampBackward0", "broadcast tensor bounds", t => t[0].Clamp(t[1], t[2]), () => [R(2, 3), R(3), R(2, 1)]),
        new("ClampBackward0", "tensor max only", t => t[0].Clamp(null, t[1]), () => [RT(2, 3), R(3)]),
        // In-place variants on a non-leaf (a clone of the input).
        new("NegBackward0", "Neg_", t => t[0].Clone().Neg_(), () => [R(3)]),
        new("AbsBackward0", "Abs_", t => t[0].Clone().Abs_(), () => [RT(2, 3)]),
        new("ReluBackward0", "Relu_", t => t[0].Clone().Relu_(), () => [R(2, 3)]),
        new("ExpBackward0", "Exp_", t => t[0].Clone().Exp_(), () => [R(3)]),
        new("SqrtBackward0", "Sqrt_", t => t[0].Clone().Sqrt_(), () => [Pos(3)]),
        new("PowBackward0", "Pow_ with a number", t => t[0].Clone().Pow_(3L), () => [R(2, 3)]),
        new("PowBackward1", "Pow_ with a tensor exponent", t => t[0].Clone().Pow_(t[1]), () => [Pos(2, 3), R(3)]),
        new("ClampBackward1", "Clamp_", t => t[0].Clone().Clamp_(-0.3, 0.4), () => [R(2, 3)]),
    ];
}
