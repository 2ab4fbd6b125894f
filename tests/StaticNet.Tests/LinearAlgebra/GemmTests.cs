using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using StaticNet.Kernels;
using StaticNet.Kernels.Cpu.Gemm;

namespace StaticNet.Tests.LinearAlgebra;

/// <summary>The blocked GEMM against a naive double-precision triple loop, for every micro-kernel this CPU runs.</summary>
public unsafe class GemmTests
{
    public static TheoryData<string> Kernels()
    {
        var data = new TheoryData<string> { "scalar" };
        if (Vector256.IsHardwareAccelerated && Fma.IsSupported) data.Add("vector256");
        if (Vector512.IsHardwareAccelerated) data.Add("avx512");
        return data;
    }

    // Odd sizes around the tile sizes (MR 4/6/12, NR 4/8/16/32) and the blocking (KC 256, MC 120-192).
    private static readonly (int M, int N, int K)[] Sizes =
    [
        (1, 1, 1), (1, 7, 5), (7, 1, 5), (2, 3, 4), (5, 5, 5), (12, 32, 8), (13, 33, 9), (11, 31, 1),
        (17, 70, 23), (70, 17, 64), (33, 65, 3), (64, 64, 64), (69, 67, 70), (25, 48, 37), (3, 70, 70),
        (129, 257, 65), (200, 40, 300),
    ];

