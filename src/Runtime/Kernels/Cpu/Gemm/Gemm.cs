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

    /// <summary>
    /// Up to this many multiply-adds (m·n·k) the product skips packing (<see cref="GemmSmall.Direct{T}"/>). Measured
    /// (bench --small): at 4096 (16 x 16 x 16) both paths take about 1 µs.
    /// </summary>
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
        if (k > 0 && alpha != T.Zero && (n == 1 || m == 1 || (long)m * n * k <= DirectThreshold))
        {
            // Matrix-vector (or vector-matrix, as its transpose) and tiny products: no packing.
            if (n == 1) GemmVector.Run(m, k, alpha, a, b, beta, c, threads);
            else if (m == 1) GemmVector.Run(n, k, alpha, b.Transposed, a.Transposed, beta, c.Transposed, threads);
            else GemmSmall.Direct(m, n, k, alpha, a, b, beta, c);
            epilogue.Apply(c, m, n, 0);
            return;
        }
        if ((long)m * n * k < ParallelThreshold) threads = 1;
        GemmDriver<T, TKernel>.Run(m, n, k, alpha, a, b, beta, c, epilogue, threads);
    }
}
