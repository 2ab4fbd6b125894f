using StaticNet.NN;

namespace StaticNet.Tests.NN;

public class FlattenTests
{
    [Fact]
    public void PrintsLikePyTorch()
    {
        Assert.Equal("Flatten(start_dim=1, end_dim=-1)", new Flatten().ToString());
        Assert.Equal("Unflatten(dim=1, unflattened_size=(2, 3))", new Unflatten(1, [2, 3]).ToString());
    }

    [Fact]
    public void FlattenKeepsTheBatchDimensionAndSharesMemory()
    {
        var x = Torch.Arange(24).To(DType.Float32).View(2, 3, 4);
        var y = new Flatten().Forward(x);
        Assert.Equal(new Size(2, 12), y.Shape);
        Close.Equal([.. Enumerable.Range(0, 24).Select(i => (double)i)], y, 0);
        x[0, 0, 0] = 100;
        Assert.Equal(100f, y[0, 0].Item<float>());
        Assert.Equal(new Size(6, 4), new Flatten(0, 1).Forward(x).Shape);
    }

    [Fact]
    public void UnflattenSplitsOneDimension()
    {
        var x = Torch.Arange(12).View(2, 6);
        var y = new Unflatten(1, [2, 3]).Forward(x);
        Assert.Equal(new Size(2, 2, 3), y.Shape);
        Assert.Equal(4L, y[0, 1, 1].Item<long>());
        Assert.Equal(new Size(2, 3, 2), new Unflatten(-1, [-1, 2]).Forward(x).Shape);
    }
}
