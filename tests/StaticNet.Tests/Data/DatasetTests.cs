using StaticNet.Data;

namespace StaticNet.Tests.Data;

public class DatasetTests
{
    [Fact]
    public void TensorDatasetSamplesAreRowsOfEveryTensor()
    {
        var ds = new TensorDataset(Torch.Arange(6).View(3, 2), Torch.Tensor(new long[] { 7, 8, 9 }));
        Assert.Equal(3, ds.Count);
        Assert.Equal("tensor([2, 3])", ds[1][0].ToString());
        Assert.Equal("tensor(8)", ds[1][1].ToString());
    }

    [Fact]
    public void TensorDatasetRejectsDifferentFirstDimensions()
    {
        var e = Assert.Throws<ArgumentException>(() => new TensorDataset(Torch.Zeros(3, 2), Torch.Zeros(4)));
        Assert.Contains("Size mismatch between tensors", e.Message);
    }

    [Fact]
    public void SubsetReadsThroughItsIndices()
    {
        var subset = new Subset<long>(new RangeDataset(10), [7, 2, 5]);
        Assert.Equal(3, subset.Count);
        Assert.Equal(2, subset[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Subset<long>(new RangeDataset(3), [3]));
    }

    [Fact]
    public void ConcatDatasetChainsDatasets()
    {
        var concat = new ConcatDataset<long>(new RangeDataset(2), new RangeDataset(0), new RangeDataset(3));
        Assert.Equal(5, concat.Count);
        Assert.Equal([0L, 1, 0, 1, 2], Enumerable.Range(0, 5).Select(i => concat[i]));
        Assert.Equal([2, 2, 5], concat.CumulativeSizes);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => concat[5]);
        Assert.Contains("index 5 is out of bounds for a ConcatDataset of size 5", e.Message);
    }

    [Fact]
    public void RandomSplitByLengthsMatchesPyTorch()
    {
        // random_split(range(10), [3, 7], generator=torch.Generator().manual_seed(42))
        var parts = Dataset.RandomSplit(new RangeDataset(10), [3, 7], new Generator(42));
        Assert.Equal([2, 6, 1], parts[0].Indices);
        Assert.Equal([8, 4, 5, 0, 9, 3, 7], parts[1].Indices);
    }

    [Fact]
    public void RandomSplitByFractionsHandsOutTheRemainderRoundRobin()
    {
        // random_split(range(11), [0.3, 0.3, 0.4], generator=manual_seed(42)): lengths 3+1, 3, 4
        var parts = Dataset.RandomSplit(new RangeDataset(11), [0.3, 0.3, 0.4], new Generator(42));
        Assert.Equal([6, 8, 9, 2], parts[0].Indices);
        Assert.Equal([1, 10, 0], parts[1].Indices);
        Assert.Equal([7, 3, 5, 4], parts[2].Indices);
    }

    [Fact]
    public void RandomSplitRejectsLengthsThatDoNotAddUp()
    {
        var e = Assert.Throws<ArgumentException>(() => Dataset.RandomSplit(new RangeDataset(10), [3, 6]));
        Assert.Contains("Sum of input lengths (9) does not equal the length of the input dataset (10)", e.Message);
    }
}