    [Theory]
    [MemberData(nameof(Kernels))]
    public void FloatProductsMatchReferenceForOddSizes(string kernel)
    {
        foreach (var (m, n, k) in Sizes)
        {
            Check<float>(kernel, m, n, k, transA: false, transB: false, alpha: 1, beta: 0, threads: 1);
            Check<float>(kernel, m, n, k, transA: false, transB: false, alpha: 1, beta: 0, threads: 1, direct: true);
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void DoubleProductsMatchReferenceForOddSizes(string kernel)
    {
        foreach (var (m, n, k) in Sizes)
        {
            Check<double>(kernel, m, n, k, transA: false, transB: false, alpha: 1, beta: 0, threads: 1);
            Check<double>(kernel, m, n, k, transA: false, transB: false, alpha: 1, beta: 0, threads: 1, direct: true);
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void TransposedOperandsAlphaAndBetaMatchReference(string kernel)
    {
        foreach (var (m, n, k) in new[] { (13, 35, 17), (70, 9, 41), (129, 257, 65), (800, 45, 70) })
        {
            Check<float>(kernel, m, n, k, transA: true, transB: false, alpha: 0.5, beta: -2, threads: 1);
            Check<float>(kernel, m, n, k, transA: false, transB: true, alpha: 2, beta: 1, threads: 2);
            Check<double>(kernel, m, n, k, transA: true, transB: true, alpha: -1, beta: 0.25, threads: 2);
        }
    }

    [Fact]
    public void TallSkinnyProductSplitAcrossThreadsMatchesReference()
    {
        Check<float>("default", 1000, 3, 500, transA: false, transB: false, alpha: 1, beta: 0, threads: 2);
        Check<double>("default", 3, 1000, 500, transA: true, transB: false, alpha: 1, beta: 1, threads: 2);
        Check<float>("default", 300, 400, 600, transA: false, transB: true, alpha: 1, beta: 0, threads: 2);
    }

    [Fact]
    public void MatrixVectorShapesMatchReference()
    {
        Check<float>("default", 37, 1, 300, transA: false, transB: false, alpha: 1, beta: 0, threads: 1);
        Check<double>("default", 1, 37, 300, transA: true, transB: true, alpha: 3, beta: 0.5, threads: 1);
    }

    [Fact]
    public void BetaZeroOverwritesNaNInOutput()
    {
        float[] a = [1, 2, 3, 4], b = [1, 0, 0, 1], c = [float.NaN, float.NaN, float.NaN, float.NaN];
        fixed (float* pa = a, pb = b, pc = c)
            Gemm.Run(2, 2, 2, 1f, new StridedMatrix<float>(pa, 2, 1), new StridedMatrix<float>(pb, 2, 1), 0f, new StridedMatrix<float>(pc, 2, 1));
        Assert.Equal(new float[] { 1, 2, 3, 4 }, c);
    }

    /// <summary>
    /// Runs one product on matrices embedded with padding in larger buffers (row stride ld > columns, so the
    /// operands are sliced views), optionally stored transposed, and compares every element of C, including
    /// that the padding around C is untouched.
    /// </summary>
    /// <param name="kernel">scalar, vector256, avx512 or default (Gemm.Run's own choice).</param>
    /// <param name="direct">Calls the blocked driver itself with exactly <paramref name="threads"/> (no size threshold, no gemv).</param>
    /// <param name="bias">Adds a random per-column bias through the epilogue.</param>
    /// <param name="relu">Applies ReLU through the epilogue.</param>
    internal static void Check<T>(string kernel, int m, int n, int k, bool transA, bool transB, double alpha, double beta, int threads,
        bool direct = false, bool bias = false, bool relu = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(m * 10007 + n * 101 + k);
        // Stored shapes (rows x cols) and padded leading dimensions.
        int arows = transA ? k : m, acols = transA ? m : k, brows = transB ? n : k, bcols = transB ? k : n;
        int lda = acols + 3, ldb = bcols + 5, ldc = n + 2;
        var a = Fill<T>(rng, arows * lda + 1);
        var b = Fill<T>(rng, brows * ldb + 1);
        var c = Fill<T>(rng, m * ldc + 1);
        var biasValues = Fill<T>(rng, n);
        var expected = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                {
                    double av = double.CreateTruncating(transA ? a[1 + p * lda + i] : a[1 + i * lda + p]);
                    double bv = double.CreateTruncating(transB ? b[1 + j * ldb + p] : b[1 + p * ldb + j]);
                    s += av * bv;
                }
                double v = alpha * s + (beta == 0 ? 0 : beta * double.CreateTruncating(c[1 + i * ldc + j]));
                if (bias) v += double.CreateTruncating(biasValues[j]);
                expected[i * n + j] = relu ? Math.Max(v, 0) : v;
            }
        var before = (T[])c.Clone();
        fixed (T* pa = a, pb = b, pc = c, pbias = biasValues)
        {
            var epilogue = new GemmEpilogue<T>(bias ? pbias : null, relu);
            var ma = new StridedMatrix<T>(pa + 1, lda, 1);
            var mb = new StridedMatrix<T>(pb + 1, ldb, 1);
            if (transA) ma = ma.Transposed;
            if (transB) mb = mb.Transposed;
            var mc = new StridedMatrix<T>(pc + 1, ldc, 1);
            T al = T.CreateTruncating(alpha), be = T.CreateTruncating(beta);
            switch (direct ? kernel + "-direct" : kernel)
            {
                case "scalar-direct": GemmDriver<T, ScalarMicroKernel<T>>.Run(m, n, k, al, ma, mb, be, mc, epilogue, threads); break;
                case "vector256-direct": GemmDriver<T, Vector256MicroKernel<T>>.Run(m, n, k, al, ma, mb, be, mc, epilogue, threads); break;
                case "avx512-direct": GemmDriver<T, Avx512MicroKernel<T>>.Run(m, n, k, al, ma, mb, be, mc, epilogue, threads); break;
                case "scalar": Gemm.Run<T, ScalarMicroKernel<T>>(m, n, k, al, ma, mb, be, mc, epilogue, threads); break;
                case "vector256": Gemm.Run<T, Vector256MicroKernel<T>>(m, n, k, al, ma, mb, be, mc, epilogue, threads); break;
                case "avx512": Gemm.Run<T, Avx512MicroKernel<T>>(m, n, k, al, ma, mb, be, mc, epilogue, threads); break;
                default: Gemm.Run(m, n, k, al, ma, mb, be, mc, epilogue, threads); break;
            }
        }
        double tol = (typeof(T) == typeof(float) ? 2e-6 : 1e-14) * (k + 4) * 4;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double got = double.CreateTruncating(c[1 + i * ldc + j]);
                double want = expected[i * n + j];
                Assert.True(Math.Abs(got - want) <= tol * (1 + Math.Abs(want)),
                    $"{kernel} {typeof(T).Name} {m}x{n}x{k} transA={transA} transB={transB} bias={bias} relu={relu}: C[{i},{j}] = {got}, expected {want}");
            }
        Assert.Equal(before[0], c[0]);
        for (int i = 0; i < m; i++)
            for (int j = n; j < ldc && 1 + i * ldc + j < c.Length; j++)
                Assert.Equal(before[1 + i * ldc + j], c[1 + i * ldc + j]);
    }

    private static T[] Fill<T>(Random rng, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = new T[length];
        for (int i = 0; i < length; i++) data[i] = T.CreateTruncating(rng.NextDouble() * 2 - 1);
        return data;
    }
}
