using StaticNet.NN;

namespace StaticNet.Tests.NN;

[Collection(StaticNet.Tests.RandomGeneration.RandomCollection.Name)] // seeds the default generator
public class Conv2dTests
{
    // Inputs built as in the PyTorch 1.13 scripts that produced the expected numbers, e.g.
    // x = (torch.arange(50.) / 10 - 2).reshape(1, 2, 5, 5).
    private static Tensor Ramp(long count, double scale, double shift, params long[] shape) =>
        (Torch.Arange(0.0, count) / scale - shift).Reshape(shape).Detach();

    [Theory]
    [InlineData(new long[] { 2, 4, 9, 11 }, new long[] { 6, 2, 3, 2 }, 2, 1, 1, 0, 1, 2, 2, new long[] { 2, 6, 5, 9 })]
    [InlineData(new long[] { 1, 3, 32, 32 }, new long[] { 6, 3, 5, 5 }, 1, 1, 0, 0, 1, 1, 1, new long[] { 1, 6, 28, 28 })]
    [InlineData(new long[] { 1, 3, 32, 32 }, new long[] { 6, 3, 5, 5 }, 2, 2, 0, 0, 1, 1, 1, new long[] { 1, 6, 14, 14 })]
    [InlineData(new long[] { 1, 3, 32, 32 }, new long[] { 6, 3, 5, 5 }, 1, 1, 2, 2, 1, 1, 1, new long[] { 1, 6, 32, 32 })]
    [InlineData(new long[] { 1, 3, 7, 7 }, new long[] { 4, 3, 3, 3 }, 1, 1, 0, 0, 3, 3, 1, new long[] { 1, 4, 1, 1 })]
    [InlineData(new long[] { 3, 6, 10, 8 }, new long[] { 6, 1, 3, 3 }, 3, 2, 1, 1, 1, 1, 6, new long[] { 3, 6, 4, 4 })]
    [InlineData(new long[] { 1, 2, 1, 1 }, new long[] { 3, 2, 1, 1 }, 1, 1, 0, 0, 1, 1, 1, new long[] { 1, 3, 1, 1 })]
    public void OutputShapesMatchPyTorch(long[] input, long[] weight, int sh, int sw, int ph, int pw, int dh, int dw, int groups, long[] expected)
    {
        var y = F.Conv2d(Torch.Randn(input), Torch.Randn(weight), null, (sh, sw), (ph, pw), (dh, dw), groups);
        Assert.Equal(new Size(expected), y.Shape);
    }

    [Fact]
    public void StridedPaddedConvolutionAndItsGradientsMatchPyTorch()
    {
        var x = Ramp(50, 10, 2, 1, 2, 5, 5).RequiresGrad_();
        var w = Ramp(54, 27, 1, 3, 2, 3, 3).RequiresGrad_();
        var b = Torch.Tensor(new[] { 0.1f, -0.2f, 0.3f }, requiresGrad: true);
        var y = F.Conv2d(x, w, b, stride: 2, padding: 1);
        Assert.Equal(new Size(1, 3, 3, 3), y.Shape);
        Assert.Equal("ConvolutionBackward0", y.GradFn!.Name);
        AssertClose([4.085186f, 5.062963f, 2.662963f, 0.655555f, -0.988889f, -2.011111f, -4.181481f, -7.87037f, -6.314815f,
            1.385185f, 2.362963f, 1.562963f, 2.755556f, 4.111111f, 2.488889f, 1.118518f, 1.42963f, 0.585185f,
            -0.514815f, 0.462963f, 1.262963f, 5.655556f, 10.01111f, 7.788889f, 7.218518f, 11.52963f, 8.285186f], y, 2e-5f);

        y.Backward(Ramp(27, 10, 1, 1, 3, 3, 3));
        AssertClose([1.255555f, 2.444444f, 1.2f, 2.333333f, 1.144444f, 2.244444f, 4.355556f, 2.133333f, 4.133333f, 2.022222f,
            1.088889f, 2.111111f, 1.033333f, 2.0f, 0.977778f, 1.911111f, 3.688889f, 1.8f, 3.466667f, 1.688889f,
            0.922222f, 1.777778f, 0.866667f, 1.666667f, 0.811111f, 1.155555f, 2.344444f, 1.2f, 2.433333f, 1.244444f,
            2.344444f, 4.755556f, 2.433333f, 4.933333f, 2.522222f, 1.288889f, 2.611111f, 1.333333f, 2.7f, 1.377778f,
            2.611111f, 5.288889f, 2.7f, 5.466667f, 2.788889f, 1.422222f, 2.877778f, 1.466667f, 2.966667f, 1.511111f], x.Grad!, 2e-5f);
        AssertClose([1.6f, 2.69f, 1.92f, 3.87f, 6.24f, 4.35f, 2.56f, 4.13f, 2.88f, -2.4f, -4.06f, -3.08f, -4.38f, -7.26f, -5.4f,
            -4.44f, -7.12f, -5.12f, -1.28f, -1.63f, -0.96f, -0.45f, -0.24f, 0.03f, -0.32f, -0.19f, 0.0f, 3.72f, 5.12f, 3.04f,
            4.8f, 6.51f, 3.78f, 1.68f, 2.06f, 1.0f, -4.16f, -5.95f, -3.84f, -4.77f, -6.72f, -4.29f, -3.2f, -4.51f, -2.88f,
            9.84f, 14.3f, 9.16f, 13.98f, 20.28f, 12.96f, 7.8f, 11.24f, 7.12f], w.Grad!, 2e-5f);
        AssertClose([-5.4f, 2.7f, 10.8f], b.Grad!, 2e-5f);
    }

