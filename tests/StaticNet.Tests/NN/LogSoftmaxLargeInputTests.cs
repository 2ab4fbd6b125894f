namespace StaticNet.Tests.NN;

/// <summary>
/// The log-softmax kernel behind cross-entropy on shapes large enough to take the parallel paths, against
/// x − max − log Σ exp(x − max) composed from the tensor core's ops.
/// </summary>
public class LogSoftmaxLargeInputTests
{
    [Theory]
    [InlineData(new long[] { 64, 1000 }, 1)]       // contiguous rows
    [InlineData(new long[] { 8, 10, 2000 }, 1)]    // class dimension strided by 2000, blocks of columns
    [InlineData(new long[] { 3, 7, 300 }, 2)]      // last dimension of a 3-D tensor
    [InlineData(new long[] { 5, 1, 3 }, 1)]        // one class: all zeros
    public void MatchesTheComposedFormula(long[] shape, int dim)
    {
        var x = Torch.Randn(shape, DType.Float64, generator: new Generator(7)) * 10.0;
        var max = x.Max(dim, keepDim: true).Values;
        var expected = x - max - (x - max).Exp().Sum(dim, keepDim: true).Log();
        var actual = F.LogSoftmax(x, dim);
        var a = actual.ToArray<double>();
        var e = expected.ToArray<double>();
        for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - e[i]) <= 1e-9 * (1 + Math.Abs(e[i])), $"element {i}: {a[i]} vs {e[i]}");
    }

    [Fact]
    public void NonContiguousInputGivesTheSameResultAsItsContiguousCopy()
    {
        var x = Torch.Randn([6, 5], DType.Float64, generator: new Generator(3)).T;
        Assert.Equal(F.LogSoftmax(x.Contiguous(), 1).ToArray<double>(), F.LogSoftmax(x, 1).ToArray<double>());
    }
}
