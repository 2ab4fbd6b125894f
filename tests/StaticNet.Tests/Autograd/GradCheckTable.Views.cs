namespace StaticNet.Tests.Autograd;

public static partial class GradCheckTable
{
    internal static readonly GradCase[] Views =
    [
        new("ViewBackward0", "[2,3] viewed as [-1,2]", t => t[0].View(-1, 2), () => [R(2, 3)]),
        new("ViewBackward0", "ViewAs", t => t[0].ViewAs(C(6)), () => [R(3, 2)]),
        new("ViewBackward0", "Reshape that can be a view", t => t[0].Reshape(4, -1), () => [R(2, 2, 3)]),
        new("ViewBackward0", "Unflatten dim -1", t => t[0].Unflatten(-1, 2, 2), () => [R(3, 4)]),
        new("ViewBackward0", "Flatten of a contiguous input", t => t[0].Flatten(1), () => [R(2, 2, 3)]),
        new("UnsafeViewBackward0", "Reshape of a transposed input copies", t => t[0].Reshape(6), () => [RT(2, 3)]),
        new("UnsafeViewBackward0", "Flatten of a transposed input copies", t => t[0].Flatten(), () => [RT(3, 2)]),
        new("CloneBackward0", "Contiguous of a transposed input", t => t[0].Contiguous(), () => [RT(2, 3)]),
        new("AliasBackward0", "x[...]", t => t[0][TensorIndex.Ellipsis], () => [R(2, 3)]),
        new("TransposeBackward0", "dims -1 and 0 of a 3-D input", t => t[0].Transpose(-1, 0), () => [R(2, 3, 4)]),
        new("TBackward0", "T of a transposed matrix", t => t[0].T, () => [RT(3, 2)]),
        new("TBackward0", "T of a vector", t => t[0].T, () => [R(3)]),
        new("PermuteBackward0", "permute(2, 0, 1)", t => t[0].Permute(2, 0, 1), () => [R(2, 3, 4)]),
        new("PermuteBackward0", "negative dims (-1, 0, -2)", t => t[0].Permute(-1, 0, -2), () => [R(2, 3, 4)]),
        new("PermuteBackward0", "T of a 3-D input", t => t[0].T, () => [R(2, 1, 3)]),
        new("SqueezeBackward0", "[2,1,3,1] squeezed", t => t[0].Squeeze(), () => [R(2, 1, 3, 1)]),
        new("SqueezeBackward1", "dim -2 of length 1", t => t[0].Squeeze(-2), () => [R(2, 1, 3)]),
        new("SqueezeBackward1", "dim of length 2 (no change)", t => t[0].Squeeze(0), () => [RT(2, 3)]),
        new("UnsqueezeBackward0", "dim -1 of a transposed input", t => t[0].Unsqueeze(-1), () => [RT(2, 3)]),
        new("UnsqueezeBackward0", "x[.., None]", t => t[0][.., TensorIndex.NewAxis], () => [R(2, 3)]),
        new("ExpandBackward0", "[3,1] to [2,3,4]", t => t[0].Expand(2, 3, 4), () => [R(3, 1)]),
        new("ExpandBackward0", "ExpandAs a [4,2,3] tensor", t => t[0].ExpandAs(C(4, 2, 3)), () => [RT(2, 3)]),
        new("ExpandBackward0", "[1,4] expanded with -1", t => t[0].Expand(3, -1), () => [R(1, 4)]),
        new("SliceBackward0", "x[1..3]", t => t[0][1..3], () => [R(4, 2)]),
        new("SliceBackward0", "stepped slice of a transposed input", t => t[0].Slice(1, 0, null, 2), () => [RT(2, 5)]),
        new("SliceBackward0", "Narrow dim -1, negative start", t => t[0].Narrow(-1, -3, 2), () => [R(2, 4)]),
        new("SliceBackward0", "x[:, ^2..]", t => t[0][.., ^2..], () => [RT(3, 3)]),
        new("SelectBackward0", "p[0] (seed 001)", t => t[0][0], () => [R(3, 2)]),
        new("SelectBackward0", "Select(-1, 1) of a transposed input", t => t[0].Select(-1, 1), () => [RT(3, 2)]),
        new("SelectBackward0", "x[^1]", t => t[0][^1], () => [R(3, 2)]),
        new("DiagonalBackward0", "offset 1 of a transposed input", t => t[0].Diagonal(1), () => [RT(3, 4)]),
        new("DiagonalBackward0", "offset -1", t => t[0].Diagonal(-1), () => [R(3, 3)]),
        new("DiagonalBackward0", "of a selected matrix", t => t[0][1].Diagonal(), () => [R(2, 2, 3)]),
        new("AsStridedBackward0", "a view read after an in-place change to its base", t =>
        {
            var y = t[0] * 1.0;
            var row = y[1];
            y.Mul_(t[1]);
            return row;
        }, () => [R(2, 3), R(3)]),
        new("AsStridedBackward0", "an expanded view after an in-place change to its base", t =>
        {
            var y = t[0] * 1.0;
            var e = y.Unsqueeze(0).Expand(2, 2, 2);
            y.Add_(t[0]);
            return e;
        }, () => [RT(2, 2)]),
        new("AsStridedBackward0", "the view an in-place op wrote through", t =>
        {
            var y = t[0] * 1.0;
            var column = y.T[1];
            column.Mul_(t[1]);
            return column;
        }, () => [R(3, 2), R(3)]),
        new("CopySlices", "y[0].Mul_(v): the base records the change", t =>
        {
            var y = t[0] * 1.0;
            y[0].Mul_(t[1]);
            return y;
        }, () => [R(2, 3), R(3)]),
        new("CopySlices", "in place through a transposed column", t =>
        {
            var y = t[0] * 1.0;
            y.T[1].Add_(t[1]);
            return y;
        }, () => [R(3, 2), R(3)]),
        new("CopySlices", "y[1..3] = v with broadcasting", t =>
        {
            var y = t[0] * 1.0;
            y[1..3] = t[1];
            return y;
        }, () => [RT(3, 2), R(1, 2)]),
        new("CopySlices", "y[:, 0] = v on a base that does not require grad", t =>
        {
            var y = Torch.Zeros([2, 3], DType.Float64);
            y[.., 0] = t[0];
            return y;
        }, () => [R(2)]),
    ];
}
