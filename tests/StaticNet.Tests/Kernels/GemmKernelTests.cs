using StaticNet.Kernels;
using StaticNet.Kernels.Cpu.Gemm;
using StaticNet.Tests.LinearAlgebra;

namespace StaticNet.Tests.CpuKernels; // not ".Kernels": that would shadow StaticNet.Kernels in other test files

/// <summary>
/// Every micro-kernel this CPU runs, through the blocked driver on one thread and on a forced team of two, against
/// the double-precision reference loop: odd sizes 1, 7, 63, 65, 257 in every position, plain and transposed
/// (A·Bᵀ, Aᵀ·B) strided operands, both float dtypes, beta ≠ 0.
/// </summary>
public class GemmKernelTests
{
    // Each odd size appears as m, as n and as k; 257 crosses the KC/MC blocks, 65/63 the tile edges.
    private static readonly (int M, int N, int K)[] OddShapes =
    [
        (1, 7, 63), (7, 63, 65), (63, 65, 257), (65, 257, 1), (257, 1, 7), (65, 7, 257), (7, 257, 63),
        (63, 1, 257), (1, 257, 65), (257, 65, 7),
    ];

    public static TheoryData<string, int> KernelsAndThreads()
    {
        var data = new TheoryData<string, int>();
        foreach (string kernel in GemmTests.Kernels())
        {
            data.Add(kernel, 1);
            data.Add(kernel, 2);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KernelsAndThreads))]
    public void FloatOddSizesMatchReference(string kernel, int threads)
    {
        foreach (var (m, n, k) in OddShapes)
        {
            GemmTests.Check<float>(kernel, m, n, k, transA: false, transB: false, alpha: 1, beta: 0, threads, direct: true);
            GemmTests.Check<float>(kernel, m, n, k, transA: false, transB: true, alpha: 1, beta: 0.5, threads, direct: true);
            GemmTests.Check<float>(kernel, m, n, k, transA: true, transB: false, alpha: -2, beta: 1, threads, direct: true);
        }
    }

    [Theory]
    [MemberData(nameof(KernelsAndThreads))]
    public void DoubleOddSizesMatchReference(string kernel, int threads)
    {
        foreach (var (m, n, k) in OddShapes)
        {
            GemmTests.Check<double>(kernel, m, n, k, transA: false, transB: false, alpha: 1, beta: -1, threads, direct: true);
            GemmTests.Check<double>(kernel, m, n, k, transA: true, transB: true, alpha: 0.5, beta: 0, threads, direct: true);
        }
    }

    [Fact]
    public void TrainingShapesOnTwoThreadsMatchReference()
    {
        // The MLP step's products: forward X·Wᵀ, input gradient dY·W, weight gradient dYᵀ·X (column and row splits).
        GemmTests.Check<float>("default", 64, 512, 784, transA: false, transB: true, alpha: 1, beta: 0, threads: 2);
        GemmTests.Check<float>("default", 64, 784, 512, transA: false, transB: false, alpha: 1, beta: 0, threads: 2);
        GemmTests.Check<float>("default", 512, 784, 64, transA: true, transB: false, alpha: 1, beta: 1, threads: 2);
    }

    [Fact]
    public unsafe void SteadyStateMultiThreadGemmAllocatesNothing()
    {
        const int n = 200;
        var a = GC.AllocateArray<float>(n * n, pinned: true);
        var b = GC.AllocateArray<float>(n * n, pinned: true);
        var c = GC.AllocateArray<float>(n * n, pinned: true);
        fixed (float* pa = a, pb = b, pc = c)
        {
            var ma = new StridedMatrix<float>(pa, n, 1);
            var mb = new StridedMatrix<float>(pb, n, 1);
            var mc = new StridedMatrix<float>(pc, n, 1);
            // Warm-up: JIT, worker threads, packing buffers (rows split and columns split).
            Gemm.Run(n, n, n, 1f, ma, mb, 0f, mc, 2);
            Gemm.Run(n / 4, n, n, 1f, ma, mb, 0f, mc, 2);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++)
            {
                Gemm.Run(n, n, n, 1f, ma, mb, 0f, mc, 2);
                Gemm.Run(n / 4, n, n, 1f, ma, mb, 1f, mc, 2);
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
