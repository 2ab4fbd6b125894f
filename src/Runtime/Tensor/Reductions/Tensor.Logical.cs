using StaticNet.Kernels;

namespace StaticNet;

public partial class Tensor
{
    // The input is read as Bool (non-zero is true). As in PyTorch 1.13, a UInt8 input gives a UInt8 result (0 or 1);
    // every other dtype gives Bool. An empty reduction is true for all and false for any.

    /// <summary>True (a 0-dim Bool tensor) when every element is non-zero (<c>x.all()</c>).</summary>
    public Tensor All() => Logical<AllOperator>(Array.Empty<int>(), keepDim: false);

    /// <summary>Whether every element along <paramref name="dim"/> is non-zero (<c>x.all(dim, keepdim)</c>).</summary>
    public Tensor All(int dim, bool keepDim = false) => Logical<AllOperator>([dim], keepDim);

    /// <summary>True (a 0-dim Bool tensor) when any element is non-zero (<c>x.any()</c>).</summary>
    public Tensor Any() => Logical<AnyOperator>(Array.Empty<int>(), keepDim: false);

    /// <summary>Whether any element along <paramref name="dim"/> is non-zero (<c>x.any(dim, keepdim)</c>).</summary>
    public Tensor Any(int dim, bool keepDim = false) => Logical<AnyOperator>([dim], keepDim);

    private Tensor Logical<TOp>(int[] dims, bool keepDim) where TOp : IReduceOperator
    {
        var result = Reduction.Values<TOp>(Bool(), Reduction.Mask(this, dims), keepDim, DType.Bool);
        return DType == DType.UInt8 ? result.To(DType.UInt8) : result;
    }
}
