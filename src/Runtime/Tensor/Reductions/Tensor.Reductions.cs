using StaticNet.Autograd;
using StaticNet.Kernels;

namespace StaticNet;

public partial class Tensor
{
    // Sum and prod of Bool and integer tensors are Int64, as in PyTorch; an explicit dtype converts the input first
    // (so sum(dtype: Int64) of [1.5, 2.7] is 1 + 2 = 3, as torch gives).

    /// <summary>The sum of all elements, a 0-dim tensor (<c>x.sum()</c>). Bool and integer inputs give Int64.</summary>
    public Tensor Sum() => Sum(Array.Empty<int>());

    /// <summary>The sum of all elements, computed in and returned as <paramref name="dtype"/> (<c>x.sum(dtype=...)</c>).</summary>
    public Tensor Sum(DType dtype) => Sum(Array.Empty<int>(), dtype: dtype);

    /// <summary>Sums over dimension <paramref name="dim"/> (negative counts from the end), removing it unless
    /// <paramref name="keepDim"/>: [2, 3] over dim 0 gives [3], or [1, 3] with keepDim.</summary>
    public Tensor Sum(int dim, bool keepDim = false, DType? dtype = null) => Sum([dim], keepDim, dtype);

    /// <summary>Sums over several dimensions (an empty list means all, as in PyTorch 1.13).</summary>
    public Tensor Sum(int[] dims, bool keepDim = false, DType? dtype = null)
    {
        var mask = Reduction.Mask(this, dims);
        var type = dtype ?? AccumulateType();
        // Bools stored as bytes would sum past 1: a Bool-typed sum is "any", which is what the cast of a sum gives.
        var r = type == DType.Bool
            ? Reduction.Values<AnyOperator>(this, mask, keepDim, type)
            : Reduction.Values<SumOperator>(this, mask, keepDim, type);
        if (!Graph.ShouldRecord(this) || !type.IsFloatingPoint()) return r;
        return Graph.Record(r, dims.Length == 0 ? new SumBackward0(this) : new SumBackward1(this, mask, keepDim), this);
    }

    /// <summary>The product of all elements, a 0-dim tensor (<c>x.prod()</c>); Bool and integer inputs give Int64.</summary>
    public Tensor Prod()
    {
        var r = Reduction.Values<ProductOperator>(this, Reduction.Mask(this, []), keepDim: false, AccumulateType());
        return Graph.ShouldRecord(this) ? Graph.Record(r, new ProdBackward0(this), this) : r;
    }

    /// <summary>The product over dimension <paramref name="dim"/> (<c>x.prod(dim, keepdim, dtype)</c>).</summary>
    public Tensor Prod(int dim, bool keepDim = false, DType? dtype = null)
    {
        var type = dtype ?? AccumulateType();
        var r = Reduction.Values<ProductOperator>(this, Reduction.Mask(this, dim), keepDim, type);
        if (!Graph.ShouldRecord(this) || !type.IsFloatingPoint()) return r;
        return Graph.Record(r, new ProdBackward1(this, NormalizeDim(dim, Dim), keepDim), this);
    }

    /// <summary>The mean of all elements, a 0-dim tensor (<c>x.mean()</c>). The input must be floating, or
    /// <paramref name="dtype"/> must name a floating type to compute in.</summary>
    /// <exception cref="ArgumentException">Neither the input nor <paramref name="dtype"/> is floating (PyTorch's message).</exception>
    public Tensor Mean(DType? dtype = null) => Mean(Array.Empty<int>(), keepDim: false, dtype);

    /// <summary>The mean over dimension <paramref name="dim"/>: [[1, 2, 3], [4, 5, 6]] gives [2.5, 3.5, 4.5] over dim 0.</summary>
    public Tensor Mean(int dim, bool keepDim = false, DType? dtype = null) => Mean([dim], keepDim, dtype);

    /// <summary>The mean over several dimensions (an empty list means all). The mean of no elements is NaN.</summary>
    public Tensor Mean(int[] dims, bool keepDim = false, DType? dtype = null)
    {
        var type = MeanType(dtype);
        var mask = Reduction.Mask(this, dims);
        var count = Reduction.Count(this, mask);
        var mean = Reduction.Mean(this, mask, keepDim, type, count);
        if (!Graph.ShouldRecord(this)) return mean;
        return Graph.Record(mean, dims.Length == 0 ? new MeanBackward0(this) : new MeanBackward1(this, mask, keepDim, count), this);
    }

    /// <summary>PyTorch's accumulation type for sum and prod: Int64 for Bool and integers, else the dtype itself.</summary>
    private DType AccumulateType() => DType.IsFloatingPoint() ? DType : DType.Int64;

    private DType MeanType(DType? dtype)
    {
        var type = dtype ?? DType;
        if (!type.IsFloatingPoint())
            throw new ArgumentException(
                $"mean(): could not infer output dtype. {(dtype is null ? "Input" : "Optional")} dtype must be either a floating point or complex dtype. " +
                $"Got: {Reduction.ScalarTypeName(type)}");
        return type;
    }
}
