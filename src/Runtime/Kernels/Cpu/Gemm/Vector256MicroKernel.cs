using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels.Cpu.Gemm;

/// <summary>The AVX2/FMA micro-kernel: a 6 x (2 x 256-bit) tile of C (6x16 floats, 6x8 doubles), for CPUs without AVX-512.</summary>
/// <remarks>
/// 6 rows x 2 vectors: 12 accumulators stay in registers for the whole k loop. Per k step it loads two
/// B vectors and broadcasts 6 A values, so FMAs outnumber loads and the two FMA pipes stay busy
/// (an FMA's 4-cycle latency needs at least 8 independent chains; there are 12).
/// </remarks>
internal readonly unsafe struct Vector256MicroKernel<T> : IMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static int W => Vector256<T>.Count;
    public static int MR => 6;
    public static int NR => 2 * Vector256<T>.Count;

    /// <summary>The full tile into a scratch tile, then its first rows (no narrower variant: only AVX-512 has one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunRows(int rows, int kc, T* a, T* b, T* c, long rsc, T alpha, T beta)
    {
        int nr = NR;
        T* tile = stackalloc T[MR * NR];
        Run(kc, a, b, tile, nr, T.One, T.Zero);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < nr; j++)
            {
                T* ci = c + i * rsc + j;
                *ci = beta == T.Zero ? alpha * tile[i * nr + j] : alpha * tile[i * nr + j] + beta * *ci;
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, T* b, T* c, long rsc, T alpha, T beta)
    {
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++, a += 6, b += 2 * W)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + W);
            Vector256<T> x;
            x = Vector256.Create(a[0]); c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
            x = Vector256.Create(a[1]); c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
            x = Vector256.Create(a[2]); c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
            x = Vector256.Create(a[3]); c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
            x = Vector256.Create(a[4]); c40 = Fma(x, b0, c40); c41 = Fma(x, b1, c41);
            x = Vector256.Create(a[5]); c50 = Fma(x, b0, c50); c51 = Fma(x, b1, c51);
        }
        var va = Vector256.Create(alpha);
        var vb = Vector256.Create(beta);
        bool useBeta = beta != T.Zero;
        Update(c + 0 * rsc, c00, c01, va, vb, useBeta);
        Update(c + 1 * rsc, c10, c11, va, vb, useBeta);
        Update(c + 2 * rsc, c20, c21, va, vb, useBeta);
        Update(c + 3 * rsc, c30, c31, va, vb, useBeta);
        Update(c + 4 * rsc, c40, c41, va, vb, useBeta);
        Update(c + 5 * rsc, c50, c51, va, vb, useBeta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(T* c, Vector256<T> acc0, Vector256<T> acc1, Vector256<T> alpha, Vector256<T> beta, bool useBeta)
    {
        if (useBeta)
        {
            Vector256.Store(Fma(beta, Vector256.Load(c), acc0 * alpha), c);
            Vector256.Store(Fma(beta, Vector256.Load(c + W), acc1 * alpha), c + W);
        }
        else
        {
            Vector256.Store(acc0 * alpha, c);
            Vector256.Store(acc1 * alpha, c + W);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma(Vector256<T> x, Vector256<T> y, Vector256<T> z) => VectorFma<T>.Of(x, y, z);
}