    [Fact]
    public void GroupedConvolutionMatchesPyTorch()
    {
        var y = F.Conv2d(Ramp(64, 16, 2, 1, 4, 4, 4), Ramp(32, 8, 2, 4, 2, 2, 2), groups: 2);
        Assert.Equal(new Size(1, 4, 3, 3), y.Shape);
        AssertClose([17.9375f, 17.15625f, 16.375f, 14.8125f, 14.03125f, 13.25f, 11.6875f, 10.90625f, 10.125f,
            7.1875f, 6.90625f, 6.625f, 6.0625f, 5.78125f, 5.5f, 4.9375f, 4.65625f, 4.375f,
            3.4375f, 3.65625f, 3.875f, 4.3125f, 4.53125f, 4.75f, 5.1875f, 5.40625f, 5.625f,
            8.6875f, 9.40625f, 10.125f, 11.5625f, 12.28125f, 13.0f, 14.4375f, 15.15625f, 15.875f], y, 1e-5f);
    }

    [Fact]
    public void DilatedRectangularConvolutionOnABatchMatchesPyTorch()
    {
        var y = F.Conv2d(Ramp(168, 50, 1, 2, 2, 6, 7), Ramp(24, 12, 1, 2, 2, 2, 3), Torch.Tensor(new[] { 0.5f, -0.5f }),
            stride: (1, 2), padding: (2, 1), dilation: (2, 1));
        Assert.Equal(new Size(2, 2, 8, 4), y.Shape);
        AssertClose([2.696666f, 4.126667f, 4.266666f, 2.543333f, 3.046667f, 4.616667f, 4.756667f, 2.846667f,
            5.483333f, 8.023333f, 8.243333f, 4.983334f, 6.043334f, 8.793333f, 9.013333f, 5.45f,
            6.603333f, 9.563334f, 9.783333f, 5.916667f, 7.163333f, 10.333334f, 10.553333f, 6.383333f,
            2.426666f, 3.536667f, 3.616667f, 1.986667f, 2.636667f, 3.816667f, 3.896667f, 2.15f], y[1, 1], 2e-5f);
    }

    [Fact]
    public void PointwiseConvolutionMixesChannelsPerPixel()
    {
        // out[o] = Σ_c W[o, c] · x[c] + b[o] at every pixel: [[1, 2], [3, 4]] on channels (x0, x1), bias (10, 20).
        var x = Torch.Tensor(new float[,,,] { { { { 1, 2 } }, { { 3, 4 } } } }); // [1, 2, 1, 2]
        var w = Torch.Tensor(new float[,,,] { { { { 1 } }, { { 2 } } }, { { { 3 } }, { { 4 } } } });
        var y = F.Conv2d(x, w, Torch.Tensor(new[] { 10f, 20f }));
        Assert.Equal(new[] { 1 + 6 + 10f, 2 + 8 + 10f, 3 + 12 + 20f, 6 + 16 + 20f }, y.ToArray<float>());
    }

    [Fact]
    public void NonContiguousInputGivesTheSameValuesAsPyTorch()
    {
        // The grouped case's input, stored transposed (H and W swapped in memory).
        var x = Ramp(64, 16, 2, 1, 4, 4, 4).Transpose(2, 3).Contiguous().Transpose(2, 3);
        Assert.False(x.IsContiguous);
        var y = F.Conv2d(x, Ramp(32, 8, 2, 4, 2, 2, 2), groups: 2);
        AssertClose([17.9375f, 17.15625f, 16.375f], y[0, 0, 0], 1e-5f);
    }

