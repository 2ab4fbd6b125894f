namespace StaticNet.Tests.Tensors;

// Expected values and messages are PyTorch 1.13's.
public class JoiningTests
{
    private static Tensor X() => Torch.Tensor(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }, DType.Float64);
    private static Tensor Y() => Torch.Tensor(new double[,] { { 7, 8, 9 }, { 10, 11, 12 } }, DType.Float64);

    [Fact]
    public void SeedCatAlongDimZeroAndOne()
    {
        var rows = Torch.Cat([X(), Y()], dim: 0);
        Assert.Equal(new long[] { 4, 3 }, rows.Shape.ToArray());
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, rows.ToArray<double>());
        var cols = Torch.Cat([X(), Y()], dim: 1);
        Assert.Equal(new long[] { 2, 6 }, cols.Shape.ToArray());
        Assert.Equal(new double[] { 1, 2, 3, 7, 8, 9, 4, 5, 6, 10, 11, 12 }, cols.ToArray<double>());
        Assert.Equal(cols.ToArray<double>(), Torch.Cat([X(), Y()], dim: -1).ToArray<double>());
        Assert.Equal(DType.Float64, cols.DType);
    }

    [Fact]
    public void CatOfTransposedInputsAndUnequalLengths()
    {
        var t = Torch.Arange(6).View(2, 3).T; // [[0, 3], [1, 4], [2, 5]]
        var z = Torch.Zeros([3, 1], DType.Int64);
        var r = Torch.Cat([t, z, t], 1);
        Assert.Equal(new long[] { 3, 5 }, r.Shape.ToArray());
        Assert.Equal(new long[] { 0, 3, 0, 0, 3, 1, 4, 0, 1, 4, 2, 5, 0, 2, 5 }, r.ToArray<long>());
    }

    [Fact]
    public void CatPromotesDTypes()
    {
        var f = Torch.Cat([Torch.Tensor(new long[] { 1, 2 }), Torch.Tensor(new[] { 1.5 })]);
        Assert.Equal(DType.Float32, f.DType);
        Assert.Equal(new[] { 1f, 2f, 1.5f }, f.ToArray<float>());
        var i = Torch.Cat([Torch.Tensor(new long[] { 1, 2 }), Torch.Tensor(new[] { true })]);
        Assert.Equal(DType.Int64, i.DType);
        Assert.Equal(new long[] { 1, 2, 1 }, i.ToArray<long>());
        Assert.Equal(DType.Int64, Torch.Cat([Torch.Tensor(new[] { 1, 2 }, DType.Int32), Torch.Tensor(new long[] { 3 })]).DType);
    }

    [Fact]
    public void CatSkipsOneDimensionalEmptyTensors()
    {
        var x = X();
        Assert.Equal(x.ToArray<double>(), Torch.Cat([x, Torch.Zeros(0)], 0).ToArray<double>());
        var r = Torch.Cat([Torch.Zeros(0), x], 1);
        Assert.Equal(new long[] { 2, 3 }, r.Shape.ToArray());
        Assert.Equal(DType.Float64, r.DType);
        var empty = Torch.Cat([Torch.Zeros(0), Torch.Zeros([0], DType.Int64)]);
        Assert.Equal(new long[] { 0 }, empty.Shape.ToArray());
        Assert.Equal(DType.Float32, empty.DType);
        Assert.Equal(x.ToArray<double>(), Torch.Cat([Torch.Zeros(0, 3), x]).ToArray<double>());
    }

    [Fact]
    public void CatErrorsNameTheTensorAndSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => Torch.Cat([X(), Torch.Zeros(2, 2)], 0));
        Assert.StartsWith("Sizes of tensors must match except in dimension 0. Expected size 3 but got size 2 for tensor number 1 in the list.", e.Message);
        Assert.Contains("[2, 2]", e.Message);
        Assert.Equal("Tensors must have same number of dimensions: got 2 and 1",
            Assert.Throws<ArgumentException>(() => Torch.Cat([X(), Torch.Zeros(3)])).Message);
        Assert.Equal("torch.cat(): expected a non-empty list of Tensors", Assert.Throws<ArgumentException>(() => Torch.Cat([])).Message);
        Assert.Equal("zero-dimensional tensor (at position 1) cannot be concatenated",
            Assert.Throws<ArgumentException>(() => Torch.Cat([X(), Torch.Tensor(1.0)])).Message);
        Assert.Equal("Dimension out of range (expected to be in range of [-2, 1], but got 2)",
            Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Cat([X(), Y()], 2)).Message);
    }

    [Fact]
    public void StackInsertsANewDimension()
    {
        var s0 = Torch.Stack([X(), Y()]);
        Assert.Equal(new long[] { 2, 2, 3 }, s0.Shape.ToArray());
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, s0.ToArray<double>());
        var s1 = Torch.Stack([X(), Y()], dim: 1);
        Assert.Equal(new long[] { 2, 2, 3 }, s1.Shape.ToArray());
        Assert.Equal(new double[] { 1, 2, 3, 7, 8, 9, 4, 5, 6, 10, 11, 12 }, s1.ToArray<double>());
        var s2 = Torch.Stack([X(), Y()], dim: 2);
        Assert.Equal(new long[] { 2, 3, 2 }, s2.Shape.ToArray());
        Assert.Equal(new double[] { 1, 7, 2, 8, 3, 9, 4, 10, 5, 11, 6, 12 }, s2.ToArray<double>());
        Assert.Equal(s2.ToArray<double>(), Torch.Stack([X(), Y()], dim: -1).ToArray<double>());
        var scalars = Torch.Stack([Torch.Tensor(1.0), Torch.Tensor(2L)]);
        Assert.Equal(DType.Float32, scalars.DType);
        Assert.Equal(new[] { 1f, 2f }, scalars.ToArray<float>());
    }

    [Fact]
    public void StackErrorsNameTheShapes()
    {
        Assert.Equal("stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [3, 2] at entry 2",
            Assert.Throws<ArgumentException>(() => Torch.Stack([X(), Y(), Torch.Zeros(3, 2)])).Message);
        Assert.Equal("stack expects a non-empty TensorList", Assert.Throws<ArgumentException>(() => Torch.Stack([])).Message);
        Assert.Equal("Dimension out of range (expected to be in range of [-3, 2], but got 3)",
            Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Stack([X(), Y()], 3)).Message);
    }

    [Fact]
    public void SplitBySizeReturnsViews()
    {
        var a = Torch.Arange(10);
        var parts = a.Split(3);
        Assert.Equal(new long[] { 3, 3, 3, 1 }, parts.Select(p => p.Size(0)).ToArray());
        Assert.Equal(new long[] { 6, 7, 8 }, parts[2].ToArray<long>());
        Assert.Equal(new long[] { 9 }, parts[3].ToArray<long>());
        parts[1].Fill_(-1);
        Assert.Equal(new long[] { 0, 1, 2, -1, -1, -1, 6, 7, 8, 9 }, a.ToArray<long>());
        Assert.Single(a.Split(20));
        Assert.Single(Torch.Zeros(0).Split(0));

        var m = Torch.Arange(6).Reshape(2, 3).Split(2, -1);
        Assert.Equal(new long[] { 0, 1, 3, 4 }, m[0].ToArray<long>());
        Assert.Equal(new long[] { 2, 1 }, m[1].Shape.ToArray());
        Assert.Equal(new long[] { 2, 5 }, Torch.Split(Torch.Arange(6).Reshape(2, 3), 2, 1)[1].ToArray<long>());
    }

    [Fact]
    public void SplitBySectionsReturnsViews()
    {
        var a = Torch.Arange(10);
        var parts = a.Split([3L, 7L]);
        Assert.Equal(new long[] { 0, 1, 2 }, parts[0].ToArray<long>());
        Assert.Equal(7, parts[1].Numel);
        var withEmpty = a.Split([10L, 0L]);
        Assert.Equal(0, withEmpty[1].Numel);
    }

    [Fact]
    public void SplitErrorsUsePyTorchsWording()
    {
        var a = Torch.Arange(10);
        Assert.Equal("split_size can only be 0 if dimension size is 0, but got dimension size of 10", Assert.Throws<ArgumentException>(() => a.Split(0)).Message);
        Assert.Equal("split expects split_size be non-negative, but got split_size=-1", Assert.Throws<ArgumentException>(() => a.Split(-1)).Message);
        Assert.Equal("split_with_sizes expects split_sizes to sum exactly to 10 (input tensor's size at dimension 0), but got split_sizes=[3, 6]",
            Assert.Throws<ArgumentException>(() => a.Split([3L, 6L])).Message);
        Assert.Equal("split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=[3, -1, 8]",
            Assert.Throws<ArgumentException>(() => a.Split([3L, -1L, 8L])).Message);
        Assert.Equal("split expects at least a 1-dimensional tensor", Assert.Throws<ArgumentException>(() => Torch.Tensor(1.0).Split(1)).Message);
    }

    [Theory]
    [InlineData(10, 3, new long[] { 4, 4, 2 })]
    [InlineData(10, 4, new long[] { 3, 3, 3, 1 })]
    [InlineData(6, 4, new long[] { 2, 2, 2 })]
    [InlineData(5, 4, new long[] { 2, 2, 1 })]
    [InlineData(10, 20, new long[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 })]
    [InlineData(0, 3, new long[] { 0, 0, 0 })]
    public void ChunkSizesFollowPyTorch(long size, int chunks, long[] expected)
    {
        var pieces = Torch.Arange(size).Chunk(chunks);
        Assert.Equal(expected, pieces.Select(p => p.Size(0)).ToArray());
        Assert.Equal(Torch.Arange(size).ToArray<long>(), pieces.SelectMany(p => p.ToArray<long>()).ToArray());
    }

    [Fact]
    public void ChunkAlongAnInnerDimAndErrors()
    {
        var parts = Torch.Chunk(Torch.Arange(6).Reshape(2, 3), 2, dim: 1);
        Assert.Equal(new long[] { 0, 1, 3, 4 }, parts[0].ToArray<long>());
        Assert.Equal(new long[] { 2, 5 }, parts[1].ToArray<long>());
        Assert.Equal(3, Torch.Zeros(0, 2).Chunk(3).Length);
        Assert.Equal("chunk expects `chunks` to be greater than 0, got: 0", Assert.Throws<ArgumentException>(() => Torch.Arange(10).Chunk(0)).Message);
        Assert.Equal("chunk expects at least a 1-dimensional tensor", Assert.Throws<ArgumentException>(() => Torch.Tensor(1.0).Chunk(2)).Message);
    }
}
