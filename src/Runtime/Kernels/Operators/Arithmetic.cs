using System.Numerics;
using System.Numerics.Tensors;

namespace StaticNet.Kernels;

// Binary arithmetic: each struct's span forms are TensorPrimitives (SIMD); the scalar form is the reference.

internal readonly struct AddOperator : IBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, INumber<T> => x + y;
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Add(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Add(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Add(y, x, d);
}

internal readonly struct SubtractOperator : IBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, INumber<T> => x - y;
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Subtract(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Subtract(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Subtract(x, y, d);
}

internal readonly struct MultiplyOperator : IBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, INumber<T> => x * y;
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(y, x, d);
}

/// <summary>Division; on integers it truncates (used only where PyTorch's rounding mode asks for that: true division promotes first).</summary>
internal readonly struct DivideOperator : IBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, INumber<T> => x / y;
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Divide(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Divide(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Divide(x, y, d);
}

/// <summary>Element-wise maximum; NaN wins, as in <c>torch.maximum</c>.</summary>
internal readonly struct MaximumOperator : IBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, INumber<T> => T.IsNaN(x) || T.IsNaN(y) ? (T.IsNaN(x) ? x : y) : T.Max(x, y);
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Max(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Max(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Max(y, x, d);
}

/// <summary>Element-wise minimum; NaN wins, as in <c>torch.minimum</c>.</summary>
internal readonly struct MinimumOperator : IBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, INumber<T> => T.IsNaN(x) || T.IsNaN(y) ? (T.IsNaN(x) ? x : y) : T.Min(x, y);
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Min(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Min(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Min(y, x, d);
}

/// <summary>
/// x to the power y. Floating types use Math.Pow semantics; integers use exact repeated squaring
/// (a negative integer exponent is rejected before the kernel runs, as PyTorch does).
/// </summary>
internal readonly struct PowOperator : IBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float)) return T.CreateTruncating(MathF.Pow(float.CreateTruncating(x), float.CreateTruncating(y)));
        if (typeof(T) == typeof(double)) return T.CreateTruncating(Math.Pow(double.CreateTruncating(x), double.CreateTruncating(y)));
        return IntegerPower(x, y);
    }

    /// <summary>
    /// x^y for an integer type and y ≥ 0, by repeated squaring in T's own arithmetic (wrapping as PyTorch's integer pow
    /// does). No conversion and no branch on T: the ILGPU backend's integer pow kernel runs this same method.
    /// </summary>
    public static T IntegerPower<T>(T x, T y) where T : INumber<T>
    {
        T result = T.One, b = x, e = y, two = T.One + T.One;
        while (e > T.Zero)
        {
            if (e % two != T.Zero) result *= b;
            b *= b;
            e /= two;
        }
        return result;
    }

    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => ScalarRows.Binary<T, PowOperator>(x, y, d);

    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, INumber<T>
    {
        // The common exponents take SIMD paths.
        if (y == T.One) { x.CopyTo(d); return; }
        if (y == T.One + T.One) { TensorPrimitives.Multiply(x, x, d); return; }
        if (typeof(T) == typeof(float) && float.CreateTruncating(y) == 0.5f)
        {
            TensorPrimitives.Sqrt(System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(x), System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(d));
            return;
        }
        ScalarRows.Binary<T, PowOperator>(x, y, d);
    }

    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => ScalarRows.Binary<T, PowOperator>(x, y, d);
}
