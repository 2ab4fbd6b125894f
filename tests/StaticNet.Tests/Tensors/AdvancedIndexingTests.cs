using static StaticNet.Tests.Tensors.IndexingTests;

namespace StaticNet.Tests.Tensors;

/// <summary>Advanced (integer tensor) and mask indexing, get and set, against PyTorch 1.13.</summary>
public class AdvancedIndexingTests
{
    private static Tensor X() => Torch.Arange(12).View(3, 4);
    private static Tensor Y() => Torch.Arange(24).View(2, 3, 4);
    private static Tensor L(params long[] v) => Torch.Tensor(v);
    private static Tensor B(params bool[] v) => Torch.Tensor(v);

    [Fact]
    public void IntegerTensorAfterIntegerKeepsPyTorchPlacement() =>
        // y[0, :, [0, 2]]: the integer selects first, so the index dimension stays in place.
        AssertTensor([3, 2], [0, 2, 4, 6, 8, 10], Y()[0, .., L(0, 2)]);

    [Fact]
    public void AdjacentIndexTensorsStayInPlace()
    {
        AssertTensor([2, 2], [0, 10, 12, 22], Y()[.., L(0, 2), L(0, 2)]);
        AssertTensor([2, 3], [12, 16, 20, 0, 4, 8], Y()[L(1, 0), .., 0]);
        AssertTensor([2, 3, 2], [0, 3, 4, 7, 8, 11, 12, 15, 16, 19, 20, 23], Y()[TensorIndex.Ellipsis, L(0, 3)]);
        AssertTensor([2, 4], [20, 21, 22, 23, 12, 13, 14, 15], Y()[1, L(2, 0)]);
    }

    [Fact]
    public void SeparatedIndexTensorsMoveToFront()
    {
        AssertTensor([2, 3], [12, 16, 20, 3, 7, 11], Y()[L(1, 0), .., L(0, 3)]);
        AssertTensor([2, 2], [19, 23, 16, 20], Y()[L(1, -1), 1.., L(-1, 0)]);
        AssertTensor([2, 1, 1, 4], [12, 13, 14, 15, 20, 21, 22, 23],
            Y()[TensorIndex.NewAxis, L(1), TensorIndex.NewAxis, L(0, 2)]);
    }

    [Fact]
    public void IndexTensorsBroadcastTogether()
    {
        var rows = Torch.Tensor(new long[,] { { 0, 1 }, { 2, 0 } });
        AssertTensor([2, 2], [1, 7, 9, 3], X()[rows, L(1, 3)]);
        AssertTensor([2, 2, 3], [12, 16, 20, 15, 19, 23, 0, 4, 8, 3, 7, 11],
            Y()[Torch.Tensor(new long[,] { { 1 }, { 0 } }), TensorIndex.Ellipsis, L(0, 3)]);
    }

    [Fact]
    public void Int32IndicesAndEmptyIndexWork()
    {
        var i32 = Torch.Tensor(new[] { 2, 0 }, DType.Int32);
        Assert.Equal(DType.Int32, i32.DType);
        AssertTensor([2, 4], [8, 9, 10, 11, 0, 1, 2, 3], X()[i32]);
        Assert.Equal(new long[] { 0, 3, 4 }, Y()[Torch.Zeros([0], DType.Int64)].Shape.ToArray());
    }

    [Fact]
    public void LargeGatherAndPutCoverEveryElement()
    {
        // Big enough for the parallel path: reversing 70,000 elements, then writing them back reversed.
        const long n = 70_000;
        var x = Torch.Arange(n);
        var reversed = Torch.Arange(n - 1, -1, -1);
        var r = x[reversed];
        Assert.Equal(n - 1, r[0].Item<long>());
        Assert.Equal(0L, r[^1].Item<long>());
        Assert.Equal(n * (n - 1) / 2, r.ToArray<long>().Sum());
        Assert.Equal(12_345L, r[n - 1 - 12_345].Item<long>());
        var y = Torch.Zeros([n], DType.Int64);
        y[reversed] = r;
        Assert.Equal(x.ToArray<long>(), y.ToArray<long>());
    }

    [Fact]
    public void AdvancedIndexingCopies()
    {
        var x = X();
        var z = x[L(0, 1)];
        z[0, 0] = -5;
        Assert.Equal(0L, x[0, 0].Item<long>());
        Assert.NotSame(x.Storage, z.Storage);
    }

    [Fact]
    public void AdvancedIndexingReadsStridedViews() =>
        // x.t()[[3, 1]] reads the transposed layout.
        AssertTensor([2, 3], [3, 7, 11, 1, 5, 9], X().T[L(3, 1)]);

    [Fact]
    public void BoolMaskSelectsElementsInRowMajorOrder()
    {
        var x = X();
        AssertTensor([6], [6, 7, 8, 9, 10, 11], x[x > 5]);
        AssertTensor([0], [], Y()[Y() > 100]);
        var m = Torch.Tensor(new[,] { { true, false, true }, { false, false, true } });
        AssertTensor([3, 4], [0, 1, 2, 3, 8, 9, 10, 11, 20, 21, 22, 23], Y()[m]);
    }

    [Fact]
    public void MaskMixesWithSlicesAndIntegers()
    {
        AssertTensor([2, 3], [1, 2, 3, 9, 10, 11], Y()[0, B(true, false, true), 1..]);
        AssertTensor([2, 3, 2], [0, 3, 4, 7, 8, 11, 12, 15, 16, 19, 20, 23], Y()[.., .., B(true, false, false, true)]);
        AssertTensor([2, 4], [12, 13, 14, 15, 8, 9, 10, 11], Y()[L(1, 0), B(true, false, true)]);
    }

