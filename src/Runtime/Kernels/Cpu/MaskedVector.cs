using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Kernels.Cpu;

/// <summary>
/// AVX-512 masked loads and stores over float or double: the first <c>valid</c> lanes of a vector, for row ends shorter
/// than a vector. Masked-off lanes are never read or written (no fault past a buffer's end), and load as zeros.
/// Callers check <see cref="Avx512F.IsSupported"/>.
/// </summary>
internal static unsafe class MaskedVector
{
    /// <summary>All lanes below <paramref name="valid"/> set (≥ the width: all lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Mask<T>(int valid) where T : unmanaged, INumber<T> =>
        Vector512.LessThan(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(Math.Min(valid, Vector512<T>.Count))));

    /// <summary>The lanes of <paramref name="mask"/> from <paramref name="p"/>, zeros elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load<T>(T* p, Vector512<T> mask) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return Avx512F.MaskLoad((float*)p, mask.AsSingle(), Vector512<float>.Zero).As<float, T>();
        if (typeof(T) == typeof(double)) return Avx512F.MaskLoad((double*)p, mask.AsDouble(), Vector512<double>.Zero).As<double, T>();
        throw new NotSupportedException($"masked loads of {typeof(T).Name}");
    }

    /// <summary>Writes the lanes of <paramref name="mask"/> to <paramref name="p"/>; the memory under the other lanes is left alone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T>(T* p, Vector512<T> mask, Vector512<T> v) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) Avx512F.MaskStore((float*)p, mask.AsSingle(), v.AsSingle());
        else if (typeof(T) == typeof(double)) Avx512F.MaskStore((double*)p, mask.AsDouble(), v.AsDouble());
        else throw new NotSupportedException($"masked stores of {typeof(T).Name}");
    }
}
