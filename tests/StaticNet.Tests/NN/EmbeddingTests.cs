using StaticNet.NN;
using StaticNet.Tests.RandomGeneration;

namespace StaticNet.Tests.NN;

[Collection(RandomCollection.Name)] // seeds the default generator
public class EmbeddingTests
{
    [Fact]
    public void PrintsLikePyTorch()
    {
        Assert.Equal("Embedding(10, 3)", new Embedding(10, 3).ToString());
        Assert.Equal("Embedding(10, 3, padding_idx=0)", new Embedding(10, 3, paddingIdx: 0).ToString());
        Assert.Equal("Embedding(10, 3, padding_idx=9)", new Embedding(10, 3, paddingIdx: -1).ToString());
    }

    [Fact]
    public void InitialisationMatchesPyTorchWithThePaddingRowZeroed()
    {
        // torch.manual_seed(0); nn.Embedding(4, 3, padding_idx=1).weight
        Torch.ManualSeed(0);
        var e = new Embedding(4, 3, paddingIdx: 1);
        Close.Equal([1.5409960746765137, -0.293428897857666, -2.1787893772125244, 0, 0, 0,
            0.40334683656692505, 0.8380263447761536, -0.7192575931549072, -0.40334352850914, -0.5966353416442871, 0.18203648924827576],
            e.Weight, 0);
        Assert.True(e.Weight.RequiresGrad);
        Assert.Equal(new[] { "weight" }, e.NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void LooksUpRowsForInt64AndInt32Indices()
    {
        var w = Torch.Tensor(new[,] { { 1.0, 2.0 }, { 3.0, 4.0 }, { 5.0, 6.0 } });
        var idx = Torch.Tensor(new long[,] { { 2, 0 }, { 1, 2 } });
        var y = F.Embedding(idx, w);
        Assert.Equal(new Size(2, 2, 2), y.Shape);
        Close.Equal([5, 6, 1, 2, 3, 4, 5, 6], y, 0);
        Close.Equal([5, 6, 1, 2, 3, 4, 5, 6], F.Embedding(idx.To(DType.Int32), w), 0);
        Close.Equal([3, 4], F.Embedding(Torch.Tensor(1L), w), 0); // a 0-dim index gives one row
        Close.Equal([2, 4, 6, 1, 3, 5], F.Embedding(Torch.Tensor(new long[] { 1, 0 }), w.T), 0); // a transposed table
    }

    [Fact]
    public void RepeatedIndicesAccumulateAndThePaddingRowGetsNoGradient()
    {
        var w = Torch.Zeros([4, 2], DType.Float64, requiresGrad: true);
        var idx = Torch.Tensor(new long[] { 0, 2, 0, 3 });
        var y = F.Embedding(idx, w, paddingIdx: 2);
        Assert.Equal("EmbeddingBackward0", y.GradFn!.Name);
        Assert.Single(y.GradFn.NextFunctions);
        var g = Torch.Tensor(new[,] { { 1.0, 2.0 }, { 3.0, 4.0 }, { 5.0, 6.0 }, { 7.0, 8.0 } }, dtype: DType.Float64);
        y.Backward(g);
        // Row 0 from outputs 0 and 2: [1+5, 2+6]; row 2 is padding; row 3 from output 3.
        Close.Equal([6, 8, 0, 0, 0, 0, 7, 8], w.Grad!, 0);
    }

    [Fact]
    public void OutOfRangeIndexIsNamedInTheError()
    {
        var e = new Embedding(5, 2);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => e.Forward(Torch.Tensor(new long[] { 1, 5 })));
        Assert.Contains("index 5 is out of range", ex.Message);
        Assert.Contains("5 rows", ex.Message);
        Assert.Contains("index -1 is out of range", Assert.Throws<ArgumentOutOfRangeException>(() => e.Forward(Torch.Tensor(new long[] { -1 }))).Message);
    }

    [Fact]
    public void WrongDTypesAndShapesAreErrors()
    {
        var e = new Embedding(5, 2);
        var ex = Assert.Throws<ArgumentException>(() => e.Forward(Torch.Tensor(new[] { 1.0 })));
        Assert.Contains("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.FloatTensor instead", ex.Message);
        Assert.Contains("'weight' must be 2-D", Assert.Throws<ArgumentException>(() => F.Embedding(Torch.Tensor(new long[] { 0 }), Torch.Zeros(3))).Message);
        Assert.Contains("Padding_idx must be within num_embeddings", Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(5, 2, paddingIdx: 5)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(5, 2, paddingIdx: -6));
    }
}
