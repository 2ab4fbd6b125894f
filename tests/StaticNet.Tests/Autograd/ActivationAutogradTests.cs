namespace StaticNet.Tests.Autograd;

public class ActivationAutogradTests
{
    [Fact]
    public void EachActivationRecordsPyTorchsNodeWithOneEdgeToTheInput()
    {
        var x = Torch.Tensor(new[] { -1.0, 0.5, 2.0 }, requiresGrad: true);
        foreach (var (y, name) in new[]
                 {
                     (F.LeakyRelu(x), "LeakyReluBackward0"), (F.Gelu(x), "GeluBackward0"),
                     (F.Softmax(x, 0), "SoftmaxBackward0"), (F.LogSoftmax(x, 0), "LogSoftmaxBackward0"),
                 })
        {
            Assert.Equal(name, y.GradFn!.Name);
            Assert.Single(y.GradFn.NextFunctions);
            Assert.Same(x, Assert.IsType<StaticNet.Autograd.AccumulateGrad>(y.GradFn.NextFunctions[0].Node).Variable);
        }
    }

    [Fact]
    public void SoftmaxGradientMatchesTheHandDerivedJacobian()
    {
        // y = softmax(x), g = e0: dx = y·(e0 − y0) = [y0(1 − y0), −y1·y0, −y2·y0] (PyTorch: same numbers).
        var x = Torch.Tensor(new[] { 1.0, 2.0, 3.0 }, dtype: DType.Float64, requiresGrad: true);
        F.Softmax(x, 0).Backward(Torch.Tensor(new[] { 1.0, 0.0, 0.0 }, dtype: DType.Float64));
        NN.Close.Equal([0.08192506906499322, -0.02203304452017429, -0.059892024544818914], x.Grad!, 1e-16);
        // log_softmax: dx = e0 − softmax(x)·Σg = [1 − p0, −p1, −p2].
        x.Grad = null;
        F.LogSoftmax(x, 0).Backward(Torch.Tensor(new[] { 1.0, 0.0, 0.0 }, dtype: DType.Float64));
        NN.Close.Equal([0.9099694268296196, -0.24472847105479764, -0.6652409557748218], x.Grad!, 1e-15);
    }

    [Fact]
    public void GeluGradientMatchesPyTorch()
    {
        double[] points = [-3, -1, -0.5, 0, 0.5, 1, 2];
        var x = Torch.Tensor(points, dtype: DType.Float64, requiresGrad: true);
        F.Gelu(x).Sum().Backward();
        NN.Close.Equal([-0.01194564720418392, -0.08331547058768635, 0.13250487534383712, 0.5, 0.8674951246561629, 1.0833154705876864, 1.085231801078197], x.Grad!, 1e-15);
        var t = Torch.Tensor(points, dtype: DType.Float64, requiresGrad: true);
        F.Gelu(t, "tanh").Sum().Backward();
        NN.Close.Equal([-0.011584166630969648, -0.08296408384578252, 0.13263009646535764, 0.5, 0.8673699035346424, 1.0829640838457826, 1.0860992566236183], t.Grad!, 1e-15);
    }

    [Fact]
    public void LeakyReluGradientIsOneOrTheSlope()
    {
        var x = Torch.Tensor(new[] { -2.0, 0.0, 3.0 }, requiresGrad: true);
        F.LeakyRelu(x, 0.1).Sum().Backward();
        Assert.Equal(new[] { 0.1f, 0.1f, 1f }, x.Grad!.ToArray<float>()); // 0 counts as not positive, as in PyTorch
    }

    [Fact]
    public void InplaceLeakyReluRebasesHistoryAndReadsTheSignFromItsOutput()
    {
        var x = Torch.Tensor(new[] { -2.0, 3.0 }, requiresGrad: true);
        var y = x * 1.0;
        var r = F.LeakyRelu(y, 0.5, inplace: true);
        Assert.Same(y, r);
        Assert.Equal("LeakyReluBackward1", y.GradFn!.Name);
        Assert.Equal("MulBackward0", y.GradFn.NextFunctions[0].Node!.Name);
        y.Sum().Backward();
        Assert.Equal(new[] { 0.5f, 1f }, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void InplaceLeakyReluWithANegativeSlopeFailsInBackwardAsPyTorch()
    {
        var x = Torch.Tensor(new[] { -2.0, 3.0 }, requiresGrad: true);
        var y = F.LeakyRelu(x * 1.0, -0.1, inplace: true);
        var e = Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
        Assert.Contains("In-place leakyReLu backward calculation is triggered with a negative slope", e.Message);
    }

    [Fact]
    public void InplaceLeakyReluOnALeafThatRequiresGradIsAnError()
    {
        var x = Torch.Tensor(new[] { -2.0, 3.0 }, requiresGrad: true);
        Assert.Contains("leaf Variable", Assert.Throws<InvalidOperationException>(() => F.LeakyRelu(x, inplace: true)).Message);
    }

    [Fact]
    public void ModifyingASoftmaxOutputInPlaceBreaksItsBackward()
    {
        var x = Torch.Tensor(new[] { 1.0, 2.0 }, requiresGrad: true);
        var y = F.Softmax(x, 0);
        y.Mul_(Torch.Tensor(2.0));
        var e = Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
        Assert.Contains("modified by an inplace operation", e.Message);
        Assert.Contains("SoftmaxBackward0", e.Message);
    }

    [Fact]
    public void NoGradRecordsNothing()
    {
        var x = Torch.Tensor(new[] { 1.0, 2.0 }, requiresGrad: true);
        using (Torch.NoGrad())
        {
            Assert.Null(F.Softmax(x, 0).GradFn);
            Assert.Null(F.Gelu(x).GradFn);
            Assert.Null(F.Embedding(Torch.Tensor(new long[] { 0 }), x.View(2, 1)).GradFn);
        }
    }
}
