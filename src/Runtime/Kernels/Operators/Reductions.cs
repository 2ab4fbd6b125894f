using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace StaticNet.Kernels;

// Value reductions. Span forms are TensorPrimitives (SIMD); the scalar Combine is the reference and joins the
// partial results of a reduction split across cores.

internal readonly struct SumOperator : IReduceOperator
{
    // TensorPrimitives.Sum keeps one vector of partial sums, so a float32 block's error grows with its length over
    // the lane count. Blocks of this many elements keep that small; the block sums are added in double.
    private const int FloatBlock = 4096;

    public static T Identity<T>() where T : unmanaged, INumber<T> => T.Zero;
    public static T Combine<T>(T x, T y) where T : unmanaged, INumber<T> => x + y;

    public static T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float) && x.Length > FloatBlock)
        {
            var f = MemoryMarshal.Cast<T, float>(x);
            double sum = 0;
            for (int i = 0; i < f.Length; i += FloatBlock)
                sum += TensorPrimitives.Sum(f.Slice(i, Math.Min(FloatBlock, f.Length - i)));
            return T.CreateTruncating(sum);
        }
        return TensorPrimitives.Sum(x);
    }

    public static void Accumulate<T>(Span<T> a, ReadOnlySpan<T> x) where T : unmanaged, INumber<T> => TensorPrimitives.Add(a, x, a);
}

internal readonly struct ProductOperator : IReduceOperator
{
    public static T Identity<T>() where T : unmanaged, INumber<T> => T.One;
    public static T Combine<T>(T x, T y) where T : unmanaged, INumber<T> => x * y;
    public static T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T> => TensorPrimitives.Product(x);
    public static void Accumulate<T>(Span<T> a, ReadOnlySpan<T> x) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(a, x, a);
}

/// <summary>Maximum; NaN propagates (TensorPrimitives.Max returns NaN when any element is NaN, as torch.max does).</summary>
internal readonly struct MaxOperator : IReduceOperator
{
    public static T Identity<T>() where T : unmanaged, INumber<T> =>
        throw new InvalidOperationException("max of an empty set has no identity.");
    public static T Combine<T>(T x, T y) where T : unmanaged, INumber<T> => MaximumOperator.Invoke(x, y);
    public static T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T> => TensorPrimitives.Max(x);
    public static void Accumulate<T>(Span<T> a, ReadOnlySpan<T> x) where T : unmanaged, INumber<T> => TensorPrimitives.Max(a, x, a);
}

/// <summary>Minimum; NaN propagates.</summary>
internal readonly struct MinOperator : IReduceOperator
{
    public static T Identity<T>() where T : unmanaged, INumber<T> =>
        throw new InvalidOperationException("min of an empty set has no identity.");
    public static T Combine<T>(T x, T y) where T : unmanaged, INumber<T> => MinimumOperator.Invoke(x, y);
    public static T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T> => TensorPrimitives.Min(x);
    public static void Accumulate<T>(Span<T> a, ReadOnlySpan<T> x) where T : unmanaged, INumber<T> => TensorPrimitives.Min(a, x, a);
}

/// <summary>Logical "all" over Bool data (bytes 0/1): the minimum, with identity true.</summary>
internal readonly struct AllOperator : IReduceOperator
{
    public static T Identity<T>() where T : unmanaged, INumber<T> => T.One;
    public static T Combine<T>(T x, T y) where T : unmanaged, INumber<T> => T.Min(x, y);
    public static T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T> => x.IndexOf(T.Zero) < 0 ? T.One : T.Zero;
    public static void Accumulate<T>(Span<T> a, ReadOnlySpan<T> x) where T : unmanaged, INumber<T> => TensorPrimitives.Min(a, x, a);
}

/// <summary>Logical "any" over Bool data (bytes 0/1): the maximum, with identity false.</summary>
internal readonly struct AnyOperator : IReduceOperator
{
    public static T Identity<T>() where T : unmanaged, INumber<T> => T.Zero;
    public static T Combine<T>(T x, T y) where T : unmanaged, INumber<T> => T.Max(x, y);
    public static T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T> => x.IndexOfAnyExcept(T.Zero) >= 0 ? T.One : T.Zero;
    public static void Accumulate<T>(Span<T> a, ReadOnlySpan<T> x) where T : unmanaged, INumber<T> => TensorPrimitives.Max(a, x, a);
}
