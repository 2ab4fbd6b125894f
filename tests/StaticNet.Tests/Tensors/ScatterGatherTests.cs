using static StaticNet.Tests.Tensors.IndexingTests;

namespace StaticNet.Tests.Tensors;

/// <summary>Gather, scatter, index_select, masked_fill/select and nonzero, against PyTorch 1.13.</summary>
public class ScatterGatherTests
{
    private static Tensor X() => Torch.Arange(12).View(3, 4);
    private static Tensor T() => Torch.Tensor(new[,] { { 1.0, 2, 3 }, { 4, 5, 6 } });
    private static Tensor L(long[,] v) => Torch.Tensor(v);

    [Fact]
    public void GatherAlongEachDimension()
    {
        Assert.Equal(new[] { 3f, 1f, 5f, 5f }, T().Gather(1, L(new long[,] { { 2, 0 }, { 1, 1 } })).ToArray<float>());
        var g0 = T().Gather(0, L(new long[,] { { 1, 0, 1 } }));
        Assert.Equal(new long[] { 1, 3 }, g0.Shape.ToArray());
        Assert.Equal(new[] { 4f, 2f, 6f }, g0.ToArray<float>());
        Assert.Equal(new[] { 1f, 6f }, T().Gather(-1, L(new long[,] { { 0 }, { 2 } })).ToArray<float>());
        // On a transposed (strided) input: gather(t.t(), 0, [[1, 0], [2, 1]]).
        Assert.Equal(new[] { 2f, 4f, 3f, 5f }, T().T.Gather(0, L(new long[,] { { 1, 0 }, { 2, 1 } })).ToArray<float>());
    }

    [Fact]
    public void GatherWithZeroDimIndexOnVector() =>
        Assert.Equal(2L, Torch.Arange(5).Gather(0, Torch.Tensor(2L)).Item<long>());

    [Fact]
    public void GatherErrorsFollowPyTorch()
    {
        Assert.Equal("index 3 is out of bounds for dimension 1 with size 3",
            Assert.Throws<ArgumentOutOfRangeException>(() => T().Gather(1, L(new long[,] { { 0, 3 }, { 1, 0 } }))).Message);
        Assert.Equal("index -1 is out of bounds for dimension 1 with size 3",
            Assert.Throws<ArgumentOutOfRangeException>(() => T().Gather(1, L(new long[,] { { 0, -1 } }))).Message);
        Assert.StartsWith("gather(): Expected dtype int64 for index",
            Assert.Throws<ArgumentException>(() => T().Gather(1, Torch.Tensor(new[,] { { 0 } }, DType.Int32))).Message);
        Assert.StartsWith("Index tensor must have the same number of dimensions as input tensor",
            Assert.Throws<ArgumentException>(() => T().Gather(1, Torch.Tensor(new long[] { 0, 0 }))).Message);
        Assert.Equal("Size does not match at dimension 0 expected index [3, 3] to be smaller than self [2, 3] apart from dimension 1",
            Assert.Throws<ArgumentException>(() => T().Gather(1, Torch.Zeros([3, 3], DType.Int64))).Message);
    }

    [Fact]
    public void ScatterScalarMakesOneHot()
    {
        var y = Torch.Zeros([10], DType.Float32).Scatter_(0, Torch.Tensor(3L), 1.0);
        Assert.Equal(new[] { 0f, 0, 0, 1, 0, 0, 0, 0, 0, 0 }, y.ToArray<float>());
    }

    [Fact]
    public void ScatterSourceAlongEachDimension()
    {
        var src = Torch.Arange(1.0, 11.0).View(2, 5);
        var a = Torch.Zeros(3, 5).Scatter_(0, L(new long[,] { { 0, 1, 2, 0, 0 }, { 2, 0, 0, 1, 2 } }), src);
        Assert.Equal(new[] { 1f, 7, 8, 4, 5, 0, 2, 0, 9, 0, 6, 0, 3, 0, 10 }, a.ToArray<float>());
        var b = Torch.Zeros(3, 5).Scatter_(1, L(new long[,] { { 0, 1 }, { 2, 4 } }), src);
        Assert.Equal(new[] { 1f, 2, 0, 0, 0, 0, 0, 6, 0, 7, 0, 0, 0, 0, 0 }, b.ToArray<float>());
        // Into a transposed view: zeros(3, 2).t().scatter_(1, [[2], [0]], [[7.], [8.]]).
        var c = Torch.Zeros(3, 2).T.Scatter_(1, L(new long[,] { { 2 }, { 0 } }), Torch.Tensor(new[,] { { 7f }, { 8f } }));
        Assert.Equal(new[] { 0f, 0, 7, 8, 0, 0 }, c.ToArray<float>());
    }

