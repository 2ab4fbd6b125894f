using StaticNet.NN;
using static StaticNet.Gpu.Tests.Parity;

namespace StaticNet.Gpu.Tests;

/// <summary>Reductions, copies, GEMM, softmax and losses on ilgpu-cpu against the CPU backend.</summary>
public class KernelParityTests
{
    public static TheoryData<DType, int> Cases() => ElementwiseParityTests.Cases();

    [Theory, MemberData(nameof(Cases))]
    public void Reductions_match_over_every_dim_and_all(DType dtype, int n)
    {
        var a = Random(dtype, 3, n, 2);
        double tol = Tol(dtype, f32: 1e-5);
        Check(t => t[0].Sum(), tol, a);
        Check(t => t[0].Sum(1), tol, a);
        Check(t => t[0].Sum([0, 2], keepDim: true), tol, a);
        Check(t => t[0].Mean(2), tol, a);
        Check(t => t[0].Transpose(0, 1).Mean(0), tol, a);
        Check(t => t[0].Max(), 0, a);
        Check(t => t[0].Max(1).Values, 0, a);
        Check(t => t[0].Min(0).Indices, 0, a);
        Check(t => (t[0] * 0.1 + 1).Prod(1), tol, a);
        Check(t => t[0].Argmax(1), 0, a);
        Check(t => t[0].Argmin(2, keepDim: true), 0, a);
        Check(t => (t[0] > 0).All(1), 0, a);
        Check(t => (t[0] > 0).Any(), 0, a);
        Check(t => (t[0] > 0).Nonzero(), 0, a);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Long_reductions_of_few_outputs_run_as_partials_and_match(DType dtype)
    {
        // One output of 10,007 elements and three of 5,003 (strided): both split into partials, then combine.
        Assert.True(Kernels.Ilgpu.IlgpuBackend.ReductionParts(1, 10_007) > 1);
        Assert.True(Kernels.Ilgpu.IlgpuBackend.ReductionParts(3, 5_003) > 1);
        Assert.Equal(1, Kernels.Ilgpu.IlgpuBackend.ReductionParts(5_000, 10_007)); // enough outputs: one thread each
        var v = Random(dtype, 10_007);
        var m = Random(dtype, 5_003, 3);
        double tol = Tol(dtype, f32: 1e-4);
        Check(t => t[0].Sum(), tol, v);
        Check(t => t[0].Mean(), tol, v);
        Check(t => t[0].Max(), 0, v);
        Check(t => (t[0] * 0.001 + 1).Prod(), tol, v);
        Check(t => (t[0] > 3.5).Any(), 0, v);
        Check(t => t[0].Transpose(0, 1).Sum(1), tol, m);
        Check(t => t[0].Transpose(0, 1).Min(1).Values, 0, m);
        Check(t => t[0].Sum(0, keepDim: true), tol, m);
    }

    [Fact]
    public void Empty_reductions_give_the_identity()
    {
        var e = Torch.Zeros([0, 3]);
        Check(t => t[0].Sum(0), 0, e);
        Check(t => t[0].Prod(0), 0, e);
    }

    [Theory, MemberData(nameof(Cases))]
    public void Copies_convert_and_follow_strides(DType dtype, int n)
    {
        var a = Random(dtype, n, 4);
        Check(t => t[0].T.Contiguous(), 0, a);
        Check(t => t[0].To(dtype == DType.Float32 ? DType.Float64 : DType.Float32), Tol(DType.Float32), a);
        Check(t => (t[0] * 10).To(DType.Int64), 0, a);
        Check(t => (t[0] * 10).To(DType.Int32).To(DType.Float64), 0, a);
        Check(t => (t[0] > 0).To(dtype), 0, a);
        Check(t => t[0].To(DType.Bool), 0, a);
        Check(t => Torch.Cat([t[0], t[0] * 2], 1), 0, a);
        Check(t => Torch.Stack([t[0], t[0]]), 0, a);
        Check(t => Torch.ZerosLike(t[0]).Fill_(3.5), 0, a);
    }

    public static TheoryData<DType, int, int, int> GemmCases()
    {
        var data = new TheoryData<DType, int, int, int>();
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            data.Add(dtype, 1, 1, 1);
            data.Add(dtype, 7, 33, 5);
            data.Add(dtype, 33, 7, 17);
        }
        return data;
    }

    [Theory, MemberData(nameof(GemmCases))]
    public void Matmul_matches_for_odd_shapes_transposes_and_batches(DType dtype, int m, int k, int n)
    {
        var a = Random(dtype, m, k);
        var b = Random(dtype, k, n);
        var bt = Random(dtype, n, k);
        double tol = Tol(dtype, f32: 1e-4);
        Check(t => t[0].Matmul(t[1]), tol, a, b);
        Check(t => t[0].Matmul(t[1].T), tol, a, bt);
        Check(t => t[0].T.Matmul(t[0]), tol, a);
        Check(t => Torch.Addmm(t[2], t[0], t[1], beta: 0.5, alpha: 2), tol, a, b, Random(dtype, n));
        var batched = Random(dtype, 3, m, k);
        Check(t => t[0].Matmul(t[1]), tol, batched, b);                 // b broadcasts over the batch
        Check(t => t[0].Bmm(t[0].Transpose(1, 2)), tol, batched);
        Check(t => t[0].Mv(t[1]), tol, a, Random(dtype, k));
    }

