namespace StaticNet.Tests.Tensors;

public class ViewTests
{
    [Fact]
    public void ViewSharesStorageAndWritesReachTheBase()
    {
        var x = Torch.Arange(6);
        var v = x.View(2, 3);
        Assert.Same(x.Storage, v.Storage);
        v.Select(1, 2).Fill_(100L);
        Assert.Equal(new long[] { 0, 1, 100, 3, 4, 100 }, x.ToArray<long>());
    }

    [Fact]
    public void ViewInfersMinusOneAsSeed000Shows()
    {
        var x = Torch.Tensor(new long[] { 1, 2, 3, 4, 5, 6 });
        Assert.Equal(new Size(2, 3), x.View(2, 3).Shape);
        Assert.Equal(new Size(3, 2), x.View(3, 2).Shape);
        Assert.Equal(new Size(2, 3), x.View(-1, 3).Shape);
        var r = Torch.Randn(4, 4);
        Assert.Equal("[16]", r.View(16).Shape.ToString());
        Assert.Equal("[2, 8]", r.View(-1, 8).Shape.ToString());
    }

    [Fact]
    public void ViewOfWrongElementCountNamesShapeAndSize()
    {
        var e = Assert.Throws<ArgumentException>(() => Torch.Arange(24).View(5, 5));
        Assert.Contains("shape '[5, 5]' is invalid for input of size 24", e.Message);
    }

    [Fact]
    public void ViewOnNonContiguousTensorThrowsPyTorchsErrorWithShapeAndStrides()
    {
        var t = Torch.Arange(6).View(2, 3).T;
        Assert.False(t.IsContiguous);
        var e = Assert.Throws<InvalidOperationException>(() => t.View(6));
        Assert.Contains("view size is not compatible with input tensor's size and stride", e.Message);
        Assert.Contains("Use .Reshape(...) instead", e.Message);
        Assert.Contains("[3, 2]", e.Message);
        Assert.Contains("strides [1, 3]", e.Message);
    }

    [Fact]
    public void ViewWorksOnNonContiguousTensorWhenDimsGroup()
    {
        // Splitting a dimension of a transposed tensor needs no copy.
        var t = Torch.Arange(24).View(4, 6).T; // [6, 4], strides [1, 6]
        var v = t.View(2, 3, 4);
        Assert.Same(t.Storage, v.Storage);
        Assert.Equal(new long[] { 1, 6 }, t.Stride());
        Assert.Equal(t.Contiguous().ToArray<long>(), v.Contiguous().ToArray<long>());
    }

    [Fact]
    public void ReshapeCopiesOnlyWhenItMust()
    {
        var x = Torch.Arange(6).View(2, 3);
        Assert.Same(x.Storage, x.Reshape(3, 2).Storage);
        var t = x.T;
        var r = t.Reshape(6);
        Assert.NotSame(x.Storage, r.Storage);
        Assert.Equal(new long[] { 0, 3, 1, 4, 2, 5 }, r.ToArray<long>());
    }

