using System.Numerics;
using System.Numerics.Tensors;

namespace StaticNet.Kernels;

// Unary operators defined for every numeric dtype (the result keeps the input's dtype).

internal readonly struct NegateOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, INumber<T> => -x;
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Negate(x, d);
}

internal readonly struct AbsOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, INumber<T> => T.Abs(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Abs(x, d);
}

/// <summary>max(x, 0); NaN stays NaN, as in <c>torch.relu</c>.</summary>
internal readonly struct ReluOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, INumber<T> => x > T.Zero || T.IsNaN(x) ? x : T.Zero;
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Max(x, T.Zero, d);
}

/// <summary>-1, 0 or 1 (<c>torch.sign</c>).</summary>
internal readonly struct SignOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, INumber<T> =>
        T.IsNaN(x) ? x : x > T.Zero ? T.One : x < T.Zero ? T.Zero - T.One : T.Zero;
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T> => ScalarRows.Unary<T, SignOperator>(x, d);
}
