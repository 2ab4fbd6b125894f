namespace StaticNet.Tests.Autograd;

public static partial class GradCheckTable
{
    private static Tensor Idx(params long[] values) => Torch.Tensor(values);

    private static Tensor Idx(long[,] values) => Torch.Tensor(values);

    private static Tensor Mask(bool[,] values) => Torch.Tensor(values);

    private static readonly bool[,] Mask23 = { { true, false, true }, { false, false, true } };

    internal static readonly GradCase[] Indexing =
    [
        new("IndexBackward0", "x[[0, 2, 0, -1]]: repeated and negative indices accumulate", t => t[0][Idx(0, 2, 0, -1)], () => [R(3, 2)]),
        new("IndexBackward0", "x[:, [1, 1]] of a transposed input", t => t[0][.., Idx(1, 1)], () => [RT(2, 3)]),
        new("IndexBackward0", "x[1, [[0, 2], [2, 2]]] after a select", t => t[0][1, Idx(new long[,] { { 0, 2 }, { 2, 2 } })], () => [R(2, 3)]),
        new("IndexBackward0", "x[[0, 1], :, [1, 1]] (non-adjacent indices)", t => t[0][Idx(0, 1), .., Idx(1, 1)], () => [R(2, 2, 3)]),
        new("IndexBackward0", "x[mask]", t => t[0][Mask(Mask23)], () => [RT(2, 3)]),
        new("IndexPutBackward0", "y[[2, 0]] = v (v broadcast over rows)", t =>
        {
            var y = t[0] * 1.0;
            y[Idx(2, 0)] = t[1];
            return y;
        }, () => [R(3, 2), R(2)]),
        new("IndexPutBackward0", "y[mask] = v", t =>
        {
            var y = t[0] * 1.0;
            y[Mask(Mask23)] = t[1];
            return y;
        }, () => [RT(2, 3), R(1)]),
        new("CopySlices", "y[0, [2, 0]] = v writes through a view", t =>
        {
            var y = t[0] * 1.0;
            y[0, Idx(2, 0)] = t[1];
            return y;
        }, () => [R(2, 3), R(2)]),
        new("GatherBackward0", "dim 1 with repeated positions", t => t[0].Gather(1, Idx(new long[,] { { 0, 0, 3 }, { 1, 2, 1 }, { 3, 3, 3 } })), () => [R(3, 4)]),
        new("GatherBackward0", "dim -2 of a transposed input, index smaller than input", t => t[0].Gather(-2, Idx(new long[,] { { 2, 0 }, { 2, 2 } })), () => [RT(3, 3)]),
        new("IndexSelectBackward0", "dim -1 with repeats, transposed input", t => t[0].IndexSelect(-1, Idx(0, 3, 0)), () => [RT(2, 4)]),
        new("IndexSelectBackward0", "dim 0 with an Int32 index", t => t[0].IndexSelect(0, Torch.Tensor(new[] { 1, 1, 0 })), () => [R(2, 3)]),
        new("MaskedFillBackward0", "mask of the same shape, transposed input", t => t[0].MaskedFill(Mask(Mask23), 2.0), () => [RT(2, 3)]),
        new("MaskedFillBackward0", "[3] input, [2,3] mask (the result broadcasts)", t => t[0].MaskedFill(Mask(Mask23), -1.0), () => [R(3)]),
        new("MaskedFillBackward0", "in place on a non-leaf", t => (t[0] * 1.0).MaskedFill_(Mask(Mask23), 0.5), () => [R(2, 3)]),
        new("MaskedFillBackward1", "0-dim value that requires grad", t => t[0].MaskedFill(Mask(Mask23), t[1]), () => [R(2, 3), R()]),
        new("MaskedSelectBackward0", "transposed input", t => t[0].MaskedSelect(Mask(Mask23)), () => [RT(2, 3)]),
        new("MaskedSelectBackward0", "[3] input broadcast by a [2,3] mask", t => t[0].MaskedSelect(Mask(Mask23)), () => [R(3)]),
        new("ScatterBackward0", "dim 1, src larger than the index", t => t[0].Scatter(1, Idx(new long[,] { { 3, 0 }, { 1, 2 }, { 0, 3 } }), t[1]), () => [R(3, 4), R(3, 3)]),
        new("ScatterBackward0", "in place, dim -2 on a non-leaf", t => (t[0] * 1.0).Scatter_(-2, Idx(new long[,] { { 1, 0 } }), t[1]), () => [RT(2, 2), R(1, 2)]),
        new("ScatterBackward1", "a number at repeated positions", t => t[0].Scatter(0, Idx(new long[,] { { 1, 1, 0 } }), 1.5), () => [R(2, 3)]),
        new("ScatterAddBackward0", "repeated positions accumulate", t => t[0].ScatterAdd(1, Idx(new long[,] { { 0, 0, 2 }, { 1, 1, 1 } }), t[1]), () => [RT(2, 3), R(2, 3)]),
    ];
}