    [Fact]
    public void ScatterValueConvertsToDType()
    {
        var x = Torch.Zeros([3, 5], DType.Int64).Scatter_(1, L(new long[,] { { 0, 1 } }), 2.7);
        Assert.Equal(new long[] { 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, x.ToArray<long>());
    }

    [Fact]
    public void OutOfPlaceScatterLeavesInputAlone()
    {
        var x = Torch.Zeros(4);
        var y = x.Scatter(0, Torch.Tensor(new long[] { 1, 3 }), 5.0);
        Assert.Equal(new[] { 0f, 5, 0, 5 }, y.ToArray<float>());
        Assert.Equal(new[] { 0f, 0, 0, 0 }, x.ToArray<float>());
    }

    [Fact]
    public void ScatterAddAccumulatesRepeats()
    {
        var z = Torch.Zeros(2, 4).ScatterAdd_(1, L(new long[,] { { 0, 1, 0 }, { 3, 3, 3 } }), Torch.Tensor(new[,] { { 1f, 2, 3 }, { 4, 5, 6 } }));
        Assert.Equal(new[] { 4f, 2, 0, 0, 0, 0, 0, 15 }, z.ToArray<float>());
    }

    [Fact]
    public void ScatterErrorsFollowPyTorch()
    {
        Assert.Equal("index 5 is out of bounds for dimension 1 with size 5",
            Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Zeros(3, 5).Scatter_(1, L(new long[,] { { 0, 5 } }), 1.0)).Message);
        Assert.Equal("index -1 is out of bounds for dimension 1 with size 5",
            Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Zeros(3, 5).Scatter_(1, L(new long[,] { { 0, -1 } }), 1.0)).Message);
        Assert.StartsWith("scatter(): Expected dtype int64 for index",
            Assert.Throws<ArgumentException>(() => Torch.Zeros(3, 5).Scatter_(1, Torch.Tensor(new[,] { { 0, 1 } }, DType.Int32), 1.0)).Message);
        Assert.Equal("Expected index [1, 2] to be smaller than self [3, 5] apart from dimension 1 and to be smaller size than src [1, 1]",
            Assert.Throws<ArgumentException>(() => Torch.Zeros(3, 5).Scatter_(1, L(new long[,] { { 0, 1 } }), Torch.Ones(1, 1))).Message);
        Assert.StartsWith("Index tensor must have the same number of dimensions as self tensor",
            Assert.Throws<ArgumentException>(() => Torch.Zeros(3, 5).Scatter_(1, Torch.Tensor(new long[] { 0, 1 }), 1.0)).Message);
        Assert.StartsWith("scatter(): Expected self.dtype to be equal to src.dtype",
            Assert.Throws<ArgumentException>(() => Torch.Zeros(3, 5).Scatter_(1, L(new long[,] { { 0, 1 } }), Torch.Ones([2, 2], DType.Float64))).Message);
    }

    [Fact]
    public void IndexSelectPicksSlicesInOrder()
    {
        AssertTensor([3, 3], [3, 0, 3, 7, 4, 7, 11, 8, 11], X().IndexSelect(1, Torch.Tensor(new long[] { 3, 0, 3 })));
        AssertTensor([1, 4], [8, 9, 10, 11], X().IndexSelect(0, Torch.Tensor(2L)));
        AssertTensor([1, 4], [4, 5, 6, 7], X().IndexSelect(0, Torch.Tensor(new[] { 1 }, DType.Int32)));
        AssertTensor([2, 3], [3, 7, 11, 1, 5, 9], X().T.IndexSelect(0, Torch.Tensor(new long[] { 3, 1 })));
    }

    [Fact]
    public void IndexSelectErrorsFollowPyTorch()
    {
        Assert.StartsWith("index out of range in self",
            Assert.Throws<ArgumentOutOfRangeException>(() => X().IndexSelect(0, Torch.Tensor(new long[] { 3 }))).Message);
        Assert.StartsWith("index out of range in self",
            Assert.Throws<ArgumentOutOfRangeException>(() => X().IndexSelect(0, Torch.Tensor(new long[] { -1 }))).Message);
        Assert.StartsWith("index_select(): Index is supposed to be a vector",
            Assert.Throws<ArgumentException>(() => X().IndexSelect(0, L(new long[,] { { 2 } }))).Message);
        Assert.StartsWith("index_select(): Expected dtype int32 or int64 for index",
            Assert.Throws<ArgumentException>(() => X().IndexSelect(0, Torch.Tensor(new[] { 1.0 }))).Message);
    }

    [Fact]
    public void MaskedFillWritesWhereTrue()
    {
        var x = X();
        AssertTensor([3, 4], [0, 1, 2, 3, 4, 5, -1, -1, -1, -1, -1, -1], x.MaskedFill(x > 5, -1));
        AssertTensor([3, 4], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], x);
        AssertTensor([3, 4], [-7, 1, 2, -7, -7, 5, 6, -7, -7, 9, 10, -7],
            x.MaskedFill(Torch.Tensor(new[] { true, false, false, true }), -7));
        // The mask may broadcast the result to a larger shape out of place ...
        var m = Torch.Tensor(new[,] { { true }, { false }, { true } }).Unsqueeze(0);
        AssertTensor([1, 3, 4], [2, 2, 2, 2, 4, 5, 6, 7, 2, 2, 2, 2], x.MaskedFill(m, 2));
        // ... but not in place.
        Assert.Contains("doesn't match the broadcast shape [1, 3, 4]", Assert.Throws<ArgumentException>(() => x.MaskedFill_(m, 2)).Message);
        var f = x.Float();
        f.MaskedFill_(x > 9, double.NaN);
        Assert.True(float.IsNaN(f[2, 3].Item<float>()) && f[2, 1].Item<float>() == 9f);
    }

    [Fact]
    public void MaskedFillRejectsBadMasksAndValues()
    {
        Assert.Contains("expected a bool tensor for mask", Assert.Throws<ArgumentException>(() => X().MaskedFill(X().Float(), 1)).Message);
        Assert.Equal("masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).",
            Assert.Throws<ArgumentException>(() => X().MaskedFill(X() > 1, Torch.Tensor(new long[] { 1, 2 }))).Message);
    }

    [Fact]
    public void MaskedSelectFlattensSelected()
    {
        var x = X();
        AssertTensor([6], [0, 2, 4, 6, 8, 10], x.MaskedSelect(Torch.Tensor(new[] { true, false, true, false })));
        AssertTensor([4], [0, 1, 2, 3], x[0].MaskedSelect(Torch.Tensor(new[,] { { true }, { false } })));
        Assert.Throws<ArgumentException>(() => x.MaskedSelect(Torch.Tensor(new[] { true, false })));
    }

    [Fact]
    public void NonzeroListsCoordinates()
    {
        var n = Torch.Tensor(new[,] { { true, false }, { true, true } }).Nonzero();
        AssertTensor([3, 2], [0, 0, 1, 0, 1, 1], n);
        AssertTensor([2, 1], [1, 2], Torch.Tensor(new[] { 0.0, 1.5, double.NaN }).Nonzero());
        Assert.Equal(new long[] { 1, 0 }, Torch.Tensor(5L).Nonzero().Shape.ToArray());
        Assert.Equal(new long[] { 0, 0 }, Torch.Tensor(0L).Nonzero().Shape.ToArray());
        Assert.Equal(new long[] { 0, 2 }, Torch.Zeros(2, 0).Nonzero().Shape.ToArray());
        Assert.Equal(DType.Int64, n.DType);
    }
}
