using System.Numerics;

namespace StaticNet.Kernels;

/// <summary>Reductions over dimensions, arg-reductions along one dimension, and the nonzero search.</summary>
internal interface IReductionKernels
{
    /// <summary>output = TOp over the dimensions flagged in <paramref name="reduced"/>; output is a new contiguous tensor of the
    /// input's shape without them.</summary>
    void Reduce<T, TOp>(Tensor input, bool[] reduced, Tensor output) where T : unmanaged, INumber<T> where TOp : IReduceOperator;

    /// <summary>The extreme value along <paramref name="dim"/> and its first index (argmax/argmin, max/min with dim) into new
    /// contiguous tensors of the input's shape without <paramref name="dim"/>.</summary>
    void ArgReduce<T, TOp>(Tensor input, int dim, Tensor values, Tensor indices) where T : unmanaged, INumber<T> where TOp : IArgReduceOperator;

    /// <summary>The [count, rank] Int64 coordinates of the true elements of a contiguous Bool tensor, in row-major order.</summary>
    Tensor Nonzero(Tensor flags);
}
