namespace StaticNet.Tests.Tensors;

/// <summary>Basic indexing (integers, ranges, slices, NewAxis, Ellipsis): views, values and errors, against PyTorch 1.13.</summary>
public class IndexingTests
{
    private static Tensor X() => Torch.Arange(12).View(3, 4);

    internal static void AssertTensor(long[] shape, long[] values, Tensor t)
    {
        Assert.Equal(shape, t.Shape.ToArray());
        Assert.Equal(values, t.ToArray<long>());
    }

    [Fact]
    public void TwoIntegersGiveZeroDimElement()
    {
        var e = X()[1, 3];
        Assert.Equal(0, e.Dim);
        Assert.Equal(7L, e.Item<long>());
    }

    [Fact]
    public void IntegerSelectsRow() => AssertTensor([4], [4, 5, 6, 7], X()[1]);

    [Fact]
    public void RangeSelectsRows() => AssertTensor([2, 4], [4, 5, 6, 7, 8, 9, 10, 11], X()[1..3]);

    [Fact]
    public void FullRangeThenIntegerSelectsColumn() => AssertTensor([3], [2, 6, 10], X()[.., 2]);

    [Fact]
    public void FullRangeThenRangeSelectsColumns() => AssertTensor([3, 2], [2, 3, 6, 7, 10, 11], X()[.., 2..4]);

    [Fact]
    public void AssigningNumberToColumnRangeWritesBase()
    {
        var x = X();
        x[.., 2..4] = 100;
        AssertTensor([3, 4], [0, 1, 100, 100, 4, 5, 100, 100, 8, 9, 100, 100], x);
    }

    [Fact]
    public void HatIndexCountsFromEnd()
    {
        AssertTensor([4], [8, 9, 10, 11], X()[^1]);
        Assert.Equal(9L, X()[^1, ^3].Item<long>());
        AssertTensor([2, 4], [4, 5, 6, 7, 8, 9, 10, 11], X()[^2..]);
        AssertTensor([2, 2], [1, 2, 5, 6], X()[..^1, 1..^1]);
        Assert.Equal(7L, X()[-2, -1].Item<long>());
    }

    [Fact]
    public void NewAxisInsertsDimensionLikeNone()
    {
        var x = Torch.Arange(100).View(10, 10);
        Assert.Equal(new long[] { 1, 10, 10 }, x[TensorIndex.NewAxis].Shape.ToArray());
        Assert.Equal(new long[] { 10, 1, 10 }, x[.., TensorIndex.NewAxis].Shape.ToArray());
        Assert.Equal(new long[] { 10, 10, 1 }, x[.., .., TensorIndex.NewAxis].Shape.ToArray());
        // x[1, None, 2] in PyTorch: [1] holding 6.
        AssertTensor([1], [6], X()[1, TensorIndex.NewAxis, 2]);
    }

    [Fact]
    public void EllipsisStandsForRemainingDimensions()
    {
        AssertTensor([3, 2], [1, 2, 5, 6, 9, 10], X()[TensorIndex.Ellipsis, 1..3]);
        AssertTensor([4], [4, 5, 6, 7], X()[1, TensorIndex.Ellipsis]);
        AssertTensor([3, 1], [2, 6, 10], X()[TensorIndex.Ellipsis, TensorIndex.NewAxis, 2]);
        Assert.Equal(new long[] { 1, 3 }, X()[TensorIndex.NewAxis, TensorIndex.Ellipsis, 0].Shape.ToArray());
        Assert.Equal(new long[] { 1, 3, 4, 1 }, X()[TensorIndex.NewAxis, TensorIndex.Ellipsis, TensorIndex.NewAxis].Shape.ToArray());
    }

    [Fact]
    public void SteppedSlicesPickEveryNth()
    {
        // x[1::2, ::3] in PyTorch: [[4, 7]], strides (8, 3) over the base.
        var v = X()[TensorIndex.Slice(1, null, 2), TensorIndex.Slice(null, null, 3)];
        AssertTensor([1, 2], [4, 7], v);
        Assert.Equal(new long[] { 8, 3 }, v.Stride());
        AssertTensor([2, 4], [0, 1, 2, 3, 8, 9, 10, 11], X()[TensorIndex.Slice(null, null, 2)]);
        AssertTensor([3, 2], [1, 3, 5, 7, 9, 11], X()[.., TensorIndex.Slice(-3, null, 2)]);
    }

    [Fact]
    public void SlicesClampLikePython()
    {
        AssertTensor([0, 4], [], X()[5..10]);
        AssertTensor([2, 4], [0, 1, 2, 3, 4, 5, 6, 7], X()[TensorIndex.Slice(-10, 2)]);
        AssertTensor([0, 4], [], X()[2..1]);
        AssertTensor([0, 4], [], X()[^0..]);
    }

    [Fact]
    public void BasicIndexingSharesStorage()
    {
        var x = X();
        var v = x[1.., TensorIndex.Slice(null, null, 2)];
        Assert.Same(x.Storage, v.Storage);
        Assert.Equal(4, v.StorageOffset);
        v[0, 0] = 99;
        AssertTensor([3, 4], [0, 1, 2, 3, 99, 5, 6, 7, 8, 9, 10, 11], x);
        x[2, 2] = -1;
        AssertTensor([2, 2], [99, 6, 8, -1], v);
    }

