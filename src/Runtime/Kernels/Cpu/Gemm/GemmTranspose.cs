using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Kernels.Cpu.Gemm;

/// <summary>
/// Copies a block while transposing it, <c>dst[c·ldd + r] = src[r·lds + c]</c>, with in-register tile transposes:
/// the packing of a row-major A (every panel is k-major) and of a transposed B (a Linear weight read as Wᵀ).
/// </summary>
/// <remarks>
/// Reads run along the source rows (contiguous), writes along the panel rows. Float uses 8x8 AVX tiles (8 loads,
/// 24 shuffles, 8 stores for 64 values) then 4x4 SSE tiles; double 4x4 AVX tiles. The ragged border (rows or
/// columns not a multiple of the tile) is copied by the scalar loop, as is everything on a CPU without AVX.
/// </remarks>
internal static unsafe class GemmTranspose
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block<T>(T* src, long lds, T* dst, long ldd, int rows, int cols) where T : unmanaged
    {
        int r = 0;
        if (typeof(T) == typeof(float) && Avx.IsSupported)
        {
            for (; r + 8 <= rows; r += 8)
            {
                int c = 0;
                for (; c + 8 <= cols; c += 8)
                    Float8x8((float*)(src + r * lds + c), lds, (float*)(dst + c * ldd + r), ldd);
                Scalar(src + r * lds, lds, dst + r, ldd, 8, c, cols);
            }
            for (; r + 4 <= rows; r += 4)
            {
                int c = 0;
                for (; c + 4 <= cols; c += 4)
                    Float4x4((float*)(src + r * lds + c), lds, (float*)(dst + c * ldd + r), ldd);
                Scalar(src + r * lds, lds, dst + r, ldd, 4, c, cols);
            }
        }
        else if (typeof(T) == typeof(double) && Avx.IsSupported)
        {
            for (; r + 4 <= rows; r += 4)
            {
                int c = 0;
                for (; c + 4 <= cols; c += 4)
                    Double4x4((double*)(src + r * lds + c), lds, (double*)(dst + c * ldd + r), ldd);
                Scalar(src + r * lds, lds, dst + r, ldd, 4, c, cols);
            }
        }
        Scalar(src + r * lds, lds, dst + r, ldd, rows - r, 0, cols);
    }

    /// <summary>Rows [0, rows) and columns [c0, c1) of the block, one element at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scalar<T>(T* src, long lds, T* dst, long ldd, int rows, int c0, int c1) where T : unmanaged
    {
        for (int i = 0; i < rows; i++)
        {
            T* s = src + i * lds;
            T* d = dst + i;
            for (int c = c0; c < c1; c++) d[c * ldd] = s[c];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Float8x8(float* s, long lds, float* d, long ldd)
    {
        var r0 = Avx.LoadVector256(s); var r1 = Avx.LoadVector256(s + lds);
        var r2 = Avx.LoadVector256(s + 2 * lds); var r3 = Avx.LoadVector256(s + 3 * lds);
        var r4 = Avx.LoadVector256(s + 4 * lds); var r5 = Avx.LoadVector256(s + 5 * lds);
        var r6 = Avx.LoadVector256(s + 6 * lds); var r7 = Avx.LoadVector256(s + 7 * lds);
        // Interleave pairs of rows, then pairs of pairs (within 128-bit lanes), then swap the lanes.
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44); var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44); var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44); var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44); var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(d + ldd, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(d + 2 * ldd, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(d + 3 * ldd, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(d + 4 * ldd, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(d + 5 * ldd, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(d + 6 * ldd, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(d + 7 * ldd, Avx.Permute2x128(u3, u7, 0x31));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Float4x4(float* s, long lds, float* d, long ldd)
    {
        var r0 = Sse.LoadVector128(s); var r1 = Sse.LoadVector128(s + lds);
        var r2 = Sse.LoadVector128(s + 2 * lds); var r3 = Sse.LoadVector128(s + 3 * lds);
        var t0 = Sse.UnpackLow(r0, r1); var t1 = Sse.UnpackLow(r2, r3);   // a0 b0 a1 b1 | c0 d0 c1 d1
        var t2 = Sse.UnpackHigh(r0, r1); var t3 = Sse.UnpackHigh(r2, r3); // a2 b2 a3 b3 | c2 d2 c3 d3
        Sse.Store(d, Sse.MoveLowToHigh(t0, t1));
        Sse.Store(d + ldd, Sse.MoveHighToLow(t1, t0));
        Sse.Store(d + 2 * ldd, Sse.MoveLowToHigh(t2, t3));
        Sse.Store(d + 3 * ldd, Sse.MoveHighToLow(t3, t2));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Double4x4(double* s, long lds, double* d, long ldd)
    {
        var r0 = Avx.LoadVector256(s); var r1 = Avx.LoadVector256(s + lds);
        var r2 = Avx.LoadVector256(s + 2 * lds); var r3 = Avx.LoadVector256(s + 3 * lds);
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1); // a0 b0 a2 b2 | a1 b1 a3 b3
        var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3); // c0 d0 c2 d2 | c1 d1 c3 d3
        Avx.Store(d, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(d + ldd, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(d + 2 * ldd, Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(d + 3 * ldd, Avx.Permute2x128(t1, t3, 0x31));
    }
}
