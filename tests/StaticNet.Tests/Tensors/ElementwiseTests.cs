namespace StaticNet.Tests.Tensors;

public class ElementwiseTests
{
    [Fact]
    public void SeedAutogradValuesComputeForward()
    {
        var x = Torch.Tensor(new[] { 2.0 });
        var y = Torch.Tensor(new[] { 3.0 });
        var z = (x + y) * (y - 2);
        Assert.Equal(5f, z.Item<float>());
        Assert.Equal(DType.Float32, z.DType);
    }

    [Fact]
    public void BroadcastAddMatchesSeed()
    {
        var x = Torch.Arange(1, 4).View(3, 1);
        var y = Torch.Arange(4, 6).View(1, 2);
        var s = x + y;
        Assert.Equal(new long[] { 3, 2 }, s.Shape.ToArray());
        Assert.Equal(new long[] { 5, 6, 6, 7, 7, 8 }, s.ToArray<long>());
    }
}
