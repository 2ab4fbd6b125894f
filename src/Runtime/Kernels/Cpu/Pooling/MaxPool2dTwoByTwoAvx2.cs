using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Kernels.Cpu.Pooling;

/// <summary>
/// The AVX2 twin of the AVX-512 rows (same candidate order, same rule, same bits) for machines without AVX-512. AVX2 has
/// no two-source cross-lane permute, so the even/odd split is an in-lane <c>shufps</c>/<c>shufpd</c>, which leaves the
/// windows in the order 0,1,4,5,2,3,6,7 (float) or 0,2,1,3 (double); the flat indices are laid out in that order too,
/// and one <c>vpermq</c> of the result and of its indices puts them back.
/// </summary>
internal static unsafe partial class MaxPool2dKernel
{
    /// <summary>Swaps the middle two 64-bit quarters: undoes the shuffles' window order.</summary>
    private const byte MiddleSwap = 0b11_01_10_00;

    /// <summary>Outputs <c>[0, ow)</c> of one row, 8 a block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TwoByTwoRowAvx2(float* r0, float* r1, float* y, long* idx, int top, int w, int ow)
    {
        var order = Vector256.Create(0, 1, 4, 5, 2, 3, 6, 7);
        var below = Vector256.Create(w);
        var offset = Vector256.Create(top) + order + order;
        int j = 0;
        for (; j + 8 <= ow; j += 8, offset += Vector256.Create(16))
        {
            float* a = r0 + 2 * j, b = r1 + 2 * j;
            var (max, arg) = MaxOfFour(Vector256.Load(a), Vector256.Load(a + 8), Vector256.Load(b), Vector256.Load(b + 8), offset, below);
            max.Store(y + j);
            var (lo, hi) = Vector256.Widen(arg);
            lo.Store(idx + j);
            hi.Store(idx + j + 4);
        }
        int rest = ow - j;
        if (rest == 0) return;
        {
            float* a = r0 + 2 * j, b = r1 + 2 * j;
            var iota = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
            var in0 = Vector256.LessThan(iota, Vector256.Create(2 * rest)).AsSingle();
            var in1 = Vector256.LessThan(iota, Vector256.Create(2 * rest - 8)).AsSingle();
            var (max, arg) = MaxOfFour(Avx.MaskLoad(a, in0), Avx.MaskLoad(a + 8, in1), Avx.MaskLoad(b, in0), Avx.MaskLoad(b + 8, in1), offset, below);
            Avx.MaskStore(y + j, Vector256.LessThan(iota, Vector256.Create(rest)).AsSingle(), max);
            var (lo, hi) = Vector256.Widen(arg);
            var lanes = Vector256.Create(0L, 1, 2, 3);
            Avx2.MaskStore(idx + j, Vector256.LessThan(lanes, Vector256.Create((long)rest)), lo);
            Avx2.MaskStore(idx + j + 4, Vector256.LessThan(lanes, Vector256.Create(rest - 4L)), hi);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Max, Vector256<int> Arg) MaxOfFour(
        Vector256<float> a0, Vector256<float> a1, Vector256<float> b0, Vector256<float> b1, Vector256<int> offset, Vector256<int> below)
    {
        const byte even = 0b10_00_10_00, odd = 0b11_01_11_01;
        var max = Avx.Shuffle(a0, a1, even);
        var arg = offset;
        Pick(ref max, ref arg, Avx.Shuffle(a0, a1, odd), offset + Vector256<int>.One);
        Pick(ref max, ref arg, Avx.Shuffle(b0, b1, even), offset + below);
        Pick(ref max, ref arg, Avx.Shuffle(b0, b1, odd), offset + below + Vector256<int>.One);
        return (Avx2.Permute4x64(max.AsDouble(), MiddleSwap).AsSingle(), Avx2.Permute4x64(arg.AsInt64(), MiddleSwap).AsInt32());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pick(ref Vector256<float> max, ref Vector256<int> arg, Vector256<float> v, Vector256<int> at)
    {
        var take = Vector256.GreaterThan(v, max) | Vector256.IsNaN(v);
        max = Vector256.ConditionalSelect(take, v, max);
        arg = Vector256.ConditionalSelect(take.AsInt32(), at, arg);
    }

    /// <summary>The double rows, 4 outputs a block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TwoByTwoRowAvx2(double* r0, double* r1, double* y, long* idx, long top, long w, int ow)
    {
        var order = Vector256.Create(0L, 2, 1, 3);
        var below = Vector256.Create(w);
        var offset = Vector256.Create(top) + order + order;
        int j = 0;
        for (; j + 4 <= ow; j += 4, offset += Vector256.Create(8L))
        {
            double* a = r0 + 2 * j, b = r1 + 2 * j;
            var (max, arg) = MaxOfFour(Vector256.Load(a), Vector256.Load(a + 4), Vector256.Load(b), Vector256.Load(b + 4), offset, below);
            max.Store(y + j);
            arg.Store(idx + j);
        }
        int rest = ow - j;
        if (rest == 0) return;
        {
            double* a = r0 + 2 * j, b = r1 + 2 * j;
            var iota = Vector256.Create(0L, 1, 2, 3);
            var in0 = Vector256.LessThan(iota, Vector256.Create(2L * rest)).AsDouble();
            var in1 = Vector256.LessThan(iota, Vector256.Create(2L * rest - 4)).AsDouble();
            var (max, arg) = MaxOfFour(Avx.MaskLoad(a, in0), Avx.MaskLoad(a + 4, in1), Avx.MaskLoad(b, in0), Avx.MaskLoad(b + 4, in1), offset, below);
            var store = Vector256.LessThan(iota, Vector256.Create((long)rest));
            Avx.MaskStore(y + j, store.AsDouble(), max);
            Avx2.MaskStore(idx + j, store, arg);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<double> Max, Vector256<long> Arg) MaxOfFour(
        Vector256<double> a0, Vector256<double> a1, Vector256<double> b0, Vector256<double> b1, Vector256<long> offset, Vector256<long> below)
    {
        const byte even = 0b0000, odd = 0b1111;
        var max = Avx.Shuffle(a0, a1, even);
        var arg = offset;
        Pick(ref max, ref arg, Avx.Shuffle(a0, a1, odd), offset + Vector256<long>.One);
        Pick(ref max, ref arg, Avx.Shuffle(b0, b1, even), offset + below);
        Pick(ref max, ref arg, Avx.Shuffle(b0, b1, odd), offset + below + Vector256<long>.One);
        return (Avx2.Permute4x64(max, MiddleSwap), Avx2.Permute4x64(arg, MiddleSwap));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pick(ref Vector256<double> max, ref Vector256<long> arg, Vector256<double> v, Vector256<long> at)
    {
        var take = Vector256.GreaterThan(v, max) | Vector256.IsNaN(v);
        max = Vector256.ConditionalSelect(take, v, max);
        arg = Vector256.ConditionalSelect(take.AsInt64(), at, arg);
    }
}
