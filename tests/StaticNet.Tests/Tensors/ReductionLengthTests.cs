namespace StaticNet.Tests.Tensors;

// Every length from 0 to 256 covers every vector width and tail of the TensorPrimitives calls the loops make; the
// expected values come from plain loops over the same integer-valued data (exact in float64).
public class ReductionLengthTests
{
    public static IEnumerable<object[]> Lengths => Enumerable.Range(0, 257).Select(n => new object[] { n });

    private static double[] Data(int n) => Enumerable.Range(0, n).Select(i => (double)((i * 37 + 11) % 53 - 26)).ToArray();

    [Theory]
    [MemberData(nameof(Lengths))]
    public void VectorReductionsMatchScalarLoops(int n)
    {
        var data = Data(n);
        var x = Torch.FromArray(data);
        Assert.Equal(data.Sum(), x.Sum().Item<double>());
        // Factors that are powers of two (and signs) keep every partial product exact, in any order.
        var factors = data.Select(v => new[] { 1.0, 2.0, 0.5, -1.0, -2.0 }[(int)Math.Abs(v) % 5]).ToArray();
        Assert.Equal(factors.Aggregate(1.0, (p, v) => p * v), Torch.FromArray(factors).Prod().Item<double>());
        if (n == 0) return;
        int argmax = 0, argmin = 0;
        for (int i = 1; i < n; i++)
        {
            if (data[i] > data[argmax]) argmax = i;
            if (data[i] < data[argmin]) argmin = i;
        }
        Assert.Equal(data[argmax], x.Max().Item<double>());
        Assert.Equal(data[argmin], x.Min().Item<double>());
        Assert.Equal(argmax, x.Argmax().Item<long>());
        Assert.Equal(argmin, x.Argmin().Item<long>());
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ColumnReductionsMatchScalarLoops(int n)
    {
        const int rows = 5;
        var data = Data(rows * n);
        var x = Torch.FromArray(data).View(rows, n);
        var sums = x.Sum(0).ToArray<double>();
        var (max, at) = x.Max(0);
        var maxValues = max.ToArray<double>();
        var maxAt = at.ToArray<long>();
        for (int c = 0; c < n; c++)
        {
            double s = 0; int best = 0;
            for (int r = 0; r < rows; r++)
            {
                s += data[r * n + c];
                if (data[r * n + c] > data[best * n + c]) best = r;
            }
            Assert.Equal(s, sums[c]);
            Assert.Equal(data[best * n + c], maxValues[c]);
            Assert.Equal(best, maxAt[c]);
        }
    }
}