    [Fact]
    public void SetterConvertsAndBroadcastsValue()
    {
        var x = Torch.Zeros(2, 3);
        x[1] = Torch.Tensor(new long[] { 1, 2, 3 });
        x[0, 1..] = 2.5;
        Assert.Equal(new[] { 0f, 2.5f, 2.5f, 1f, 2f, 3f }, x.ToArray<float>());
        // Leading length-1 dimensions of the value are dropped, as in PyTorch (x[0] = ones(1, 4)).
        var y = X();
        y[0] = Torch.Ones([1, 1, 4], DType.Int64);
        AssertTensor([3, 4], [1, 1, 1, 1, 4, 5, 6, 7, 8, 9, 10, 11], y);
    }

    [Fact]
    public void SetterFromOverlappingViewReadsBeforeWriting()
    {
        var x = X();
        x[0] = x[2];
        AssertTensor([3, 4], [8, 9, 10, 11, 4, 5, 6, 7, 8, 9, 10, 11], x);
    }

    [Fact]
    public void SetterBumpsVersion()
    {
        var x = X();
        int before = x.Storage.Version;
        x[0, 0] = 5;
        Assert.True(x.Storage.Version > before);
    }

    [Fact]
    public void ZeroDimIntegerTensorActsAsIntegerView()
    {
        var x = X();
        var row = x[Torch.Tensor(1L)];
        AssertTensor([4], [4, 5, 6, 7], row);
        Assert.Same(x.Storage, row.Storage);
    }

    [Fact]
    public void EmptyIndexAndEllipsisReturnNewView()
    {
        var x = X();
        var v = x[TensorIndex.Ellipsis];
        Assert.False(ReferenceEquals(x, v));
        Assert.Same(x.Storage, v.Storage);
        AssertTensor([3, 4], x.ToArray<long>(), v);
        Assert.Equal(5L, Torch.Tensor(5L)[TensorIndex.Ellipsis].Item<long>());
        Assert.Equal(new long[] { 1 }, Torch.Tensor(5L)[TensorIndex.NewAxis].Shape.ToArray());
    }

    [Theory]
    [InlineData(3, "index 3 is out of bounds for dimension 0 with size 3")]
    [InlineData(-4, "index -4 is out of bounds for dimension 0 with size 3")]
    public void OutOfRangeIntegerNamesIndexDimensionAndSize(int i, string message)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => X()[i]);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void OutOfRangeErrorsNameOriginalDimension()
    {
        Assert.Equal("index 5 is out of bounds for dimension 1 with size 4",
            Assert.Throws<ArgumentOutOfRangeException>(() => X()[1, 5]).Message);
        Assert.Equal("index -5 is out of bounds for dimension 1 with size 4",
            Assert.Throws<ArgumentOutOfRangeException>(() => X()[1, -5]).Message);
        Assert.Equal("index ^4 is out of bounds for dimension 0 with size 3",
            Assert.Throws<ArgumentOutOfRangeException>(() => X()[^4]).Message);
        Assert.Contains("index ^0 is out of bounds", Assert.Throws<ArgumentOutOfRangeException>(() => X()[^0]).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => X()[0] = X()[3]);
    }

    [Fact]
    public void TooManyIndicesIsAnError()
    {
        Assert.Equal("too many indices for tensor of dimension 2",
            Assert.Throws<ArgumentException>(() => X()[1, 2, 3]).Message);
        Assert.Contains("invalid index of a 0-dim tensor", Assert.Throws<ArgumentException>(() => Torch.Tensor(5L)[0]).Message);
    }

    [Fact]
    public void OnlyOneEllipsisIsAllowed() =>
        Assert.Contains("single ellipsis", Assert.Throws<ArgumentException>(
            () => X()[TensorIndex.Ellipsis, TensorIndex.Ellipsis]).Message);

    [Fact]
    public void NonPositiveStepsAreRejected()
    {
        Assert.Contains("slice step cannot be zero", Assert.Throws<ArgumentException>(() => TensorIndex.Slice(null, null, 0)).Message);
        Assert.Contains("step must be greater than zero", Assert.Throws<ArgumentException>(() => TensorIndex.Slice(null, null, -1)).Message);
    }

    [Fact]
    public void SetterWithWrongShapeNamesBothShapes()
    {
        var x = X();
        var e = Assert.Throws<ArgumentException>(() => x[0] = Torch.Ones([3], DType.Int64));
        Assert.Contains("expanded size of the tensor (4) must match the existing size (3)", e.Message);
        AssertTensor([3, 4], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], x);
    }

    [Fact]
    public void IndexPrintsInPythonNotation()
    {
        Assert.Equal("1:3", ((TensorIndex)(1..3)).ToString());
        Assert.Equal("-2:", ((TensorIndex)(^2..)).ToString());
        Assert.Equal("::2", TensorIndex.Slice(null, null, 2).ToString());
        Assert.Equal("None", TensorIndex.NewAxis.ToString());
        Assert.Equal("^1", ((TensorIndex)(^1)).ToString());
    }
}
