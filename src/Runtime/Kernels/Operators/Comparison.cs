using System.Numerics;

namespace StaticNet.Kernels;

// Comparisons (NaN compares unequal to everything, as IEEE 754 and PyTorch say).

internal readonly struct EqualOperator : ICompareOperator
{
    public static bool Invoke<T>(T x, T y) where T : unmanaged, INumber<T> => x == y;
}

internal readonly struct NotEqualOperator : ICompareOperator
{
    public static bool Invoke<T>(T x, T y) where T : unmanaged, INumber<T> => x != y;
}

internal readonly struct LessThanOperator : ICompareOperator
{
    public static bool Invoke<T>(T x, T y) where T : unmanaged, INumber<T> => x < y;
}

internal readonly struct LessThanOrEqualOperator : ICompareOperator
{
    public static bool Invoke<T>(T x, T y) where T : unmanaged, INumber<T> => x <= y;
}

internal readonly struct GreaterThanOperator : ICompareOperator
{
    public static bool Invoke<T>(T x, T y) where T : unmanaged, INumber<T> => x > y;
}

internal readonly struct GreaterThanOrEqualOperator : ICompareOperator
{
    public static bool Invoke<T>(T x, T y) where T : unmanaged, INumber<T> => x >= y;
}
