using System.Reflection;

namespace StaticNet.Tests.Autograd;

/// <summary>One gradient check: a function, the inputs to build, and the backward node it must record.</summary>
/// <param name="Node">The PyTorch name the result's GradFn must have (and the node type the row covers).</param>
/// <param name="Description">What the row checks (shapes, broadcasting, non-contiguous inputs ...).</param>
/// <param name="F">The function under test.</param>
/// <param name="Inputs">Builds fresh Float64 inputs (those to check have RequiresGrad).</param>
public sealed record GradCase(string Node, string Description, Func<Tensor[], Tensor> F, Func<Tensor[]> Inputs)
{
    public override string ToString() => $"{Node}: {Description}";
}

/// <summary>
/// The gradient-check table, split by op family into partial files (GradCheckTable.*.cs). Every static
/// <c>GradCase[]</c> field of this class is a part of the table; <see cref="GradCheckTests"/> runs every row and
/// checks that every backward node type in the runtime has at least one row.
/// </summary>
public static partial class GradCheckTable
{
    /// <summary>The generator the helpers draw from: each test run seeds its own, so rows are reproducible even
    /// while other tests use the default generator in parallel.</summary>
    [ThreadStatic] public static Generator? Rng;

    private static Generator G => Rng ??= new Generator(1);

    /// <summary>A Float64 tensor of normal values that requires grad.</summary>
    public static Tensor R(params long[] shape) => Torch.Randn(shape, DType.Float64, generator: G).RequiresGrad_();

    /// <summary>Positive values in [0.5, 1.5) (for log, sqrt, division).</summary>
    public static Tensor Pos(params long[] shape) => (Torch.Rand(shape, DType.Float64, generator: G) + 0.5).Detach().RequiresGrad_();

    /// <summary>A non-contiguous Float64 input: the transpose of a [cols, rows] tensor.</summary>
    public static Tensor RT(long rows, long cols) => Torch.Randn([cols, rows], DType.Float64, generator: G).T.Detach().RequiresGrad_();

    /// <summary>A Float64 tensor that does not require grad (indices, masks, constants).</summary>
    public static Tensor C(params long[] shape) => Torch.Randn(shape, DType.Float64, generator: G);

    public static IEnumerable<GradCase> All() =>
        typeof(GradCheckTable).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(GradCase[]))
            .SelectMany(f => (GradCase[])f.GetValue(null)!);

    internal static readonly GradCase[] Arithmetic =
    [
        new("AddBackward0", "same shape", t => t[0] + t[1], () => [R(2, 3), R(2, 3)]),
        new("AddBackward0", "broadcast [2,3] + [3] with a transposed input", t => t[0] + t[1], () => [RT(2, 3), R(3)]),
        new("AddBackward0", "scalar", t => t[0] + 2.5, () => [R(4)]),
        new("SubBackward0", "broadcast [2,1] - [1,3]", t => t[0] - t[1], () => [R(2, 1), R(1, 3)]),
        new("RsubBackward1", "2 - x", t => 2 - t[0], () => [R(3)]),
        new("MulBackward0", "broadcast [4,1,3] * [2,3]", t => t[0] * t[1], () => [R(4, 1, 3), R(2, 3)]),
        new("MulBackward0", "x * x (one input twice)", t => t[0] * t[0], () => [RT(3, 2)]),
        new("DivBackward0", "broadcast [2,3] / [3]", t => t[0] / t[1], () => [R(2, 3), Pos(3)]),
        new("DivBackward0", "number / x", t => 1.5 / t[0], () => [Pos(3)]),
    ];

    internal static readonly GradCase[] Reductions =
    [
        new("SumBackward0", "all elements of a transposed input", t => t[0].Sum(), () => [RT(3, 4)]),
        new("SumBackward1", "dim 1", t => t[0].Sum(1), () => [R(2, 3, 4)]),
        new("SumBackward1", "dims [0, 2] keepDim", t => t[0].Sum([0, 2], keepDim: true), () => [R(2, 3, 4)]),
        new("MeanBackward0", "all elements", t => t[0].Mean(), () => [R(3, 4)]),
        new("MeanBackward1", "dim -1 keepDim", t => t[0].Mean(-1, keepDim: true), () => [RT(3, 4)]),
    ];
}
