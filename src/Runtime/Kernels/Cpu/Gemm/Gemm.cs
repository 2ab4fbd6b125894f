using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Kernels.Cpu.Gemm;

/// <summary>
/// General matrix multiply on the CPU: <c>C = alpha · A · B + beta · C</c> for float and double, where A (m x k),
/// B (k x n) and C (m x n) are strided matrices (pass <see cref="StridedMatrix{T}.Transposed"/> for op = transpose).
/// </summary>
/// <remarks>
/// Picks the widest micro-kernel the CPU runs natively (AVX-512, then AVX2+FMA, then scalar) and runs large
/// problems on a team of <see cref="CpuWorkers"/> (see <see cref="GemmDriver{T, TKernel}"/> for the split); small
/// ones stay on the calling thread, where even a cheap fork-join would cost more than the arithmetic.
/// </remarks>
internal static class Gemm
{
    /// <summary>Below this many multiply-adds (m·n·k) the call runs on one thread.</summary>
    public const long ParallelThreshold = 64L * 64 * 64;

    /// <summary>Up to this many multiply-adds (m·n·k) every product skips packing (<see cref="GemmSmall.Direct{T}"/>).</summary>
    /// <remarks>
    /// Measured with matmul (Stopwatch, tiered JIT off, Zen 4): 4x8x2 0.25 µs packed vs 0.1 direct, 8x8x8 0.5 vs 0.2;
    /// 16x16x16 with B transposed 1.2 vs 2.2 µs, and 12x12x12 (vector rows with scalar tails) 0.8 vs 1.0.
    /// </remarks>
    public const long TinyThreshold = 8L * 8 * 8;

    /// <summary>Up to this many multiply-adds, products whose B and C rows are whole vectors skip packing too.</summary>
    /// <remarks>16x16x16 0.7 µs direct vs 1.2 packed; 24x24x24 2.0 vs 2.5 (so the threshold is safe, not tight).</remarks>
    public const long DirectThreshold = 16L * 16 * 16;

    public static void Run<T>(int m, int n, int k, T alpha, StridedMatrix<T> a, StridedMatrix<T> b, T beta, StridedMatrix<T> c,
        int maxThreads = 0) where T : unmanaged, IFloatingPointIeee754<T> =>
        Run(m, n, k, alpha, a, b, beta, c, default, maxThreads);

    /// <summary>The same, then <c>C = act(C + bias[col])</c> (<paramref name="epilogue"/>) while each tile is in cache.</summary>
    public static void Run<T>(int m, int n, int k, T alpha, StridedMatrix<T> a, StridedMatrix<T> b, T beta, StridedMatrix<T> c,
        in GemmEpilogue<T> epilogue, int maxThreads = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
            Run<T, Avx512MicroKernel<T>>(m, n, k, alpha, a, b, beta, c, epilogue, maxThreads);
        else if (Vector256.IsHardwareAccelerated && Fma.IsSupported)
            Run<T, Vector256MicroKernel<T>>(m, n, k, alpha, a, b, beta, c, epilogue, maxThreads);
        else
            Run<T, ScalarMicroKernel<T>>(m, n, k, alpha, a, b, beta, c, epilogue, maxThreads);
    }

    /// <summary>The same with an explicit micro-kernel (tests run every kernel the machine supports).</summary>
    /// <param name="maxThreads">0: <see cref="CpuParallelism.MaxThreads"/>; 1 keeps the call on this thread.</param>
    public static void Run<T, TKernel>(int m, int n, int k, T alpha, StridedMatrix<T> a, StridedMatrix<T> b, T beta, StridedMatrix<T> c,
        int maxThreads = 0) where T : unmanaged, IFloatingPointIeee754<T> where TKernel : IMicroKernel<T> =>
        Run<T, TKernel>(m, n, k, alpha, a, b, beta, c, default, maxThreads);

    /// <summary>The same with an explicit micro-kernel and an epilogue.</summary>
    public static void Run<T, TKernel>(int m, int n, int k, T alpha, StridedMatrix<T> a, StridedMatrix<T> b, T beta, StridedMatrix<T> c,
        in GemmEpilogue<T> epilogue, int maxThreads = 0) where T : unmanaged, IFloatingPointIeee754<T> where TKernel : IMicroKernel<T>
    {
        if (m == 0 || n == 0) return;
        int threads = maxThreads > 0 ? maxThreads : CpuParallelism.MaxThreads;
        long work = (long)m * n * k;
        if (k > 0 && alpha != T.Zero && (n == 1 || m == 1 || work <= TinyThreshold
            || (work <= DirectThreshold && GemmSmall.HasVectorRows(n, b, c))))
        {
            // Matrix-vector (or vector-matrix, as its transpose) and tiny products: no packing.
            if (n == 1) GemmVector.Run(m, k, alpha, a, b, beta, c, threads);
            else if (m == 1) GemmVector.Run(n, k, alpha, b.Transposed, a.Transposed, beta, c.Transposed, threads);
            else GemmSmall.Direct(m, n, k, alpha, a, b, beta, c);
            epilogue.Apply(c, m, n, 0);
            return;
        }
        if (work < ParallelThreshold) threads = 1;
        GemmDriver<T, TKernel>.Run(m, n, k, alpha, a, b, beta, c, epilogue, threads);
    }
}
