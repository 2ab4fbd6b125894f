using System.Numerics;
using System.Numerics.Tensors;

namespace StaticNet.Kernels;

// Index-selecting reductions (argmax/argmin and max/min along a dim). TensorPrimitives.IndexOfMax treats +0 as
// greater than -0, while PyTorch treats them as equal (so the first of them wins); FirstZero restores that.

internal readonly struct ArgMaxOperator : IArgReduceOperator
{
    public static bool Replaces<T>(T c, T current) where T : unmanaged, INumber<T> =>
        c > current || (T.IsNaN(c) && !T.IsNaN(current));

    public static int IndexOf<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T> =>
        ArgSearch.FirstZero(x, TensorPrimitives.IndexOfMax(x));
}

internal readonly struct ArgMinOperator : IArgReduceOperator
{
    public static bool Replaces<T>(T c, T current) where T : unmanaged, INumber<T> =>
        c < current || (T.IsNaN(c) && !T.IsNaN(current));

    public static int IndexOf<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T> =>
        ArgSearch.FirstZero(x, TensorPrimitives.IndexOfMin(x));
}

internal static class ArgSearch
{
    /// <summary>When the selected value is a (signed) zero, the first element equal to it under ==, else <paramref name="index"/>.</summary>
    public static int FirstZero<T>(ReadOnlySpan<T> x, int index) where T : unmanaged, INumber<T>
    {
        if (!T.IsZero(x[index])) return index;
        for (int i = 0; i < index; i++) if (T.IsZero(x[i])) return i;
        return index;
    }
}
