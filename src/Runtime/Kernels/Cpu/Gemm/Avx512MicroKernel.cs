using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels.Cpu.Gemm;

/// <summary>The AVX-512 micro-kernel: a 12 x (2 x 512-bit) tile of C (12x32 floats, 12x16 doubles).</summary>
/// <remarks>
/// 12 rows x 2 vectors: 24 accumulators stay in registers for the whole k loop. Per k step it loads two
/// B vectors and broadcasts 12 A values, so FMAs outnumber loads and the two FMA pipes stay busy
/// (an FMA's 4-cycle latency needs at least 8 independent chains; there are 24).
/// </remarks>
internal readonly unsafe struct Avx512MicroKernel<T> : IMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static int W => Vector512<T>.Count;
    public static int MR => 12;
    public static int NR => 2 * Vector512<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, T* b, T* c, long rsc, T alpha, T beta) => Rows12(12, kc, a, b, c, rsc, alpha, beta);

    // A bottom-edge tile runs the smallest body covering its rows: 4 rows x 2 vectors is still 8 independent
    // FMA chains, enough for Zen 4's one 512-bit FMA per cycle at 4 cycles' latency.
    public static void RunRows(int rows, int kc, T* a, T* b, T* c, long rsc, T alpha, T beta)
    {
        if (rows <= 4) Rows4(rows, kc, a, b, c, rsc, alpha, beta);
        else if (rows <= 8) Rows8(rows, kc, a, b, c, rsc, alpha, beta);
        else Rows12(rows, kc, a, b, c, rsc, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows4(int rows, int kc, T* a, T* b, T* c, long rsc, T alpha, T beta)
    {
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<T> c30 = default, c31 = default;
        for (int p = 0; p < kc; p++, a += 12, b += 2 * W)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + W);
            Vector512<T> x;
            x = Vector512.Create(a[0]); c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
            x = Vector512.Create(a[1]); c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
            x = Vector512.Create(a[2]); c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
            x = Vector512.Create(a[3]); c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
        }
        var va = Vector512.Create(alpha);
        var vb = Vector512.Create(beta);
        bool useBeta = beta != T.Zero;
        Update(c + 0 * rsc, c00, c01, va, vb, useBeta);
        if (rows > 1) Update(c + 1 * rsc, c10, c11, va, vb, useBeta);
        if (rows > 2) Update(c + 2 * rsc, c20, c21, va, vb, useBeta);
        if (rows > 3) Update(c + 3 * rsc, c30, c31, va, vb, useBeta);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows8(int rows, int kc, T* a, T* b, T* c, long rsc, T alpha, T beta)
    {
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<T> c60 = default, c61 = default, c70 = default, c71 = default;
        for (int p = 0; p < kc; p++, a += 12, b += 2 * W)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + W);
            Vector512<T> x;
            x = Vector512.Create(a[0]); c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
            x = Vector512.Create(a[1]); c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
            x = Vector512.Create(a[2]); c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
            x = Vector512.Create(a[3]); c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
            x = Vector512.Create(a[4]); c40 = Fma(x, b0, c40); c41 = Fma(x, b1, c41);
            x = Vector512.Create(a[5]); c50 = Fma(x, b0, c50); c51 = Fma(x, b1, c51);
            x = Vector512.Create(a[6]); c60 = Fma(x, b0, c60); c61 = Fma(x, b1, c61);
            x = Vector512.Create(a[7]); c70 = Fma(x, b0, c70); c71 = Fma(x, b1, c71);
        }
        var va = Vector512.Create(alpha);
        var vb = Vector512.Create(beta);
        bool useBeta = beta != T.Zero;
        Update(c + 0 * rsc, c00, c01, va, vb, useBeta);
        Update(c + 1 * rsc, c10, c11, va, vb, useBeta);
        Update(c + 2 * rsc, c20, c21, va, vb, useBeta);
        Update(c + 3 * rsc, c30, c31, va, vb, useBeta);
        Update(c + 4 * rsc, c40, c41, va, vb, useBeta);
        if (rows > 5) Update(c + 5 * rsc, c50, c51, va, vb, useBeta);
        if (rows > 6) Update(c + 6 * rsc, c60, c61, va, vb, useBeta);
        if (rows > 7) Update(c + 7 * rsc, c70, c71, va, vb, useBeta);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows12(int rows, int kc, T* a, T* b, T* c, long rsc, T alpha, T beta)
    {
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<T> c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default;
        Vector512<T> c90 = default, c91 = default, c100 = default, c101 = default, c110 = default, c111 = default;
        for (int p = 0; p < kc; p++, a += 12, b += 2 * W)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + W);
            Vector512<T> x;
            x = Vector512.Create(a[0]); c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
            x = Vector512.Create(a[1]); c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
            x = Vector512.Create(a[2]); c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
            x = Vector512.Create(a[3]); c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
            x = Vector512.Create(a[4]); c40 = Fma(x, b0, c40); c41 = Fma(x, b1, c41);
            x = Vector512.Create(a[5]); c50 = Fma(x, b0, c50); c51 = Fma(x, b1, c51);
            x = Vector512.Create(a[6]); c60 = Fma(x, b0, c60); c61 = Fma(x, b1, c61);
            x = Vector512.Create(a[7]); c70 = Fma(x, b0, c70); c71 = Fma(x, b1, c71);
            x = Vector512.Create(a[8]); c80 = Fma(x, b0, c80); c81 = Fma(x, b1, c81);
            x = Vector512.Create(a[9]); c90 = Fma(x, b0, c90); c91 = Fma(x, b1, c91);
            x = Vector512.Create(a[10]); c100 = Fma(x, b0, c100); c101 = Fma(x, b1, c101);
            x = Vector512.Create(a[11]); c110 = Fma(x, b0, c110); c111 = Fma(x, b1, c111);
        }
        var va = Vector512.Create(alpha);
        var vb = Vector512.Create(beta);
        bool useBeta = beta != T.Zero;
        Update(c + 0 * rsc, c00, c01, va, vb, useBeta);
        Update(c + 1 * rsc, c10, c11, va, vb, useBeta);
        Update(c + 2 * rsc, c20, c21, va, vb, useBeta);
        Update(c + 3 * rsc, c30, c31, va, vb, useBeta);
        Update(c + 4 * rsc, c40, c41, va, vb, useBeta);
        Update(c + 5 * rsc, c50, c51, va, vb, useBeta);
        Update(c + 6 * rsc, c60, c61, va, vb, useBeta);
        Update(c + 7 * rsc, c70, c71, va, vb, useBeta);
        Update(c + 8 * rsc, c80, c81, va, vb, useBeta);
        if (rows > 9) Update(c + 9 * rsc, c90, c91, va, vb, useBeta);
        if (rows > 10) Update(c + 10 * rsc, c100, c101, va, vb, useBeta);
        if (rows > 11) Update(c + 11 * rsc, c110, c111, va, vb, useBeta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(T* c, Vector512<T> acc0, Vector512<T> acc1, Vector512<T> alpha, Vector512<T> beta, bool useBeta)
    {
        if (useBeta)
        {
            Vector512.Store(Fma(beta, Vector512.Load(c), acc0 * alpha), c);
            Vector512.Store(Fma(beta, Vector512.Load(c + W), acc1 * alpha), c + W);
        }
        else
        {
            Vector512.Store(acc0 * alpha, c);
            Vector512.Store(acc1 * alpha, c + W);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma(Vector512<T> x, Vector512<T> y, Vector512<T> z) => VectorFma<T>.Of(x, y, z);
}
