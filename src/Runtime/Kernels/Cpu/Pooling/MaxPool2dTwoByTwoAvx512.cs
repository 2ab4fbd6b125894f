using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Kernels.Cpu.Pooling;

/// <summary>
/// One output row of the 2×2 stride-2 max pooling with AVX-512, without branches: a block of outputs loads two vectors of
/// each input row, splits them into even and odd columns with a two-source permute, and folds the four candidates
/// r0[c], r0[c+1], r1[c], r1[c+1] in that order with the scalar rule (replace when <c>v &gt; max || IsNaN(v)</c>: NaN wins,
/// a later NaN takes the index, ties keep the first), blending the candidate's flat index along with its value.
/// The last, partial block uses masked loads and stores, so rows narrower than a block (LeNet's 14) are vectorized too;
/// masked-off lanes never touch memory.
/// </summary>
internal static unsafe partial class MaxPool2dKernel
{
    /// <summary>Outputs <c>[0, ow)</c> of the row whose input rows start at <paramref name="r0"/> (top = its flat offset).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TwoByTwoRowAvx512(float* r0, float* r1, float* y, long* idx, int top, int w, int ow)
    {
        var iota = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        Vector512<int> even = iota + iota, odd = even + Vector512<int>.One;
        var below = Vector512.Create(w);
        // The flat index of candidate 0 (r0[c]) per lane; the other three are +1, +W, +W+1.
        var offset = Vector512.Create(top) + even;
        int j = 0;
        for (; j + 16 <= ow; j += 16, offset += Vector512.Create(32))
        {
            float* a = r0 + 2 * j, b = r1 + 2 * j;
            var (a0, a1, b0, b1) = (Vector512.Load(a), Vector512.Load(a + 16), Vector512.Load(b), Vector512.Load(b + 16));
            var (max, arg) = MaxOfFour(a0, a1, b0, b1, even, odd, offset, below);
            max.Store(y + j);
            var (lo, hi) = Vector512.Widen(arg);
            lo.Store(idx + j);
            hi.Store(idx + j + 8);
        }
        int rest = ow - j;
        if (rest == 0) return;
        {
            float* a = r0 + 2 * j, b = r1 + 2 * j;
            // Input lanes [0, 2·rest) of the 32, output lanes [0, rest) of the 16.
            var in0 = Vector512.LessThan(iota, Vector512.Create(2 * rest)).AsSingle();
            var in1 = Vector512.LessThan(iota, Vector512.Create(2 * rest - 16)).AsSingle();
            var zero = Vector512<float>.Zero;
            var a0 = Avx512F.MaskLoad(a, in0, zero);
            var a1 = Avx512F.MaskLoad(a + 16, in1, zero);
            var b0 = Avx512F.MaskLoad(b, in0, zero);
            var b1 = Avx512F.MaskLoad(b + 16, in1, zero);
            var (max, arg) = MaxOfFour(a0, a1, b0, b1, even, odd, offset, below);
            Avx512F.MaskStore(y + j, Vector512.LessThan(iota, Vector512.Create(rest)).AsSingle(), max);
            var (lo, hi) = Vector512.Widen(arg);
            var lanes = Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7);
            Avx512F.MaskStore(idx + j, Vector512.LessThan(lanes, Vector512.Create((long)rest)), lo);
            Avx512F.MaskStore(idx + j + 8, Vector512.LessThan(lanes, Vector512.Create(rest - 8L)), hi);
        }
    }

    /// <summary>16 windows: rows r0 = (a0, a1) and r1 = (b0, b1), 32 columns each.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<float> Max, Vector512<int> Arg) MaxOfFour(
        Vector512<float> a0, Vector512<float> a1, Vector512<float> b0, Vector512<float> b1,
        Vector512<int> even, Vector512<int> odd, Vector512<int> offset, Vector512<int> below)
    {
        var max = Avx512F.PermuteVar16x32x2(a0, even, a1);
        var arg = offset;
        Pick(ref max, ref arg, Avx512F.PermuteVar16x32x2(a0, odd, a1), offset + Vector512<int>.One);
        Pick(ref max, ref arg, Avx512F.PermuteVar16x32x2(b0, even, b1), offset + below);
        Pick(ref max, ref arg, Avx512F.PermuteVar16x32x2(b0, odd, b1), offset + below + Vector512<int>.One);
        return (max, arg);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pick(ref Vector512<float> max, ref Vector512<int> arg, Vector512<float> v, Vector512<int> at)
    {
        var take = Vector512.GreaterThan(v, max) | Vector512.IsNaN(v);
        max = Vector512.ConditionalSelect(take, v, max);
        arg = Vector512.ConditionalSelect(take.AsInt32(), at, arg);
    }

    /// <summary>The double twin of <see cref="TwoByTwoRowAvx512(float*, float*, float*, long*, int, int, int)"/>: 8 outputs a block, 64-bit indices throughout.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TwoByTwoRowAvx512(double* r0, double* r1, double* y, long* idx, long top, long w, int ow)
    {
        var iota = Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7);
        Vector512<long> even = iota + iota, odd = even + Vector512<long>.One;
        var below = Vector512.Create(w);
        var offset = Vector512.Create(top) + even;
        int j = 0;
        for (; j + 8 <= ow; j += 8, offset += Vector512.Create(16L))
        {
            double* a = r0 + 2 * j, b = r1 + 2 * j;
            var (a0, a1, b0, b1) = (Vector512.Load(a), Vector512.Load(a + 8), Vector512.Load(b), Vector512.Load(b + 8));
            var (max, arg) = MaxOfFour(a0, a1, b0, b1, even, odd, offset, below);
            max.Store(y + j);
            arg.Store(idx + j);
        }
        int rest = ow - j;
        if (rest == 0) return;
        {
            double* a = r0 + 2 * j, b = r1 + 2 * j;
            var in0 = Vector512.LessThan(iota, Vector512.Create(2L * rest)).AsDouble();
            var in1 = Vector512.LessThan(iota, Vector512.Create(2L * rest - 8)).AsDouble();
            var zero = Vector512<double>.Zero;
            var a0 = Avx512F.MaskLoad(a, in0, zero);
            var a1 = Avx512F.MaskLoad(a + 8, in1, zero);
            var b0 = Avx512F.MaskLoad(b, in0, zero);
            var b1 = Avx512F.MaskLoad(b + 8, in1, zero);
            var (max, arg) = MaxOfFour(a0, a1, b0, b1, even, odd, offset, below);
            var store = Vector512.LessThan(iota, Vector512.Create((long)rest));
            Avx512F.MaskStore(y + j, store.AsDouble(), max);
            Avx512F.MaskStore(idx + j, store, arg);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<double> Max, Vector512<long> Arg) MaxOfFour(
        Vector512<double> a0, Vector512<double> a1, Vector512<double> b0, Vector512<double> b1,
        Vector512<long> even, Vector512<long> odd, Vector512<long> offset, Vector512<long> below)
    {
        var max = Avx512F.PermuteVar8x64x2(a0, even, a1);
        var arg = offset;
        Pick(ref max, ref arg, Avx512F.PermuteVar8x64x2(a0, odd, a1), offset + Vector512<long>.One);
        Pick(ref max, ref arg, Avx512F.PermuteVar8x64x2(b0, even, b1), offset + below);
        Pick(ref max, ref arg, Avx512F.PermuteVar8x64x2(b0, odd, b1), offset + below + Vector512<long>.One);
        return (max, arg);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pick(ref Vector512<double> max, ref Vector512<long> arg, Vector512<double> v, Vector512<long> at)
    {
        var take = Vector512.GreaterThan(v, max) | Vector512.IsNaN(v);
        max = Vector512.ConditionalSelect(take, v, max);
        arg = Vector512.ConditionalSelect(take.AsInt64(), at, arg);
    }
}
