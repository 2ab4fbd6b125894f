using System.Numerics;
using System.Runtime.CompilerServices;

namespace StaticNet.Optim.Kernels;

/// <summary>Vector forms of the tensor ops PyTorch's optimizers are written in, with the same rounding order.</summary>
internal static class VectorMath
{
    /// <summary>
    /// <c>self.lerp_(end, weight)</c> as PyTorch computes it: from <paramref name="self"/> when the weight is small,
    /// from <paramref name="end"/> otherwise, which keeps the result exact at weight 0 and 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Lerp<T>(Vector<T> self, Vector<T> end, Vector<T> weight, Vector<T> oneMinusWeight, bool weightIsSmall)
        where T : unmanaged =>
        weightIsSmall ? self + weight * (end - self) : end - (end - self) * oneMinusWeight;

    /// <summary>The same lerp for one element (the device kernels' rules).</summary>
    public static T Lerp<T>(T self, T end, T weight, T oneMinusWeight, bool weightIsSmall) where T : INumber<T> =>
        weightIsSmall ? self + weight * (end - self) : end - (end - self) * oneMinusWeight;
}