    [Fact]
    public void TransposeMatchesSeed000()
    {
        var x = Torch.Tensor(new long[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var t = x.Transpose(0, 1);
        Assert.Equal(new Size(3, 2), t.Shape);
        Assert.Equal(new long[] { 1, 4, 2, 5, 3, 6 }, t.ToArray<long>());
        Assert.Same(x.Storage, t.Storage);
    }

    [Fact]
    public void PermuteMatchesSeed000AndItsInverseRestores()
    {
        var x = Torch.Tensor(new long[,,] { { { 1, 2, 3 }, { 4, 5, 6 } } });
        var p = x.Permute(2, 0, 1);
        Assert.Equal(new Size(3, 1, 2), p.Shape);
        Assert.Equal(new long[] { 1, 4, 2, 5, 3, 6 }, p.ToArray<long>());
        Assert.Equal(x.ToArray<long>(), p.Permute(1, 2, 0).ToArray<long>());
    }

    [Fact]
    public void PermuteInverseIsIdentityForManyOrders()
    {
        var x = Torch.Arange(2 * 3 * 4 * 5).View(2, 3, 4, 5);
        var orders = new[] { new[] { 0, 1, 2, 3 }, new[] { 3, 2, 1, 0 }, new[] { 1, 3, 0, 2 }, new[] { 2, 0, 3, 1 } };
        foreach (var order in orders)
        {
            var inverse = new int[4];
            for (int i = 0; i < 4; i++) inverse[order[i]] = i;
            var p = x.Permute(order);
            for (int i = 0; i < 4; i++) Assert.Equal(x.Size(order[i]), p.Size(i));
            Assert.Equal(x.ToArray<long>(), p.Permute(inverse).ToArray<long>());
        }
    }

    [Fact]
    public void ReshapeRoundTripsPreserveOrder()
    {
        var x = Torch.Arange(60);
        long[][] shapes = [[60], [3, 20], [5, 3, 4], [2, 2, 15], [1, 60, 1], [6, -1], [-1]];
        foreach (var s in shapes)
            Assert.Equal(x.ToArray<long>(), x.Reshape(s).Reshape(60).ToArray<long>());
        // Through a permuted (non-contiguous) tensor too.
        var p = x.View(3, 4, 5).Permute(2, 0, 1);
        Assert.Equal(p.Contiguous().ToArray<long>(), p.Reshape(5, 12).Reshape(5, 3, 4).ToArray<long>());
    }

    [Fact]
    public void TOfAMatrixIsItsTranspose()
    {
        var x = Torch.Arange(6).View(2, 3);
        Assert.Equal(x.Transpose(0, 1).ToArray<long>(), x.T.ToArray<long>());
    }

    [Fact]
    public void SqueezeAndUnsqueezeMatchSeed000()
    {
        var a = Torch.Tensor(new long[] { 1, 2, 3, 4 });
        var b = a.Unsqueeze(0);
        Assert.Equal(new Size(1, 4), b.Shape);
        Assert.Equal(new Size(4), b.Squeeze().Shape);
        Assert.Equal(new Size(4, 1), a.Unsqueeze(-1).Shape);
        var x = Torch.Randn(10, 1, 10);
        Assert.Equal(new Size(10, 10), x.Squeeze(1).Shape);
        Assert.Equal(new Size(10, 1, 10), x.Squeeze(0).Shape);
        Assert.Equal(new Size(2, 3), Torch.Zeros(1, 2, 1, 3, 1).Squeeze().Shape);
    }

    [Fact]
    public void FlattenMergesTheGivenRange()
    {
        var x = Torch.Arange(24).View(2, 3, 4);
        Assert.Equal(new Size(24), x.Flatten().Shape);
        Assert.Equal(new Size(2, 12), x.Flatten(1).Shape);
        Assert.Equal(new Size(6, 4), x.Flatten(0, 1).Shape);
        Assert.Same(x.Storage, x.Flatten(1).Storage);
        Assert.Equal(new Size(2, 3, 4), x.Flatten(1).Unflatten(1, 3, 4).Shape);
    }

    [Fact]
    public void ExpandRepeatsWithoutCopyingAndRefusesWrites()
    {
        var x = Torch.Tensor(new long[] { 1, 2, 3 });
        var e = x.Expand(2, 3);
        Assert.Same(x.Storage, e.Storage);
        Assert.Equal(new long[] { 0, 1 }, e.Stride());
        Assert.Equal(new long[] { 1, 2, 3, 1, 2, 3 }, e.ToArray<long>());
        Assert.Equal(new Size(2, 3), x.Expand(2, -1).Shape);
        var err = Assert.Throws<InvalidOperationException>(() => e.Fill_(0L));
        Assert.Contains("more than one element of the written-to tensor refers to a single memory location", err.Message);
        var bad = Assert.Throws<ArgumentException>(() => x.Expand(2, 4));
        Assert.Contains("must match the existing size (3)", bad.Message);
    }

    [Fact]
    public void ContiguousCopiesOnlyNonContiguousTensors()
    {
        var x = Torch.Arange(6).View(2, 3);
        Assert.True(x.IsContiguous);
        Assert.Same(x, x.Contiguous());
        var t = x.T;
        Assert.False(t.IsContiguous);
        var c = t.Contiguous();
        Assert.True(c.IsContiguous);
        Assert.Equal(new long[] { 0, 3, 1, 4, 2, 5 }, c.ToArray<long>());
    }

    [Fact]
    public void NarrowSelectAndSliceAreViews()
    {
        var x = Torch.Arange(12).View(3, 4);
        Assert.Equal(new long[] { 4, 5, 6, 7 }, x.Select(0, 1).ToArray<long>());
        Assert.Equal(new long[] { 2, 6, 10 }, x.Select(1, 2).ToArray<long>());
        Assert.Equal(new long[] { 1, 2, 5, 6, 9, 10 }, x.Narrow(1, 1, 2).ToArray<long>());
        Assert.Equal(new long[] { 0, 2, 4, 6, 8, 10 }, x.Slice(1, step: 2).ToArray<long>());
        Assert.Equal(new Size(0, 4), x.Slice(0, 5, 9).Shape);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => x.Select(0, 3));
        Assert.Contains("index 3 is out of bounds for dimension 0 with size 3", e.Message);
    }

    [Fact]
    public void DimOutOfRangeNamesTheValidRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Zeros(2, 3).Transpose(0, 2));
        Assert.Contains("expected to be in range of [-2, 1], but got 2", e.Message);
    }

    [Fact]
    public void DiagonalIsAView()
    {
        var x = Torch.Arange(9).View(3, 3);
        Assert.Equal(new long[] { 0, 4, 8 }, x.Diagonal().ToArray<long>());
        Assert.Equal(new long[] { 1, 5 }, x.Diagonal(1).ToArray<long>());
        Assert.Equal(new long[] { 3, 7 }, x.Diagonal(-1).ToArray<long>());
    }
}
