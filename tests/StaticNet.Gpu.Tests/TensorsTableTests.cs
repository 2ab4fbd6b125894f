using static StaticNet.Gpu.Tests.Parity;

namespace StaticNet.Gpu.Tests;

/// <summary>
/// Every row of API.md's Tensors table on ilgpu-cpu: created there or moved there, each op's result equals the CPU's
/// (the random factories are checked by shape, dtype and device: the GPU's stream need not be PyTorch's CPU stream).
/// </summary>
public class TensorsTableTests
{
    private static readonly Device D = UnderTest;

    [Fact]
    public void Factories_make_tensors_on_the_device()
    {
        foreach (var t in new[]
        {
            Torch.Empty([2, 3], device: D), Torch.Rand([2, 3], device: D), Torch.Randn([2, 3], device: D),
            Torch.RandInt(0, 10, [2, 3], device: D), Torch.Zeros([2, 3], DType.Int64, D), Torch.Ones([2, 3], device: D),
            Torch.Full([2, 3], 7.0, device: D), Torch.RandnLike(Torch.Zeros([2, 3], device: D), DType.Float32),
        })
        {
            Assert.Equal(D, t.Device);
            Assert.Equal([2, 3], t.Shape);
        }
        Assert.InRange(Torch.Rand([64], device: D).Cpu().Max().Item<double>(), 0, 1);
        Assert.InRange(Torch.RandInt(0, 10, [64], device: D).Cpu().Max().Item<long>(), 0, 9);
        AssertClose(Torch.Full([2, 2], 7.0), Torch.Full([2, 2], 7.0, device: D).Cpu(), 0);
        AssertClose(Torch.Zeros([2, 3], DType.Int64), Torch.Zeros([2, 3], DType.Int64, D).Cpu(), 0);
        AssertClose(Torch.Ones(3, 4), Torch.Ones([3, 4], device: D).Cpu(), 0);
        AssertClose(Torch.Arange(1, 4), Torch.Arange(1, 4).To(D).Cpu(), 0);
        var literal = Torch.Tensor(new[,] { { 1.0, 3.8 }, { 8.6, 4.0 } }, device: D);
        Assert.Equal(D, literal.Device);
        Assert.Equal(DType.Float32, literal.DType);
        var x = Torch.Zeros([2, 2], DType.Float32, D);
        var ones = x.NewOnes([5, 3], DType.Float64);
        Assert.Equal((D, DType.Float64), (ones.Device, ones.DType));
        Assert.Equal([2, 2], x.Size());
        Assert.Equal(4, x.Numel);
    }

    [Fact]
    public void Arithmetic_in_place_and_out_forms_match()
    {
        var a = Random(DType.Float32, 7, 3);
        var b = Random(DType.Float32, 3);
        Check(t => t[0] + t[1] - t[0] * t[1] / (t[1].Abs() + 1) * 10, 1e-5, a, b);
        Check(t => Torch.Add(t[0], t[1], @out: Torch.Empty([7, 3], device: t[0].Device)), 1e-6, a, b);
        Check(t => t[0].Clone().Add_(t[1]), 1e-6, a, b);
        Check(t => t[0].Pow(2) + t[0].Sin() + t[0].Exp(), 1e-5, a);
    }

    [Fact]
    public void Products_reductions_and_joins_match()
    {
        var a = Random(DType.Float64, 7, 5);
        var v = Random(DType.Float64, 5);
        Check(t => t[0].Dot(t[0]), 1e-12, v);
        Check(t => t[0].Mm(t[0].T), 1e-12, a);
        Check(t => Torch.Matmul(t[0], t[1]), 1e-12, a, v);
        Check(t => t[0].Mean(), 1e-12, a);
        Check(t => t[0].Mean(dim: 1, keepDim: true), 1e-12, a);
        Check(t => t[0].Sum(0), 1e-12, a);
        Check(t => t[0].Max(), 0, a);
        Check(t => t[0].Max(dim: 0).Values, 0, a);
        Check(t => t[0].Max(dim: 0).Indices, 0, a);
        Check(t => t[0].Argmax(-1), 0, a);
        Check(t => Torch.Cat([t[0], t[0] * 2], dim: 0), 0, a);
        Check(t => Torch.Stack([t[0], t[0] * 2], dim: 1), 0, a);
    }

    [Fact]
    public void Views_and_indexing_match()
    {
        var a = Random(DType.Float32, 4, 6, 2);
        Check(t => t[0].View(-1, 8), 0, a);
        Check(t => t[0].Reshape(6, 8), 0, a);
        Check(t => t[0].Transpose(0, 1).Contiguous(), 0, a);
        Check(t => t[0].Permute(2, 0, 1).Contiguous(), 0, a);
        Check(t => t[0][.., 0..1].Squeeze(), 0, a);
        Check(t => t[0][.., 0..1].Squeeze(1), 0, a);
        Check(t => t[0].Unsqueeze(0), 0, a);
        Check(t => t[0][TensorIndex.NewAxis], 0, a);
        Check(t => t[0][.., TensorIndex.NewAxis], 0, a);
        Check(t => t[0][1, 3], 0, a);
        Check(t => t[0][1], 0, a);
        Check(t => t[0][1..3], 0, a);
        Check(t => t[0][.., 2], 0, a);
        Check(t => t[0][^1], 0, a);
        Check(t => { var c = t[0].Clone(); c[.., 2..4] = 100; return c; }, 0, a);
        var g = a.To(D);
        Assert.False(g.Transpose(0, 1).IsContiguous);
        Assert.Equal(a[1, 3, 0].Item<float>(), g[1, 3, 0].Item<float>());
    }

    [Fact]
    public void Conversions_comparisons_scatter_and_printing_match()
    {
        var a = Random(DType.Float32, 3, 4);
        Check(t => t[0].Double(), 0, a);
        Check(t => t[0].Type(DType.Float64), 0, a);
        Check(t => (t[0] * 10).To(DType.Int64).Float(), 0, a);
        Check(t => t[0].Eq(t[0].Relu()), 0, a);
        Check(t => t[0] == t[0], 0, a);
        Check(t => (t[0] == t[0]).All(), 0, a);
        var index = Torch.FromArray(new long[] { 2, 0, 1, 2 }).View(1, 4);
        Check(t => t[0].Clone().Scatter_(0, t[1], 1.0), 0, a, index);
        var g = Torch.FromArray(new[] { 1.0, 2.0 }).To(D);
        Assert.Equal("tensor([1., 2.], device='ilgpu-cpu', dtype=float64)", g.ToString());
    }
}