    [Fact]
    public void ZeroDimBoolIndexAddsDimension()
    {
        Assert.Equal(new long[] { 1, 3, 4 }, X()[Torch.Tensor(true)].Shape.ToArray());
        Assert.Equal(new long[] { 0, 3, 4 }, X()[Torch.Tensor(false)].Shape.ToArray());
    }

    [Fact]
    public void MaskShapeMismatchNamesBothShapes()
    {
        Assert.Equal("The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [3, 4] at index 0",
            Assert.Throws<ArgumentException>(() => X()[B(true, false)]).Message);
        Assert.Equal("The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [3, 4] at index 1",
            Assert.Throws<ArgumentException>(() => X()[.., B(true, false, true)]).Message);
        var m = Torch.Tensor(new[,] { { true, false, true }, { false, false, true } });
        Assert.Equal("The shape of the mask [2, 3] at index 0 does not match the shape of the indexed tensor [2, 3, 4] at index 1",
            Assert.Throws<ArgumentException>(() => Y()[.., m]).Message);
    }

    [Fact]
    public void OutOfRangeIndexTensorNamesIndexAndSize()
    {
        Assert.Equal("index 3 is out of bounds for dimension 0 with size 3",
            Assert.Throws<ArgumentOutOfRangeException>(() => X()[L(3)]).Message);
        Assert.Equal("index -4 is out of bounds for dimension 0 with size 3",
            Assert.Throws<ArgumentOutOfRangeException>(() => X()[L(-4)]).Message);
        // PyTorch counts only the tensor indices here ("dimension 0"); StaticNet names the indexed dimension.
        Assert.Equal("index 4 is out of bounds for dimension 1 with size 4",
            Assert.Throws<ArgumentOutOfRangeException>(() => X()[.., L(4)]).Message);
    }

    [Fact]
    public void BadIndexTensorsAreRejected()
    {
        Assert.Contains("tensors used as indices must be long, int, byte or bool tensors",
            Assert.Throws<ArgumentException>(() => X()[Torch.Tensor(new[] { 0.0, 1.0 })]).Message);
        Assert.Equal("shape mismatch: indexing tensors could not be broadcast together with shapes [2, 2], [3]",
            Assert.Throws<ArgumentException>(() => X()[Torch.Tensor(new long[,] { { 0, 1 }, { 2, 0 } }), L(1, 3, 2)]).Message);
    }

    [Fact]
    public void SettingIndexedPositions()
    {
        var x = X();
        x[L(0, 2), L(1, 3)] = 50;
        x[.., L(0)] = Torch.Tensor(new long[,] { { -1 }, { -2 }, { -3 } });
        AssertTensor([3, 4], [-1, 50, 2, 3, -2, 5, 6, 7, -3, 9, 10, 50], x);
        var y = X();
        y[L(0, 2)] = L(9, 8, 7, 6);
        AssertTensor([3, 4], [9, 8, 7, 6, 4, 5, 6, 7, 9, 8, 7, 6], y);
        var z = X();
        z[L(2, 0)] = z[0..2].Clone();
        AssertTensor([3, 4], [4, 5, 6, 7, 4, 5, 6, 7, 0, 1, 2, 3], z);
    }

    [Fact]
    public void SettingThroughMask()
    {
        var x = X();
        x[x > 5] = 0;
        AssertTensor([3, 4], [0, 1, 2, 3, 4, 5, 0, 0, 0, 0, 0, 0], x);
        var y = X();
        y[1.., B(true, false, true, false)] = L(7, 8);
        AssertTensor([3, 4], [0, 1, 2, 3, 7, 5, 8, 7, 7, 9, 8, 11], y);
        var z = X();
        z[z > 5] = 2.7; // converted to Int64 by truncation, as in PyTorch
        AssertTensor([3, 4], [0, 1, 2, 3, 4, 5, 2, 2, 2, 2, 2, 2], z);
    }

    [Fact]
    public void SettingMaskWithOneValuePerElement()
    {
        var x = Torch.Arange(12).View(3, 4).Double();
        var odd = Torch.Tensor(new[] { false, true, false, true }).Expand(3, 4); // x % 2 == 1
        x[odd] = Torch.Tensor(new[] { 10.0, 20, 30, 40, 50, 60 });
        Assert.Equal(new[] { 0.0, 10, 2, 20, 4, 30, 6, 40, 8, 50, 10, 60 }, x.ToArray<double>());
    }

    [Fact]
    public void SetterValueShapeMismatchNamesBothShapes()
    {
        var x = X();
        Assert.Equal("shape mismatch: value tensor of shape [3] cannot be broadcast to indexing result of shape [6]",
            Assert.Throws<ArgumentException>(() => x[x > 5] = L(1, 2, 3)).Message);
        Assert.Equal("shape mismatch: value tensor of shape [2, 1, 4] cannot be broadcast to indexing result of shape [1, 4]",
            Assert.Throws<ArgumentException>(() => x[L(0)] = Torch.Ones([2, 1, 4], DType.Int64)).Message);
        AssertTensor([3, 4], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], x);
    }

    [Fact]
    public void RepeatedIndicesLastWriteWins()
    {
        var x = Torch.Zeros(3);
        x[L(0, 0, 0)] = Torch.Tensor(new[] { 1f, 2f, 3f });
        Assert.Equal(new[] { 3f, 0f, 0f }, x.ToArray<float>());
    }

    [Fact]
    public void SettingExpandedTensorIsAnError() =>
        Assert.Contains("more than one element", Assert.Throws<InvalidOperationException>(
            () => Torch.Zeros(1, 4).Expand(3, 4)[L(0)] = 1).Message);
}
