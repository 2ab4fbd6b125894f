using StaticNet.NN;
using StaticNet.Tests.RandomGeneration;

namespace StaticNet.Tests.NN;

[Collection(RandomCollection.Name)] // seeds the default generator
public class DropoutTests
{
    [Fact]
    public void PrintsLikePyTorch()
    {
        Assert.Equal("Dropout(p=0.5, inplace=False)", new Dropout().ToString());
        Assert.Equal("Dropout(p=0.2, inplace=True)", new Dropout(0.2, inplace: true).ToString());
    }

    [Fact]
    public void MaskMatchesPyTorchForTheSameSeed()
    {
        // torch.manual_seed(0); F.dropout(torch.arange(1., 9.), 0.3): kept elements scaled by float32(1/0.7).
        Torch.ManualSeed(0);
        var y = new Dropout(0.3).Forward(Torch.Arange(1, 9).To(DType.Float32));
        Assert.Equal(new[] { 0f, 0f, 4.285714149475098f, 0f, 7.142857551574707f, 0f, 10f, 11.428571701049805f }, y.ToArray<float>());
    }

    [Fact]
    public void Float64MaskMatchesPyTorchAndAdvancesTheGeneratorAsPyTorch()
    {
        // torch.manual_seed(0); F.dropout(arange(1., 9., dtype=float64), 0.5); then torch.rand(1, dtype=float64).
        Torch.ManualSeed(0);
        var y = F.Dropout(Torch.Arange(1, 9).To(DType.Float64), 0.5);
        Close.Equal([0, 0, 6, 0, 0, 0, 14, 16], y, 0);
        Assert.Equal(0.5813409198075745, Torch.Rand([1], DType.Float64).Item<double>());
    }

    [Fact]
    public void NonContiguousInputsDrawTheMaskInLogicalOrder()
    {
        // torch.manual_seed(0); F.dropout(torch.arange(1., 9.).view(2, 4).t(), 0.3)
        Torch.ManualSeed(0);
        var y = F.Dropout(Torch.Arange(1, 9).To(DType.Float32).View(2, 4).T, 0.3);
        Close.Equal([0, 0, 2.857142925262451, 0, 4.285714149475098, 0, 5.714285850524902, 11.428571701049805], y, 0);
    }

    [Fact]
    public void LongMasksMatchPyTorchAcrossTwisterRegenerations()
    {
        // 1537 Float32 elements take 3074 draws (several 624-draw regenerations and a partial last chunk), then 700
        // Float64 ones; then torch.rand(1). From PyTorch 1.13: torch.manual_seed(0); m = F.dropout(torch.ones(1537), 0.3)
        // → 437 zeros at [0, 1, 3, 5, 19, 28, 30, 35, ..., 1518, 1523, 1526, 1532, 1536], Σ index² mod 1000003 = 215959;
        // m = F.dropout(torch.ones(700, dtype=float64), 0.5) → 363 zeros from [2, 3, 5, 8, 9, 10, 14, 16], Σ = 324165.
        Torch.ManualSeed(0);
        var zeros = ZeroIndices(F.Dropout(Torch.Ones([1537]), 0.3).ToArray<float>().Select(v => (double)v));
        Assert.Equal(437, zeros.Length);
        Assert.Equal(new long[] { 0, 1, 3, 5, 19, 28, 30, 35 }, zeros[..8]);
        Assert.Equal(new long[] { 1518, 1523, 1526, 1532, 1536 }, zeros[^5..]);
        Assert.Equal(215959, zeros.Sum(i => i * i) % 1000003);

        zeros = ZeroIndices(F.Dropout(Torch.Ones([700], DType.Float64), 0.5).ToArray<double>());
        Assert.Equal(363, zeros.Length);
        Assert.Equal(new long[] { 2, 3, 5, 8, 9, 10, 14, 16 }, zeros[..8]);
        Assert.Equal(324165, zeros.Sum(i => i * i) % 1000003);
        Assert.Equal(0.8594934344291687f, Torch.Rand([1]).Item<float>());
    }

    private static long[] ZeroIndices(IEnumerable<double> values) =>
        values.Select((v, i) => (v, (long)i)).Where(e => e.v == 0).Select(e => e.Item2).ToArray();

    [Fact]
    public void FractionZeroedIsPAndTheMeanIsPreserved()
    {
        const int n = 100_000;
        var x = Torch.Ones([n], DType.Float32);
        var y = F.Dropout(x, 0.3, generator: new Generator(5));
        var values = y.ToArray<float>();
        double zeroed = values.Count(v => v == 0) / (double)n;
        Assert.InRange(zeroed, 0.29, 0.31);                    // σ ≈ 0.0015
        Assert.All(values, v => Assert.True(v == 0 || v == 1 / 0.7f));
        Assert.InRange(y.Mean().Item<float>(), 0.985, 1.015);  // σ ≈ 0.002
    }

    [Fact]
    public void EvalModeAndZeroProbabilityReturnTheInput()
    {
        var x = Torch.Randn(4, 5);
        var d = new Dropout(0.5);
        d.Eval();
        Assert.Same(x, d.Forward(x));
        Assert.Same(x, F.Dropout(x, 0.0));
        Assert.Same(x, F.Dropout(x, 0.7, training: false));
    }

    [Fact]
    public void ProbabilityOneZeroesEverything()
    {
        var y = F.Dropout(Torch.Tensor(new[] { 1.0, -2.0, 3.0 }), 1.0);
        Close.Equal([0, 0, 0], y, 0);
    }

    [Fact]
    public void RecordsMulBackwardWithTheMaskAsAConstant()
    {
        var x = Torch.Ones([6], DType.Float64, requiresGrad: true);
        var y = F.Dropout(x, 0.5, generator: new Generator(3));
        Assert.Equal("MulBackward0", y.GradFn!.Name);
        Assert.Equal("AccumulateGrad", y.GradFn.NextFunctions[0].Node!.Name);
        Assert.Null(y.GradFn.NextFunctions[1].Node);
        y.Sum().Backward();
        Assert.Equal(y.Detach().ToArray<double>(), x.Grad!.ToArray<double>()); // x = 1: dy/dx is the scaled mask itself
    }

    [Fact]
    public void InplaceDropoutWritesIntoTheInput()
    {
        var x = Torch.Ones([1000]);
        var y = new Dropout(0.5, inplace: true).Forward(x);
        Assert.Same(x, y);
        Assert.Contains(0f, x.ToArray<float>());
        Assert.Contains(2f, x.ToArray<float>());
    }

    [Theory]
    [InlineData(1.5, "dropout probability has to be between 0 and 1, but got 1.5")]
    [InlineData(-0.1, "dropout probability has to be between 0 and 1, but got -0.1")]
    public void ProbabilityOutsideTheUnitIntervalIsAnError(double p, string message)
    {
        Assert.Contains(message, Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(p)).Message);
        Assert.Contains(message, Assert.Throws<ArgumentOutOfRangeException>(() => F.Dropout(Torch.Ones(2), p)).Message);
    }
}
