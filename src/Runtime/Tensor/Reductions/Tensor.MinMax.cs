using StaticNet.Autograd;
using StaticNet.Kernels;

namespace StaticNet;

public partial class Tensor
{
    // Max and min keep the dtype and propagate NaN; the index forms return the first occurrence of the winner (the
    // first NaN when there is one), as PyTorch does on the CPU. The values record a backward node; indices never
    // require grad.

    /// <summary>The largest element, a 0-dim tensor of the same dtype (<c>x.max()</c>); NaN if any element is NaN.</summary>
    /// <exception cref="ArgumentException">The tensor is empty.</exception>
    public Tensor Max()
    {
        Reduction.CheckNonEmpty("max", this, dim: null);
        var r = Reduction.Values<MaxOperator>(this, Reduction.Mask(this, []), keepDim: false, DType);
        return Graph.ShouldRecord(this) ? Graph.Record(r, new MaxBackward1(this, r), this) : r;
    }

    /// <summary>The smallest element, a 0-dim tensor (<c>x.min()</c>).</summary>
    /// <exception cref="ArgumentException">The tensor is empty.</exception>
    public Tensor Min()
    {
        Reduction.CheckNonEmpty("min", this, dim: null);
        var r = Reduction.Values<MinOperator>(this, Reduction.Mask(this, []), keepDim: false, DType);
        return Graph.ShouldRecord(this) ? Graph.Record(r, new MinBackward1(this, r), this) : r;
    }

    /// <summary>The largest elements along <paramref name="dim"/> and their positions in it (Int64), as
    /// <c>values, indices = x.max(dim=0)</c>: <c>var (values, indices) = x.Max(dim: 0)</c>; prints as
    /// <c>torch.return_types.max(...)</c>.</summary>
    public ValuesAndIndices Max(int dim, bool keepDim = false)
    {
        var r = Reduction.Select<ArgMaxOperator>("max", this, dim, keepDim);
        if (Graph.ShouldRecord(this)) Graph.Record(r.Values, new MaxBackward0(this, NormalizeDim(dim, Dim), keepDim, r.Indices), this);
        return new ValuesAndIndices("max", r.Values, r.Indices);
    }

    /// <summary>The smallest elements along <paramref name="dim"/> and their positions (<c>x.min(dim)</c>).</summary>
    public ValuesAndIndices Min(int dim, bool keepDim = false)
    {
        var r = Reduction.Select<ArgMinOperator>("min", this, dim, keepDim);
        if (Graph.ShouldRecord(this)) Graph.Record(r.Values, new MinBackward0(this, NormalizeDim(dim, Dim), keepDim, r.Indices), this);
        return new ValuesAndIndices("min", r.Values, r.Indices);
    }

    /// <summary>The position of the largest element in the flattened tensor, a 0-dim Int64 tensor (<c>x.argmax()</c>).</summary>
    public Tensor Argmax() => Reduction.SelectFlat<ArgMaxOperator>("argmax", this);

    /// <summary>The positions of the largest elements along <paramref name="dim"/> (Int64; <c>x.argmax(dim)</c>).</summary>
    public Tensor Argmax(int dim, bool keepDim = false) => Reduction.Select<ArgMaxOperator>("argmax", this, dim, keepDim).Indices;

    /// <summary>The position of the smallest element in the flattened tensor (<c>x.argmin()</c>).</summary>
    public Tensor Argmin() => Reduction.SelectFlat<ArgMinOperator>("argmin", this);

    /// <summary>The positions of the smallest elements along <paramref name="dim"/> (<c>x.argmin(dim)</c>).</summary>
    public Tensor Argmin(int dim, bool keepDim = false) => Reduction.Select<ArgMinOperator>("argmin", this, dim, keepDim).Indices;
}
