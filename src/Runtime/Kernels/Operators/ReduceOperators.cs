using System.Numerics;

namespace StaticNet.Kernels;

// Contracts for the reduction loops (ReduceLoop, ArgReduceLoop). As with the element-wise operators, a struct's
// static members carry the scalar reference form and the span forms the loops call on contiguous data.

/// <summary>An associative, order-independent reduction (sum, product, max, ...), computed in one numeric type.</summary>
internal interface IReduceOperator
{
    /// <summary>The result of reducing no elements (0 for sum, 1 for product). Max and min have none: their front
    /// ends reject empty reductions before the loop runs, so this is never called for them.</summary>
    static abstract T Identity<T>() where T : unmanaged, INumber<T>;

    /// <summary>op(x, y) for two partial results.</summary>
    static abstract T Combine<T>(T x, T y) where T : unmanaged, INumber<T>;

    /// <summary>The reduction of a non-empty contiguous block.</summary>
    static abstract T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T>;

    /// <summary><c>accumulator[i] = op(accumulator[i], x[i])</c>: folds a whole row in at once (column reductions).</summary>
    static abstract void Accumulate<T>(Span<T> accumulator, ReadOnlySpan<T> x) where T : unmanaged, INumber<T>;
}

/// <summary>A reduction that selects one element and reports its position (argmax, argmin).</summary>
internal interface IArgReduceOperator
{
    /// <summary>True when <paramref name="candidate"/>, seen after <paramref name="current"/>, replaces it. Strict, so
    /// ties keep the first occurrence; a NaN replaces any number and is never replaced (PyTorch propagates NaN).</summary>
    static abstract bool Replaces<T>(T candidate, T current) where T : unmanaged, INumber<T>;

    /// <summary>The index of the selected element of a non-empty contiguous block, with the same rules.</summary>
    static abstract int IndexOf<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T>;
}
