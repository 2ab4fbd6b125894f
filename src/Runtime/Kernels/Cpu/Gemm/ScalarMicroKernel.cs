using System.Runtime.CompilerServices;
using System.Numerics;

namespace StaticNet.Kernels.Cpu.Gemm;

/// <summary>The portable micro-kernel (no SIMD): a 4x4 tile with the accumulators in a stack buffer.</summary>
internal readonly unsafe struct ScalarMicroKernel<T> : IMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int MR => 4;
    public static int NR => 4;

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
        T* acc = stackalloc T[16];
        for (int i = 0; i < 16; i++) acc[i] = T.Zero;
        for (int p = 0; p < kc; p++, a += 4, b += 4)
            for (int i = 0; i < 4; i++)
            {
                T ai = a[i];
                for (int j = 0; j < 4; j++) acc[i * 4 + j] += ai * b[j];
            }
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
            {
                T* ci = c + i * rsc + j;
                *ci = beta == T.Zero ? alpha * acc[i * 4 + j] : alpha * acc[i * 4 + j] + beta * *ci;
            }
    }
}
