using StaticNet.Kernels;
using StaticNet.Kernels.Cpu.Gemm;
using StaticNet.Tests.LinearAlgebra;

namespace StaticNet.Tests.CpuKernels;

/// <summary>
/// The paths around the packed kernels, against the double-precision reference loop: the fused bias/ReLU epilogue
/// (through every kernel and on a forced team of two), the unpacked small-product path, matrix-vector products
/// (both layouts, split across threads), and the narrow bottom-edge tiles.
/// </summary>
public class GemmPathTests
{
    private static readonly (int M, int N, int K)[] EpilogueShapes =
    [
        (1, 7, 63), (63, 65, 257), (65, 257, 1), (7, 257, 63), (64, 70, 33), (70, 40, 9),
    ];

    [Theory]
    [MemberData(nameof(GemmKernelTests.KernelsAndThreads), MemberType = typeof(GemmKernelTests))]
    public void EpilogueBiasAndReluMatchReferenceThroughEveryKernel(string kernel, int threads)
    {
        foreach (var (m, n, k) in EpilogueShapes)
        {
            GemmTests.Check<float>(kernel, m, n, k, transA: false, transB: true, alpha: 1, beta: 0, threads, direct: true, bias: true, relu: true);
            GemmTests.Check<float>(kernel, m, n, k, transA: false, transB: false, alpha: 1, beta: 0, threads, direct: true, bias: true);
            GemmTests.Check<double>(kernel, m, n, k, transA: true, transB: false, alpha: -0.5, beta: 2, threads, direct: true, relu: true);
            GemmTests.Check<double>(kernel, m, n, k, transA: true, transB: true, alpha: 1, beta: 1, threads, direct: true, bias: true, relu: true);
        }
    }

    [Fact]
    public void EpilogueAppliesOnlyOnceAcrossDepthBlocks()
    {
        // k = 1000 spans three depth blocks: a bias added per block would triple it.
        GemmTests.Check<float>("default", 40, 50, 1000, transA: false, transB: true, alpha: 1, beta: 0, threads: 2, bias: true, relu: true);
        GemmTests.Check<double>("default", 30, 20, 500, transA: false, transB: false, alpha: 1, beta: 0.5, threads: 1, bias: true);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void TinyProductsSkippingPackingMatchReference(bool transA, bool transB)
    {
        // The W4 MLP's products (Linear(2, 8), Linear(8, 1), batch 4, and their gradients), then the direct
        // path's vector forms: rows of 16+ (axpy along n) and depth 16+ (dot products).
        foreach (var (m, n, k) in new[] { (4, 8, 2), (4, 2, 8), (8, 2, 4), (4, 8, 1), (2, 2, 2), (3, 40, 16), (2, 3, 40), (3, 21, 5), (3, 2, 21), (16, 16, 16) })
        {
            GemmTests.Check<float>("default", m, n, k, transA, transB, alpha: 1, beta: 0, threads: 1);
            GemmTests.Check<double>("default", m, n, k, transA, transB, alpha: 2, beta: -0.5, threads: 2, bias: true, relu: true);
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void MatrixVectorProductsMatchReferenceOnOneAndTwoThreads(bool transA, bool transB)
    {
        // Batch-1 inference: x·Wᵀ with a 784 x 512 weight (large enough to split) and small ones; y = A·x too.
        foreach (var (m, n, k) in new[] { (1, 512, 784), (1, 5, 3), (600, 1, 500), (33, 1, 7) })
            foreach (int threads in new[] { 1, 2 })
            {
                GemmTests.Check<float>("default", m, n, k, transA, transB, alpha: 1, beta: 0, threads, bias: true, relu: true);
                GemmTests.Check<double>("default", m, n, k, transA, transB, alpha: -1, beta: 0.5, threads);
            }
    }

    [Theory]
    [MemberData(nameof(GemmTests.Kernels), MemberType = typeof(GemmTests))]
    public void BottomEdgeTilesOfEveryHeightMatchReference(string kernel)
    {
        // 12-row tiles: 61..72 rows leave bottom tiles of 1..12 rows (4-, 8- and 12-row bodies).
        for (int m = 61; m <= 72; m++)
        {
            GemmTests.Check<float>(kernel, m, 64, 19, transA: false, transB: false, alpha: 1, beta: 0.5, threads: 1, direct: true);
            GemmTests.Check<double>(kernel, m, 40, 11, transA: true, transB: false, alpha: 1, beta: 0, threads: 2, direct: true);
        }
    }

    [Fact]
    public unsafe void ReluEpilogueKeepsNaN()
    {
        // torch.relu(nan) is nan: the epilogue must not turn it into 0, on the tile path or the small path.
        foreach (int size in new[] { 2, 40 })
        {
            var a = new float[size * size];
            var b = new float[size * size];
            var c = new float[size * size];
            a[0] = float.NaN;
            fixed (float* pa = a, pb = b, pc = c)
                Gemm.Run(size, size, size, 1f, new StridedMatrix<float>(pa, size, 1), new StridedMatrix<float>(pb, size, 1), 0f,
                    new StridedMatrix<float>(pc, size, 1), new GemmEpilogue<float>(null, relu: true));
            Assert.True(float.IsNaN(c[0]), $"size {size}: C[0,0] = {c[0]}");
            Assert.Equal(0f, c[size]); // row 1: relu(0) = 0
        }
    }

    [Fact]
    public unsafe void SteadyStateSmallAndVectorProductsAllocateNothing()
    {
        var w = GC.AllocateArray<float>(512 * 784, pinned: true);
        var x = GC.AllocateArray<float>(784, pinned: true);
        var y = GC.AllocateArray<float>(512, pinned: true);
        fixed (float* pw = w, px = x, py = y)
        {
            var wt = new StridedMatrix<float>(pw, 784, 1).Transposed;
            var xm = new StridedMatrix<float>(px, 784, 1);
            var ym = new StridedMatrix<float>(py, 512, 1);
            var epilogue = new GemmEpilogue<float>(py, relu: true);
            // The fewest bytes of three rounds (after a warm-up call): a one-off allocation by the runtime on this thread
            // (seen once in a full parallel run) is not the kernels', which would allocate on every call if at all.
            long fewest = long.MaxValue;
            for (int round = -1; round < 3; round++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < (round < 0 ? 1 : 10); i++)
                {
                    Gemm.Run(1, 512, 784, 1f, xm, wt, 0f, ym, 2);            // x·Wᵀ, split
                    Gemm.Run(1, 784, 512, 1f, ym, wt.Transposed, 0f, xm, 2); // y·W, split
                    Gemm.Run(4, 8, 2, 1f, new StridedMatrix<float>(px, 2, 1), new StridedMatrix<float>(pw, 8, 1), 0f,
                        new StridedMatrix<float>(pw + 100, 8, 1), epilogue, 1);
                }
                if (round >= 0) fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            Assert.Equal(0, fewest);
        }
    }
}