    [Fact]
    public void UnbatchedInputGivesAnUnbatchedOutput()
    {
        var x = Ramp(50, 10, 2, 2, 5, 5);
        var y = F.Conv2d(x, Ramp(54, 27, 1, 3, 2, 3, 3), Torch.Tensor(new[] { 0.1f, -0.2f, 0.3f }), stride: 2, padding: 1);
        Assert.Equal(new Size(3, 3, 3), y.Shape);
        AssertClose([4.085186f, 5.062963f, 2.662963f], y[0, 0], 2e-5f);
    }

    [Fact]
    public void LeNetShapesOfSeed002()
    {
        var conv1 = new Conv2d(1, 6, 3);
        var conv2 = new Conv2d(6, 16, 3);
        var pool = new MaxPool2d(2);
        var x = Torch.Randn(1, 1, 32, 32);
        var c1 = conv1.Forward(x);
        Assert.Equal(new Size(1, 6, 30, 30), c1.Shape);
        var p1 = pool.Forward(c1);
        Assert.Equal(new Size(1, 6, 15, 15), p1.Shape);
        var c2 = conv2.Forward(p1);
        Assert.Equal(new Size(1, 16, 13, 13), c2.Shape);
        var p2 = pool.Forward(c2);
        Assert.Equal(new Size(1, 16, 6, 6), p2.Shape);
        Assert.Equal(576, p2.Numel);
    }

    [Fact]
    public void InitialisationMatchesPyTorchForTheSameSeed()
    {
        // torch.manual_seed(0); nn.Conv2d(2, 3, 2) and then nn.Conv2d(4, 2, (1, 2), groups=2, bias=False) after re-seeding.
        Torch.ManualSeed(0);
        var c = new Conv2d(2, 3, 2);
        AssertClose([-0.002647f, 0.189661f, -0.29099f, -0.260194f, -0.136173f, 0.094808f, -0.007005f, 0.280329f,
            -0.031376f, 0.093555f, -0.106848f, -0.069496f, -0.337767f, -0.234152f, -0.145743f, 0.013097f,
            0.139772f, 0.21214f, -0.239688f, -0.153959f, 0.128417f, 0.293586f, -0.072761f, 0.264568f], c.Weight, 1e-6f);
        AssertClose([-0.056987f, 0.037411f, 0.320134f], c.Bias!, 1e-6f);
        Torch.ManualSeed(0);
        var grouped = new Conv2d(4, 2, (1, 2), groups: 2, bias: false);
        Assert.Equal(new Size(2, 2, 1, 2), grouped.Weight.Shape);
        AssertClose([-0.003743f, 0.268222f, -0.411523f, -0.36797f, -0.192577f, 0.134079f, -0.009907f, 0.396445f], grouped.Weight, 1e-6f);
    }

    [Fact]
    public void PrintsLikePyTorch()
    {
        Assert.Equal("Conv2d(1, 6, kernel_size=(3, 3), stride=(1, 1))", new Conv2d(1, 6, 3).ToString());
        Assert.Equal("Conv2d(1, 6, kernel_size=(3, 5), stride=(2, 2), padding=(1, 1), dilation=(2, 2), bias=False)",
            new Conv2d(1, 6, (3, 5), stride: 2, padding: 1, dilation: 2, bias: false).ToString());
        Assert.Equal("Conv2d(4, 6, kernel_size=(3, 3), stride=(1, 1), padding=(1, 2), groups=2)",
            new Conv2d(4, 6, 3, groups: 2, padding: (1, 2)).ToString());
    }

    [Fact]
    public void RecordsOneNodeWithEdgesForInputWeightAndBias()
    {
        var x = Torch.Randn([1, 2, 4, 4], requiresGrad: true);
        var withBias = new Conv2d(2, 3, 3).Forward(x);
        Assert.Equal("ConvolutionBackward0", withBias.GradFn!.Name);
        Assert.All(withBias.GradFn.NextFunctions, e => Assert.Equal("AccumulateGrad", e.Node!.Name));
        var noBias = new Conv2d(2, 3, 3, bias: false).Forward(x);
        Assert.Equal(3, noBias.GradFn!.NextFunctions.Count);
        Assert.Null(noBias.GradFn.NextFunctions[2].Node);
        using (Torch.NoGrad()) Assert.Null(new Conv2d(2, 3, 3).Forward(x).GradFn);
    }