    /// <summary>
    /// Both GEMM kernels, whichever the device runs by default: ilgpu-cpu runs the register blocks, so the GPU's
    /// shared-memory tiled kernel (4×4 tiles here) is checked by asking for it; odd shapes miss both kernels' 4-wide
    /// blocks, the transposed operand has a non-unit column stride, the batched one broadcasts b, and beta reads c.
    /// </summary>
    [Theory, MemberData(nameof(GemmCases))]
    public void Both_gemm_kernels_match_the_cpu(DType dtype, int m, int k, int n)
    {
        var gpu = (StaticNet.Kernels.Ilgpu.IlgpuBackend)StaticNet.Kernels.Backends.For(UnderTest);
        double tol = Tol(dtype, f32: 1e-4);
        var a = Random(dtype, 3, m, k);
        var bt = Random(dtype, n, k);
        var c = Random(dtype, 3, m, n);
        var expected = a.Matmul(bt.T) * 2 + c * 0.5;
        var b = bt.To(UnderTest).T.Expand(3, k, n);   // the views are taken on the device (moving a view makes it dense)
        foreach (var kernel in Enum.GetValues<StaticNet.Kernels.Ilgpu.GemmKernel>())
        {
            var actual = c.To(UnderTest);
            gpu.BatchedGemm(a.To(UnderTest), b, actual, 2, 0.5, kernel);
            AssertClose(expected, actual.Cpu(), tol);
        }
    }

    [Fact]
    public void Integer_matmul_matches()
    {
        var a = Torch.Arange(0, 21, dtype: DType.Int64).View(3, 7);
        Check(t => t[0].Matmul(t[0].T), 0, a);
    }

    [Theory, MemberData(nameof(Cases))]
    public void Softmax_and_cross_entropy_match(DType dtype, int n)
    {
        var logits = Random(dtype, 4, n);
        var target = Torch.Tensor(new long[] { 0, n - 1, n / 2, 0 });
        double tol = Tol(dtype, f32: 2e-5);
        Check(t => F.Softmax(t[0], 1), tol, logits);
        Check(t => F.LogSoftmax(t[0], 0), tol, logits);
        Check(t => F.Softmax(t[0].T, 1), tol, logits);
        Check(t => F.CrossEntropy(t[0], t[1]), tol, logits, target);
        Check(t => F.CrossEntropy(t[0], t[1], reduction: LossReduction.Sum), tol, logits, target);
        Check(t => F.CrossEntropy(t[0], t[1], ignoreIndex: 0), tol, logits, target);
        Check(t => F.NllLoss(F.LogSoftmax(t[0], 1), t[1], weight: t[2], reduction: LossReduction.None), tol, logits, target, Random(dtype, n).Abs());
    }

    [Fact]
    public void Gradients_of_softmax_and_cross_entropy_match()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var x = Random(dtype, 5, 7);
            var target = Torch.Tensor(new long[] { 1, 6, 0, 3, 3 });
            var cpu = x.Clone().RequiresGrad_();
            var gpu = x.To(UnderTest).RequiresGrad_();
            (F.CrossEntropy(cpu, target) + F.Softmax(cpu, 0).Mul(cpu).Sum()).Backward();
            (F.CrossEntropy(gpu, target.To(UnderTest)) + F.Softmax(gpu, 0).Mul(gpu).Sum()).Backward();
            AssertClose(cpu.Grad!, gpu.Grad!.Cpu(), Tol(dtype, f32: 1e-5));
        }
    }

    [Fact]
    public void Random_fills_give_the_same_numbers_for_the_same_seed()
    {
        var a = Torch.Randn([33], device: UnderTest, generator: new Generator(7));
        var b = Torch.Randn([33], device: UnderTest, generator: new Generator(7));
        Assert.Equal(UnderTest, a.Device);
        AssertClose(a.Cpu(), b.Cpu(), 0);
        AssertClose(Torch.Randn([33], generator: new Generator(7)), a.Cpu(), 0); // the host stream, uploaded
        var u = Torch.Rand([7, 3], device: UnderTest, generator: new Generator(3)).Cpu();
        Assert.All(u.ToArray<float>(), v => Assert.InRange(v, 0f, 1f));
        var d = F.Dropout(Torch.Ones([1000], device: UnderTest), 0.5, generator: new Generator(5)).Cpu().ToArray<float>();
        Assert.All(d, v => Assert.True(v == 0 || v == 2));
        Assert.InRange(d.Count(v => v == 0), 400, 600);
    }
}
