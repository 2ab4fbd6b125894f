namespace StaticNet.Tests.Tensors;

// Large inputs, to exercise the parallel, block-splitting and row-accumulating paths of the reduction loops. The
// expected values are computed here in double precision by plain loops over the same data.
public class ReductionPathTests
{
    [Fact]
    public void LargeFloatSumIsAccurate()
    {
        // A million 0.1f: summed one by one in float32 this drifts by about 1%; PyTorch gives 100000 to ~1e-6.
        const int n = 1_000_000;
        var x = Torch.Full([n], 0.1);
        double expected = n * (double)0.1f;
        Assert.Equal(1.0, x.Sum().Item<float>() / expected, 5);
        Assert.Equal(1.0, x.Mean().Item<float>() / (double)0.1f, 5);
    }

    [Fact]
    public void LargeColumnSumsMatchADoubleReference()
    {
        // [250000, 4] of 0.1f over dim 0: the row-accumulate path; float32 one-by-one would be off by ~2e-3.
        const int rows = 250_000, cols = 4;
        var data = new float[rows * cols];
        for (int i = 0; i < data.Length; i++) data[i] = 0.1f * (1 + i % cols);
        var x = Torch.FromArray(data).View(rows, cols);
        var sums = x.Sum(0).ToArray<float>();
        for (int c = 0; c < cols; c++)
        {
            double expected = 0;
            for (int r = 0; r < rows; r++) expected += data[r * cols + c];
            Assert.True(Math.Abs(sums[c] / expected - 1) < 1e-5, $"column {c}: {sums[c]} vs {expected}");
        }
    }

    [Fact]
    public void LargeRowAndColumnReductionsMatchReferenceLoops()
    {
        const int rows = 400, cols = 300; // 120000 elements: above the parallel threshold
        var data = new double[rows, cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) data[r, c] = ((r * 7919 + c * 104729) % 1009) - 504.5;
        var x = Torch.FromArray(data);
        var rowSums = x.Sum(1).ToArray<double>();
        var colSums = x.Sum(0).ToArray<double>();
        var (colMax, colArg) = x.Max(0);
        var rowArgmin = x.T.Argmin(0).ToArray<long>(); // argmin of each row, through a transposed view
        var colMaxValues = colMax.ToArray<double>();
        var colArgs = colArg.ToArray<long>();
        for (int r = 0; r < rows; r++)
        {
            double s = 0; int best = 0;
            for (int c = 0; c < cols; c++)
            {
                s += data[r, c];
                if (data[r, c] < data[r, best]) best = c;
            }
            Assert.Equal(s, rowSums[r], 6);
            Assert.Equal(best, rowArgmin[r]);
        }
        for (int c = 0; c < cols; c++)
        {
            double s = 0; int best = 0;
            for (int r = 0; r < rows; r++)
            {
                s += data[r, c];
                if (data[r, c] > data[best, c]) best = r;
            }
            Assert.Equal(s, colSums[c], 6);
            Assert.Equal(data[best, c], colMaxValues[c]);
            Assert.Equal(best, colArgs[c]);
        }
        double total = 0;
        foreach (var v in data) total += v;
        Assert.Equal(total, x.Sum().Item<double>(), 6);
        Assert.Equal(total, x.T.Sum().Item<double>(), 6);
    }

    [Fact]
    public void LargeMiddleDimReductionsOfPermutedAndSteppedViews()
    {
        // [8, 200, 100] permuted to [100, 8, 200]: reducing dim 2 (the original middle dim) leaves a kept dim of
        // stride 1, so whole rows are folded.
        var x = Torch.Arange(160_000).View(8, 200, 100).Permute(2, 0, 1);
        var sums = x.Sum(2).ToArray<long>(); // [100, 8]
        for (int k = 0; k < 100; k++)
            for (int a = 0; a < 8; a++)
            {
                long expected = 0;
                for (int b = 0; b < 200; b++) expected += a * 20_000 + b * 100 + k;
                Assert.Equal(expected, sums[k * 8 + a]);
            }
        // Every other element of the last dim: no dim has stride 1, so the input is packed first.
        var stepped = Torch.Arange(160_000).View(8, 200, 100).Slice(2, step: 2); // [8, 200, 50], strides [20000, 100, 2]
        var steppedSums = stepped.Sum(1).ToArray<long>(); // [8, 50]
        for (int a = 0; a < 8; a++)
            for (int c = 0; c < 50; c++)
            {
                long expected = 0;
                for (int b = 0; b < 200; b++) expected += a * 20_000 + b * 100 + 2 * c;
                Assert.Equal(expected, steppedSums[a * 50 + c]);
            }
        var prod = Torch.Ones(3, 50_000).Permute(1, 0).Prod(1);
        Assert.All(prod.ToArray<float>(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void NarrowColumnSumsOfPackedRowsIncludeTheLeftoverRows()
    {
        // [100003, 3] Int64 over dim 0: rows are folded 85 at a time (255 wide); 100003 = 85 * 1176 + 43 rows left.
        const int rows = 100_003;
        var x = Torch.Arange(rows * 3L).View(rows, 3);
        var sums = x.Sum(0).ToArray<long>();
        for (int c = 0; c < 3; c++)
        {
            long expected = 0;
            for (long r = 0; r < rows; r++) expected += r * 3 + c;
            Assert.Equal(expected, sums[c]);
        }
        Assert.Equal(new long[] { 1 + 4 + 7, 2 + 5 + 8, 3 + 6 + 9 }, Torch.Arange(1, 10).View(3, 3).Sum(0).ToArray<long>());
    }
}
