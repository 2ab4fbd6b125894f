namespace StaticNet.Autograd;

// Gradient rules of the view ops. A view only rearranges (or repeats) the input's elements, so its gradient
// rearranges the incoming gradient back: a reshape for shape-only views, the inverse permutation for transposes,
// a sum over repeated positions for Expand, and a zero tensor with the gradient written into the viewed region
// for views that keep only part of the input (slice, select, diagonal).

/// <summary>y = x.View(shape) (also ViewAs, Unflatten, and Reshape when it is a view, as in PyTorch 2.x):
/// y is x's elements in the same order, so dx = dy reshaped to x's shape.</summary>
internal sealed class ViewBackward0(Tensor self) : Node
{
    private readonly long[] _shape = self.ShapeArray;
    public override string Name => "ViewBackward0";
    internal override Tensor?[] Apply(Tensor g) => [g.Reshape(_shape)];
}

/// <summary>y = Reshape of the contiguous copy of x (a Reshape that cannot be a view; PyTorch's <c>_unsafe_view</c>):
/// dx = dy reshaped to the copy's shape.</summary>
internal sealed class UnsafeViewBackward0(Tensor self) : Node
{
    private readonly long[] _shape = self.ShapeArray;
    public override string Name => "UnsafeViewBackward0";
    internal override Tensor?[] Apply(Tensor g) => [g.Reshape(_shape)];
}

/// <summary>y = x (a new tensor object over the same data, <c>x[...]</c>): dx = dy.</summary>
internal sealed class AliasBackward0 : Node
{
    public override string Name => "AliasBackward0";
    internal override Tensor?[] Apply(Tensor g) => [g];
}

/// <summary>y = x.Transpose(a, b): dx = dy.Transpose(a, b) (a swap is its own inverse).</summary>
internal sealed class TransposeBackward0(int dim0, int dim1) : Node
{
    public override string Name => "TransposeBackward0";
    internal override Tensor?[] Apply(Tensor g) => [g.Transpose(dim0, dim1)];
}

/// <summary>y = x.T for a tensor of at most 2 dimensions (PyTorch's <c>t()</c>): dx = dy.T.</summary>
internal sealed class TBackward0 : Node
{
    public override string Name => "TBackward0";
    internal override Tensor?[] Apply(Tensor g) => [g.T];
}

/// <summary>y = x.Permute(dims), y dimension i = x dimension dims[i]: dx = dy permuted by the inverse permutation.</summary>
internal sealed class PermuteBackward0 : Node
{
    private readonly int[] _inverse;

    /// <param name="dims">The permutation, already normalized to non-negative dimensions.</param>
    public PermuteBackward0(int[] dims)
    {
        _inverse = new int[dims.Length];
        for (int i = 0; i < dims.Length; i++) _inverse[dims[i]] = i;
    }

    public override string Name => "PermuteBackward0";
    internal override Tensor?[] Apply(Tensor g) => [g.Permute(_inverse)];
}

/// <summary>y = x.Squeeze() (every length-1 dimension removed): dx = dy reshaped to x's shape.</summary>
internal sealed class SqueezeBackward0(Tensor self) : Node
{
    private readonly long[] _shape = self.ShapeArray;
    public override string Name => "SqueezeBackward0";
    internal override Tensor?[] Apply(Tensor g) => [g.Reshape(_shape)];
}

/// <summary>y = x.Squeeze(dim) (that dimension removed when its length is 1): dx = dy reshaped to x's shape.</summary>
internal sealed class SqueezeBackward1(Tensor self) : Node
{
    private readonly long[] _shape = self.ShapeArray;
    public override string Name => "SqueezeBackward1";
    internal override Tensor?[] Apply(Tensor g) => [g.Reshape(_shape)];
}

/// <summary>y = x.Unsqueeze(dim): dx = dy with that length-1 dimension removed.</summary>
internal sealed class UnsqueezeBackward0(int dim) : Node
{
    public override string Name => "UnsqueezeBackward0";
    internal override Tensor?[] Apply(Tensor g) => [g.Squeeze(dim)];
}

/// <summary>y = x.Expand(sizes): every element of x appears at all the positions it was repeated to, so dx is dy
/// summed over the expanded (new or length-1) dimensions.</summary>
internal sealed class ExpandBackward0(Tensor self) : Node
{
    private readonly long[] _shape = self.ShapeArray;
    public override string Name => "ExpandBackward0";
    internal override Tensor?[] Apply(Tensor g) => [Graph.SumTo(g, _shape)];
}

/// <summary>y = x.Slice(dim, start, end, step) (also Narrow and <c>x[a..b]</c>): dx is zero except at the sliced
/// positions, which receive dy.</summary>
internal sealed class SliceBackward0(Tensor self, int dim, long start, long end, long step) : Node
{
    private readonly long[] _shape = self.ShapeArray;
    private readonly DType _dtype = self.DType;
    public override string Name => "SliceBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var dx = Torch.Zeros(_shape, _dtype, g.Device);
        dx.Slice(dim, start, end, step).Copy_(g);
        return [dx];
    }
}

/// <summary>y = x.Select(dim, index) (also <c>x[i]</c>): dx is zero except the selected slice, which is dy.</summary>
internal sealed class SelectBackward0(Tensor self, int dim, long index) : Node
{
    private readonly long[] _shape = self.ShapeArray;
    private readonly DType _dtype = self.DType;
    public override string Name => "SelectBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var dx = Torch.Zeros(_shape, _dtype, g.Device);
        dx.Select(dim, index).Copy_(g);
        return [dx];
    }
}

/// <summary>y = x.Diagonal(offset): dx is zero except on that diagonal, which is dy.</summary>
internal sealed class DiagonalBackward0(Tensor self, long offset) : Node
{
    private readonly long[] _shape = self.ShapeArray;
    private readonly DType _dtype = self.DType;
    public override string Name => "DiagonalBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var dx = Torch.Zeros(_shape, _dtype, g.Device);
        dx.Diagonal(offset).Copy_(g);
        return [dx];
    }
}
