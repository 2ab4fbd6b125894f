using StaticNet.NN;

namespace StaticNet.Tests.NN;

public class ActivationLayerTests
{
    private static readonly double[] Points = [-3, -1, -0.5, 0, 0.5, 1, 2];

    [Theory]
    [InlineData("ReLU()")]
    [InlineData("ReLU(inplace=True)")]
    [InlineData("LeakyReLU(negative_slope=0.01)")]
    [InlineData("LeakyReLU(negative_slope=0.2, inplace=True)")]
    [InlineData("Sigmoid()")]
    [InlineData("Tanh()")]
    [InlineData("GELU(approximate='none')")]
    [InlineData("GELU(approximate='tanh')")]
    public void PrintsLikePyTorch(string expected)
    {
        Module m = expected switch
        {
            "ReLU()" => new ReLU(),
            "ReLU(inplace=True)" => new ReLU(inplace: true),
            "LeakyReLU(negative_slope=0.01)" => new LeakyReLU(),
            "LeakyReLU(negative_slope=0.2, inplace=True)" => new LeakyReLU(0.2, inplace: true),
            "Sigmoid()" => new Sigmoid(),
            "Tanh()" => new Tanh(),
            "GELU(approximate='none')" => new GELU(),
            _ => new GELU("tanh"),
        };
        Assert.Equal(expected, m.ToString());
    }

    [Fact]
    public void ReluSigmoidAndTanhModulesApplyTheirFunctions()
    {
        var x = Torch.Tensor(new[] { -2.0, 0.0, 1.5 }, dtype: DType.Float64);
        Close.Equal([0, 0, 1.5], new ReLU().Forward(x), 0);
        Close.Equal([1 / (1 + Math.Exp(2)), 0.5, 1 / (1 + Math.Exp(-1.5))], new Sigmoid().Forward(x), 1e-15);
        Close.Equal([Math.Tanh(-2), 0, Math.Tanh(1.5)], new Tanh().Forward(x), 1e-15);
    }

    [Fact]
    public void InplaceReluOverwritesAndReturnsItsInput()
    {
        var x = Torch.Tensor(new[] { -2.0, 3.0 });
        var y = new ReLU(inplace: true).Forward(x);
        Assert.Same(x, y);
        Close.Equal([0, 3], x, 0);
    }

    [Fact]
    public void LeakyReluScalesNegativeInputsBySlope()
    {
        var x = Torch.Tensor(new[] { -2.0, -0.5, 0.0, 1.5, double.NaN }, dtype: DType.Float64);
        Close.Equal([-0.2, -0.05, 0, 1.5, double.NaN], new LeakyReLU(0.1).Forward(x), 1e-16);
        Close.Equal([-0.02, -0.005, 0, 1.5, double.NaN], F.LeakyRelu(x), 1e-16);
    }

    [Fact]
    public void LeakyReluVectorPathAndStridedPathAgree()
    {
        // 37 elements cover whole vectors and a tail; the transposed view goes through the strided loop.
        var x = Torch.Arange(37).To(DType.Float32) - 18.0;
        var y = F.LeakyRelu(x, 0.5);
        for (int i = 0; i < 37; i++) Assert.Equal(i - 18 > 0 ? i - 18 : (i - 18) * 0.5f, y.ToArray<float>()[i]);
        var m = Torch.Tensor(new[,] { { -1.0, 2.0 }, { 3.0, -4.0 } }).T;
        Close.Equal([-0.5, 3, 2, -2], F.LeakyRelu(m, 0.5), 0);
    }

    [Fact]
    public void InplaceLeakyReluWritesIntoTheInput()
    {
        var x = Torch.Tensor(new[] { -2.0, 4.0 });
        Assert.Same(x, new LeakyReLU(0.25, inplace: true).Forward(x));
        Close.Equal([-0.5, 4], x, 0);
    }

    [Fact]
    public void GeluMatchesPyTorchInFloat64()
    {
        var x = Torch.Tensor(Points, dtype: DType.Float64);
        // F.gelu(x) and F.gelu(x, approximate='tanh') in PyTorch 1.13, float64.
        Close.Equal([-0.00404969409489031, -0.15865525393145702, -0.15426876936299344, 0.0, 0.34573123063700656, 0.841344746068543, 1.9544997361036416],
            new GELU().Forward(x), 1e-15);
        Close.Equal([-0.0036373920817729943, -0.15880800939172324, -0.15428599017485606, 0.0, 0.34571400982514394, 0.8411919906082768, 1.954597694087775],
            new GELU("tanh").Forward(x), 1e-15);
    }

    [Fact]
    public void GeluMatchesPyTorchInFloat32()
    {
        var y = F.Gelu(Torch.Tensor(Points, dtype: DType.Float32));
        Assert.Equal(DType.Float32, y.DType);
        Close.Equal([-0.004049867391586304, -0.1586552858352661, -0.1542687863111496, 0.0, 0.3457311987876892, 0.8413447141647339, 1.9544999599456787], y, 1e-6);
    }

    [Fact]
    public void ErfMatchesReferenceValuesAcrossItsBranches()
    {
        // math.erf in CPython (correctly rounded to double): series, continued fraction and saturated ranges.
        (double X, double Erf)[] cases = [(1e-10, 1.1283791670955126e-10), (0.5, 0.5204998778130465), (1, 0.8427007929497149),
            (2.5, 0.999593047982555), (3, 0.9999779095030014), (4, 0.9999999845827421), (-1.3, -0.9340079449406524), (6, 1.0)];
        foreach (var (x, erf) in cases)
            Assert.True(Math.Abs(Kernels.SpecialFunctions.Erf(x) - erf) <= 2e-16 * Math.Max(1, Math.Abs(erf) * 4), $"erf({x})");
        Assert.True(double.IsNaN(Kernels.SpecialFunctions.Erf(double.NaN)));
    }

    [Fact]
    public void UnknownGeluApproximationIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new GELU("fast"));
        Assert.Contains("approximate argument must be either none or tanh", e.Message);
    }

    [Fact]
    public void IntegerInputsAreRejectedWithTheDType()
    {
        var e = Assert.Throws<ArgumentException>(() => F.LeakyRelu(Torch.Arange(3)));
        Assert.Contains("leaky_relu", e.Message);
        Assert.Contains("'Long'", e.Message);
        Assert.Throws<ArgumentException>(() => F.Gelu(Torch.Arange(3)));
    }
}