    [Fact]
    public void BatchSplitAcrossThreadsSumsTheWeightGradientOverImages()
    {
        // Eight copies of one image: outputs and input gradients repeat per image, and the weight and bias gradients are
        // eight times those of the single image (the batch is large enough to be split over worker threads).
        var one = Torch.Randn(1, 3, 20, 20);
        var batch = Torch.Cat([one, one, one, one, one, one, one, one], dim: 0).RequiresGrad_();
        var single = one.Clone().RequiresGrad_();
        var conv = new Conv2d(3, 8, 3, padding: 1);
        var yb = conv.Forward(batch);
        yb.Backward(Torch.Ones(yb.ShapeArray));
        var (gw, gb) = (conv.Weight.Grad!.Clone(), conv.Bias!.Grad!.Clone());
        conv.ZeroGrad();
        var ys = conv.Forward(single);
        ys.Backward(Torch.Ones(ys.ShapeArray));
        for (int i = 0; i < 8; i++)
        {
            AssertClose(ys.ToArray<float>(), yb[i], 1e-5f);
            AssertClose(single.Grad!.ToArray<float>(), batch.Grad![i], 1e-5f);
        }
        AssertClose(conv.Weight.Grad!.ToArray<float>().Select(v => 8 * v).ToArray(), gw, 1e-3f);
        AssertClose(conv.Bias.Grad!.ToArray<float>().Select(v => 8 * v).ToArray(), gb, 1e-3f);
    }

    [Fact]
    public void MisuseRaisesPyTorchsMessages()
    {
        var conv = new Conv2d(1, 6, 3);
        Assert.Equal("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [2, 3]",
            Assert.Throws<ArgumentException>(() => conv.Forward(Torch.Randn(2, 3))).Message);
        Assert.Equal("Given groups=1, weight of size [6, 1, 3, 3], expected input[1, 3, 32, 32] to have 1 channels, but got 3 channels instead",
            Assert.Throws<ArgumentException>(() => conv.Forward(Torch.Randn(1, 3, 32, 32))).Message);
        Assert.Equal("Given groups=1, weight of size [6, 1, 3, 3], expected input[1, 3, 32, 32] to have 1 channels, but got 3 channels instead",
            Assert.Throws<ArgumentException>(() => conv.Forward(Torch.Randn(3, 32, 32))).Message);
        Assert.Equal("Calculated padded input size per channel: (2 x 5). Kernel size: (3 x 3). Kernel size can't be greater than actual input size",
            Assert.Throws<ArgumentException>(() => conv.Forward(Torch.Randn(1, 1, 2, 5))).Message);
        Assert.Equal("Given groups=3, weight of size [6, 2, 3, 3], expected input[1, 4, 5, 5] to have 6 channels, but got 4 channels instead",
            Assert.Throws<ArgumentException>(() => F.Conv2d(Torch.Randn(1, 4, 5, 5), Torch.Randn(6, 2, 3, 3), groups: 3)).Message);
        Assert.Equal("Given groups=4, expected weight to be divisible by 4 at dimension 0, but got weight of size [6, 2, 3, 3] instead",
            Assert.Throws<ArgumentException>(() => F.Conv2d(Torch.Randn(1, 4, 5, 5), Torch.Randn(6, 2, 3, 3), groups: 4)).Message);
        Assert.Equal("Given weight of size [6, 4, 3, 3], expected bias to be 1-dimensional with 6 elements, but got bias of size [5] instead",
            Assert.Throws<ArgumentException>(() => F.Conv2d(Torch.Randn(1, 4, 5, 5), Torch.Randn(6, 4, 3, 3), Torch.Randn(5))).Message);
        Assert.StartsWith("non-positive stride is not supported",
            Assert.Throws<ArgumentException>(() => F.Conv2d(Torch.Randn(1, 4, 5, 5), Torch.Randn(6, 4, 3, 3), stride: 0)).Message);
        Assert.StartsWith("negative padding is not supported",
            Assert.Throws<ArgumentException>(() => F.Conv2d(Torch.Randn(1, 4, 5, 5), Torch.Randn(6, 4, 3, 3), padding: (0, -1))).Message);
        Assert.Equal("dilation should be greater than zero, but got [0, 0]",
            Assert.Throws<ArgumentException>(() => F.Conv2d(Torch.Randn(1, 4, 5, 5), Torch.Randn(6, 4, 3, 3), dilation: 0)).Message);
        Assert.Contains("input float64, weight float32",
            Assert.Throws<ArgumentException>(() => F.Conv2d(Torch.Randn([1, 4, 5, 5], DType.Float64), Torch.Randn(6, 4, 3, 3))).Message);
        Assert.Throws<ArgumentException>(() => new Conv2d(4, 6, 3, groups: 3));
        Assert.Throws<ArgumentException>(() => new Conv2d(4, 6, 3, groups: 4));
    }

    [Fact]
    public void EmptyBatchGivesAnEmptyOutput()
    {
        var y = F.Conv2d(Torch.Randn(0, 4, 5, 5), Torch.Randn(6, 4, 3, 3));
        Assert.Equal(new Size(0, 6, 3, 3), y.Shape);
    }

    internal static void AssertClose(float[] expected, Tensor actual, float tolerance)
    {
        var values = actual.Contiguous().ToArray<float>();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(expected[i] - values[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {values[i]}");
    }
}
