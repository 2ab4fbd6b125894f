using StaticNet.NN;

namespace StaticNet.Tests.Tensors;

/// <summary>
/// Out-of-range indices throw ArgumentOutOfRangeException with PyTorch's IndexError text, never the runtime's
/// reserved IndexOutOfRangeException or OutOfMemoryException (CA2201 keeps new throw sites from coming back).
/// </summary>
public class IndexErrorTypeTests
{
    [Fact]
    public void IndexingPastTheEndNamesIndexDimensionAndSize()
    {
        var x = Torch.Arange(3);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => x[3]);
        Assert.Equal("index 3 is out of bounds for dimension 0 with size 3", e.Message);
        Assert.Equal("index 3 is out of bounds for dimension 0 with size 3",
            Assert.Throws<ArgumentOutOfRangeException>(() => x.Select(0, 3)).Message);
    }

    [Fact]
    public void EveryFormerIndexOutOfRangeSiteThrowsArgumentOutOfRange()
    {
        var x = Torch.Arange(6).View(2, 3);
        Assert.Contains("Dimension out of range (expected to be in range of [-2, 1], but got 2)",
            Assert.Throws<ArgumentOutOfRangeException>(() => x.Sum(2)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.IndexSelect(1, Torch.Tensor(new long[] { 3 })));
        Assert.Throws<ArgumentOutOfRangeException>(() => x[Torch.Tensor(new long[] { 2 })]);
        Assert.Contains("Target 5 is out of bounds.",
            Assert.Throws<ArgumentOutOfRangeException>(() => F.CrossEntropy(Torch.Zeros(1, 3), Torch.Tensor(new long[] { 5 }))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(3, 2).Forward(Torch.Tensor(new long[] { 3 })));
    }

    [Fact]
    public void ATensorLargerThanAnArrayIsAnArgumentErrorNotOutOfMemory()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Zeros(1L << 20, 1L << 20));
        Assert.Contains("larger than the largest .NET array", e.Message);
    }
}
