namespace StaticNet.Tests.Tensors;

// Errors, 0-dim and empty tensors, and the logical reductions; expected values and messages are PyTorch 1.13's.
public class ReductionEdgeTests
{
    [Fact]
    public void BadDimsThrowPyTorchsMessages()
    {
        var x = Torch.Zeros(2, 3);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => x.Sum(2));
        Assert.Equal("Dimension out of range (expected to be in range of [-2, 1], but got 2)", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Max(-3));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Argmax(5));
        var dup = Assert.Throws<ArgumentException>(() => x.Sum([0, -2]));
        Assert.Equal("dim 0 appears multiple times in the list of dims", dup.Message);
    }

    [Fact]
    public void EmptyMaxAndArgmaxThrowNamingTheOpAndShape()
    {
        var e = Assert.Throws<ArgumentException>(() => Torch.Zeros(0).Max());
        Assert.StartsWith("max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.", e.Message);
        Assert.Contains("[0]", e.Message);
        Assert.StartsWith("min(): Expected reduction dim", Assert.Throws<ArgumentException>(() => Torch.Zeros(0).Min()).Message);
        var a = Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Zeros(0, 3).Argmax());
        Assert.StartsWith("argmax(): Expected reduction dim to be specified for input.numel() == 0.", a.Message);
        var d = Assert.Throws<ArgumentOutOfRangeException>(() => Torch.Zeros(0, 3).Max(0));
        Assert.StartsWith("max(): Expected reduction dim 0 to have non-zero size.", d.Message);
        Assert.Contains("[0, 3]", d.Message);
    }

    [Fact]
    public void ReducingEmptyTensorsGivesIdentities()
    {
        var x = Torch.Zeros(0, 3);
        Assert.Equal(new[] { 0f, 0f, 0f }, x.Sum(0).ToArray<float>());
        Assert.Equal(0f, x.Sum().Item<float>());
        Assert.Equal(new[] { 1f, 1f, 1f }, x.Prod(0).ToArray<float>());
        Assert.All(x.Mean(0).ToArray<float>(), v => Assert.True(float.IsNaN(v)));
        Assert.All(x.Var(0).ToArray<float>(), v => Assert.True(float.IsNaN(v)));
        Assert.Equal(new[] { true, true, true }, x.All(0).ToArray<bool>());
        Assert.Equal(new[] { false, false, false }, x.Any(0).ToArray<bool>());
        // Reducing a non-empty dim of an empty tensor is fine and gives an empty result.
        var (values, indices) = x.Max(1);
        Assert.Equal(new long[] { 0 }, values.Shape.ToArray());
        Assert.Equal(new long[] { 0 }, indices.Shape.ToArray());
        Assert.Equal(new long[] { 0 }, x.Argmin(1).Shape.ToArray());
    }

    [Fact]
    public void ZeroDimTensorsReduceOverDimZeroAndMinusOne()
    {
        var s = Torch.Tensor(5.0);
        Assert.Equal(5f, s.Sum(0).Item<float>());
        Assert.Equal(0, s.Sum(-1, keepDim: true).Dim);
        var (v, i) = s.Max(0);
        Assert.Equal(0, v.Dim);
        Assert.Equal(5f, v.Item<float>());
        Assert.Equal(0L, i.Item<long>());
        Assert.Equal(0, Torch.Tensor(3L).Argmax(-1, keepDim: true).Dim);
        Assert.True(float.IsNaN(s.Var(0).Item<float>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Sum(1));
    }

    [Fact]
    public void AllAndAnyAlongADim()
    {
        var x = Torch.Tensor(new long[,] { { 0, 1 }, { 1, 1 } });
        Assert.Equal(new[] { false, true }, x.All(1).ToArray<bool>());
        Assert.Equal(new[] { false, true }, Torch.All(x, 0).ToArray<bool>());
        var y = Torch.Tensor(new long[,] { { 0, 1 }, { 0, 0 } });
        var any = y.Any(0, keepDim: true);
        Assert.Equal(new long[] { 1, 2 }, any.Shape.ToArray());
        Assert.Equal(new[] { false, true }, any.ToArray<bool>());
        Assert.Equal(DType.Bool, any.DType);
        Assert.True(Torch.Any(y).ItemBool());
        Assert.False(y.All().ItemBool());
        Assert.True(Torch.Tensor(new[] { 0.5, -2.0 }).All().ItemBool());
        // PyTorch 1.13 keeps uint8 for all/any of a uint8 tensor.
        var bytes = Torch.Tensor(new byte[] { 1, 2 });
        Assert.Equal(DType.UInt8, bytes.All().DType);
        Assert.Equal(1, bytes.All().Item<int>());
        Assert.Equal(DType.UInt8, bytes.Any(0).DType);
    }

    [Fact]
    public void AllAndAnyOfTransposedBoolMatrices()
    {
        // Columns of m are rows of m.T: [1,1,1], [1,0,1], [0,0,0], [1,1,1], [0,1,0] (hand-derived).
        var m = Torch.Tensor(new[,] { { true, true, false, true, false }, { true, false, false, true, true }, { true, true, false, true, false } });
        Assert.Equal(new[] { true, false, false, true, false }, m.T.All(1).ToArray<bool>());
        Assert.Equal(new[] { true, true, false, true, true }, m.T.Any(1).ToArray<bool>());
        Assert.Equal(new[] { true, false, false, true, false }, m.All(0).ToArray<bool>());
    }
}
