using StaticNet.NN;

namespace StaticNet.Tests.NN;

public class SoftmaxTests
{
    [Fact]
    public void PrintsLikePyTorch()
    {
        Assert.Equal("Softmax(dim=1)", new Softmax(1).ToString());
        Assert.Equal("Softmax(dim=None)", new Softmax().ToString());
        Assert.Equal("LogSoftmax(dim=-1)", new LogSoftmax(-1).ToString());
    }

    [Fact]
    public void SoftmaxOverLastDimIsStableForLargeInputs()
    {
        var x = Torch.Tensor(new[,] { { 1.0, 2.0, 3.0 }, { 1000.0, 1001.0, 1002.0 } }, dtype: DType.Float64);
        // torch.softmax / log_softmax(x, 1): both rows equal, no overflow for the second.
        double[] p = [0.09003057317038045, 0.2447284710547976, 0.6652409557748218];
        double[] lp = [-2.4076059644443806, -1.4076059644443804, -0.4076059644443804];
        Close.Equal([.. p, .. p], new Softmax(1).Forward(x), 1e-15);
        Close.Equal([.. lp, .. lp], new LogSoftmax(1).Forward(x), 1e-13);
        Close.Equal([.. p, .. p], F.Softmax(x.To(DType.Float32), -1), 1e-7);
    }

    [Fact]
    public void LogSoftmaxStaysFiniteWhereSoftmaxUnderflows()
    {
        var x = Torch.Tensor(new[,] { { 0.0, -1000.0 } }, dtype: DType.Float64);
        Close.Equal([0, -1000], F.LogSoftmax(x, 1), 0);
        Close.Equal([1, 0], F.Softmax(x, 1), 0);
    }

    [Fact]
    public void SoftmaxOverAMiddleDimension()
    {
        // x[i, :, k] = [a, a + 1] for every i, k: softmax gives [1/(1+e), e/(1+e)] along dim 1.
        var x = (Torch.Arange(12).To(DType.Float64) * 0.5 - 2).View(3, 2, 2);
        double lo = 1 / (1 + Math.E), hi = Math.E / (1 + Math.E);
        Close.Equal([lo, lo, hi, hi, lo, lo, hi, hi, lo, lo, hi, hi], F.Softmax(x, 1), 1e-15);
        Close.Equal([.. Enumerable.Repeat(new[] { Math.Log(lo), Math.Log(lo), Math.Log(hi), Math.Log(hi) }, 3).SelectMany(a => a)],
            F.LogSoftmax(x, 1), 1e-15);
    }

    [Fact]
    public void SoftmaxOverDimZeroOfATransposedInput()
    {
        // Columns of x.T are the rows of x: softmax over dim 0 of x.T is the transpose of softmax over dim 1 of x.
        var x = Torch.Tensor(new[,] { { 1.0, 2.0, 3.0 }, { 0.0, 0.0, 0.0 } }, dtype: DType.Float64);
        double[] p = [0.09003057317038045, 0.2447284710547976, 0.6652409557748218];
        Close.Equal([p[0], 1 / 3.0, p[1], 1 / 3.0, p[2], 1 / 3.0], F.Softmax(x.T, 0), 1e-15);
    }

    [Fact]
    public void WideInnerDimensionsCrossTileBoundaries()
    {
        // 600 columns (more than one 256-wide tile): softmax over dim 0 of [2, 600] with rows 0 and ln 3.
        var x = Torch.Zeros([2, 600], DType.Float64);
        x[1] = Math.Log(3);
        var y = F.Softmax(x, 0);
        Close.Equal([.. Enumerable.Repeat(0.25, 600), .. Enumerable.Repeat(0.75, 600)], y, 1e-15);
    }

    [Fact]
    public void ImplicitDimFollowsPyTorchsLegacyRuleWithAWarning()
    {
        var messages = new List<string>();
        void Listen(string m) => messages.Add(m);
        Warnings.Raised += Listen;
        try
        {
            var y = new Softmax().Forward(Torch.Zeros(2, 4));
            Close.Equal([.. Enumerable.Repeat(0.25, 8)], y, 1e-7); // dim 1 for 2-D
            Assert.Contains(messages, m => m.Contains("Implicit dimension choice for softmax has been deprecated"));
        }
        finally
        {
            Warnings.Raised -= Listen;
        }
    }

    [Fact]
    public void ZeroDimAndEmptyInputs()
    {
        Close.Equal([1], F.Softmax(Torch.Tensor(5.0), 0), 0);
        Close.Equal([0], F.LogSoftmax(Torch.Tensor(5.0), -1), 0);
        Assert.Equal(new Size(0, 3), F.Softmax(Torch.Zeros(0, 3), 1).Shape);
    }

    [Fact]
    public void ErrorsNameTheDimensionOrTheDType()
    {
        var e = Assert.ThrowsAny<Exception>(() => F.Softmax(Torch.Zeros(3), 1));
        Assert.Contains("Dimension out of range (expected to be in range of [-1, 0], but got 1)", e.Message);
        var t = Assert.Throws<ArgumentException>(() => F.Softmax(Torch.Arange(3), 0));
        Assert.Contains("'Long'", t.Message);
        Close.Equal([1 / 3.0, 1 / 3.0, 1 / 3.0], F.Softmax(Torch.Ones([3], DType.Int64), 0, dtype: DType.Float64), 1e-15);
    }
}
