using System.Numerics;

namespace StaticNet.Kernels;

// The operator contracts. An operator is a readonly struct with static members: a scalar Invoke (the strided
// path, the reference in tests) and span Invokes for contiguous rows (usually TensorPrimitives, which is SIMD).
// One generic loop per arity (BinaryLoop, UnaryLoop, ...) drives them; adding an op means adding a struct.

/// <summary>An element-wise operation of two operands of one numeric type.</summary>
internal interface IBinaryOperator
{
    static abstract T Invoke<T>(T x, T y) where T : unmanaged, INumber<T>;
    static abstract void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, INumber<T>;
    static abstract void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> destination) where T : unmanaged, INumber<T>;
    static abstract void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, INumber<T>;
}

/// <summary>An element-wise operation of one numeric operand.</summary>
internal interface IUnaryOperator
{
    static abstract T Invoke<T>(T x) where T : unmanaged, INumber<T>;
    static abstract void Invoke<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, INumber<T>;
}

/// <summary>An element-wise operation defined only for floating types (exp, log, sin, ...).</summary>
internal interface IFloatUnaryOperator
{
    static abstract T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>;
    static abstract void Invoke<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>A comparison producing a Bool tensor.</summary>
internal interface ICompareOperator
{
    static abstract bool Invoke<T>(T x, T y) where T : unmanaged, INumber<T>;
}

/// <summary>Scalar fallbacks for operators without a SIMD span form.</summary>
internal static class ScalarRows
{
    public static void Binary<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d)
        where T : unmanaged, INumber<T> where TOp : IBinaryOperator
    {
        for (int i = 0; i < d.Length; i++) d[i] = TOp.Invoke(x[i], y[i]);
    }

    public static void Binary<T, TOp>(ReadOnlySpan<T> x, T y, Span<T> d)
        where T : unmanaged, INumber<T> where TOp : IBinaryOperator
    {
        for (int i = 0; i < d.Length; i++) d[i] = TOp.Invoke(x[i], y);
    }

    public static void Binary<T, TOp>(T x, ReadOnlySpan<T> y, Span<T> d)
        where T : unmanaged, INumber<T> where TOp : IBinaryOperator
    {
        for (int i = 0; i < d.Length; i++) d[i] = TOp.Invoke(x, y[i]);
    }

    public static void Unary<T, TOp>(ReadOnlySpan<T> x, Span<T> d)
        where T : unmanaged, INumber<T> where TOp : IUnaryOperator
    {
        for (int i = 0; i < d.Length; i++) d[i] = TOp.Invoke(x[i]);
    }

    public static void FloatUnary<T, TOp>(ReadOnlySpan<T> x, Span<T> d)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : IFloatUnaryOperator
    {
        for (int i = 0; i < d.Length; i++) d[i] = TOp.Invoke(x[i]);
    }
}
