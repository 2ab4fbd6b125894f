namespace StaticNet.Tests.Autograd;

public static partial class GradCheckTable
{
    /// <summary>Normal values with exact zeros at the given row-major positions (prod's special cases); requires grad.</summary>
    private static Tensor WithZeros(long[] shape, params int[] positions)
    {
        var t = Torch.Randn(shape, DType.Float64, generator: G);
        var flat = t.Reshape(-1);
        foreach (var p in positions) flat[p].Fill_(0.0);
        return t.RequiresGrad_();
    }

    /// <summary>Distinct values (the shuffled 0.5 * 0..n-1 plus noise), so max and min have no ties; requires grad.</summary>
    private static Tensor Distinct(params long[] shape)
    {
        long n = shape.Aggregate(1L, (a, b) => a * b);
        var perm = Torch.RandPerm(n, generator: G).To(DType.Float64) * 0.5;
        return (perm + Torch.Rand([n], DType.Float64, generator: G) * 0.1).Reshape(shape).Detach().RequiresGrad_();
    }

    internal static readonly GradCase[] ReductionsMore =
    [
        new("ProdBackward0", "all elements of a transposed input", t => t[0].Prod(), () => [RT(3, 2)]),
        new("ProdBackward0", "of a broadcast product [2,1] * [3]", t => (t[0] * t[1]).Prod(), () => [R(2, 1), R(3)]),
        new("ProdBackward0", "with exactly one zero", t => t[0].Prod(), () => [WithZeros([2, 3], 4)]),
        new("ProdBackward0", "with two zeros", t => t[0].Prod(), () => [WithZeros([2, 2], 0, 3)]),
        new("ProdBackward0", "of a 0-dim input", t => t[0].Prod(), () => [R()]),
        new("ProdBackward1", "dim 1", t => t[0].Prod(1), () => [R(2, 3, 2)]),
        new("ProdBackward1", "dim -1 keepDim of a transposed input", t => t[0].Prod(-1, keepDim: true), () => [RT(3, 4)]),
        new("ProdBackward1", "dim 0 with one zero in one column and two in another", t => t[0].Prod(0),
            () => [WithZeros([3, 3], 1, 2, 5)]),
        new("ProdBackward1", "dim -2 keepDim with a zero", t => t[0].Prod(-2, keepDim: true), () => [WithZeros([3, 2], 2)]),
        new("VarBackward0", "all elements, unbiased", t => t[0].Var(), () => [RT(3, 2)]),
        new("VarBackward0", "all elements, biased", t => t[0].Var(unbiased: false), () => [R(4)]),
        new("VarBackward0", "dim -1 keepDim", t => t[0].Var(-1, keepDim: true), () => [R(2, 4)]),
        new("VarBackward0", "dims [0, 2] correction 0", t => t[0].Var([0, 2], correction: 0), () => [R(2, 3, 2)]),
        new("VarBackward0", "dim 0 of a transposed input", t => t[0].Var(0), () => [RT(3, 2)]),
        new("VarBackward0", "of a broadcast difference [3,1] - [4]", t => (t[0] - t[1]).Var(1), () => [R(3, 1), R(4)]),
        new("StdBackward0", "all elements", t => t[0].Std(), () => [R(2, 3)]),
        new("StdBackward0", "dim -2 keepDim correction 0 of a transposed input", t => t[0].Std(-2, keepDim: true, correction: 0), () => [RT(3, 2)]),
        new("StdBackward0", "dims [1, 2]", t => t[0].Std([1, 2]), () => [R(2, 2, 3)]),
        new("MaxBackward1", "all elements of a transposed input", t => t[0].Max(), () => [RT(3, 2)]),
        new("MaxBackward1", "of a broadcast sum [2,1] + [3]", t => (t[0] + t[1]).Max(), () => [Distinct(2, 1), Distinct(3)]),
        new("MinBackward1", "all elements", t => t[0].Min(), () => [Distinct(2, 3)]),
        new("MaxBackward0", "values over dim 1", t => t[0].Max(1).Values, () => [Distinct(2, 3, 2)]),
        new("MaxBackward0", "values over dim -1 keepDim of a transposed input", t => t[0].Max(-1, keepDim: true).Values, () => [RT(3, 4)]),
        new("MaxBackward0", "of a 0-dim input", t => t[0].Max(0).Values, () => [R()]),
        new("MinBackward0", "values over dim 0", t => t[0].Min(0).Values, () => [Distinct(3, 2)]),
        new("MinBackward0", "values over dim -2 keepDim", t => t[0].Min(-2, keepDim: true).Values, () => [RT(4, 3)]),
    ];

    internal static readonly GradCase[] Joining =
    [
        new("CatBackward0", "dim 0", t => Torch.Cat([t[0], t[1]]), () => [R(2, 3), R(1, 3)]),
        new("CatBackward0", "dim -1 with a transposed input and a constant", t => Torch.Cat([t[0], t[1], t[2]], -1),
            () => [RT(2, 3), C(2, 1), R(2, 2)]),
        new("CatBackward0", "the same input twice", t => Torch.Cat([t[0], t[0]], 1), () => [R(2, 2)]),
        new("CatBackward0", "with a skipped empty [0] input", t => Torch.Cat([t[0], t[1], t[2]], 1), () => [R(0), R(2, 1), R(2, 2)]),
        new("CatBackward0", "of a broadcast product", t => Torch.Cat([t[0] * t[1], t[1]]), () => [R(2, 1), R(1, 3)]),
        new("StackBackward0", "dim 0", t => Torch.Stack([t[0], t[1]]), () => [R(2, 3), R(2, 3)]),
        new("StackBackward0", "dim -1 with a transposed input and a constant", t => Torch.Stack([t[0], t[1], t[2]], -1),
            () => [RT(2, 3), C(2, 3), R(2, 3)]),
        new("StackBackward0", "dim 1 of the same input twice", t => Torch.Stack([t[0], t[0]], 1), () => [R(3, 2)]),
    ];
}
