using System.Runtime.CompilerServices;
using StaticNet.Data;

namespace StaticNet.Tests.Data;

public class CollateTests
{
    private sealed record Sample(Tensor Image, long Label) : ICollatable
    {
        public ITuple CollateFields() => (Image, Label);
    }

    [Fact]
    public void TuplesOfTensorAndLabelBecomeStackedImagesAndAnInt64LabelVector()
    {
        var batch = Collate.Default<(Tensor, long)>([(Torch.Zeros(1, 2, 2), 9), (Torch.Ones(1, 2, 2), 0), (Torch.Ones(1, 2, 2), 3)]);
        var (images, labels) = batch;
        Assert.Equal("[3, 1, 2, 2]", images.Shape.ToString());
        Assert.Equal(DType.Int64, labels.DType);
        Assert.Equal("tensor([9, 0, 3])", labels.ToString());
        Assert.Equal(1f, images[1, 0, 1, 1].Item<float>());
    }

    [Fact]
    public void RecordsCollateThroughICollatable()
    {
        var (images, labels) = Collate.Default<Sample>([new(Torch.Zeros(3), 1), new(Torch.Ones(3), 2)]);
        Assert.Equal("tensor([[0., 0., 0.],\n        [1., 1., 1.]])", images.ToString());
        Assert.Equal("tensor([1, 2])", labels.ToString());
    }

    [Fact]
    public void NumbersFollowPyTorchsDtypes()
    {
        // default_collate: Python int → int64, Python float → float64, np.float32 → float32, bool → bool, np.uint8 → uint8
        Assert.Equal(DType.Int64, Collate.Default<int>([1, 2])[0].DType);
        Assert.Equal(DType.Int64, Collate.Default<long>([1, 2])[0].DType);
        Assert.Equal("tensor([1.5000, 2.5000], dtype=float64)", Collate.Default<double>([1.5, 2.5])[0].ToString());
        Assert.Equal(DType.Float32, Collate.Default<float>([1f, 2f])[0].DType);
        Assert.Equal("tensor([ True, False])", Collate.Default<bool>([true, false])[0].ToString());
        Assert.Equal(DType.UInt8, Collate.Default<byte>([1, 2])[0].DType);
        // A field mixing ints and doubles takes the floating kind.
        Assert.Equal("tensor([1.0000, 2.5000], dtype=float64)", Collate.Default<object>([1, 2.5])[0].ToString());
    }

    [Fact]
    public void StringsAreCollectedIntoAnArray()
    {
        // default_collate([(1, 'a'), (2, 'b')]) → [tensor([1, 2]), ('a', 'b')]
        var batch = Collate.Default<(long, string)>([(1, "a"), (2, "b")]);
        Assert.Equal("tensor([1, 2])", batch[0].ToString());
        Assert.Equal(["a", "b"], batch.Field<string[]>(1));
        Assert.Equal("[tensor([1, 2]), ['a', 'b']]", batch.ToString());
    }

    [Fact]
    public void DictionariesKeepTheirKeys()
    {
        // default_collate([{'x': 1.5, 'y': ones(2)}, {'x': 2.5, 'y': zeros(2)}])
        var batch = Collate.Default<Dictionary<string, object>>([
            new() { ["x"] = 1.5, ["y"] = Torch.Ones(2) },
            new() { ["x"] = 2.5, ["y"] = Torch.Zeros(2) },
        ]);
        Assert.Equal(["x", "y"], batch.Names!);
        Assert.Equal("tensor([1.5000, 2.5000], dtype=float64)", batch["x"].ToString());
        Assert.Equal("tensor([[1., 1.],\n        [0., 0.]])", batch["y"].ToString());
        Assert.Throws<KeyNotFoundException>(() => batch["z"]);
    }

    [Fact]
    public void TypedDictionariesOfTensorsCollate()
    {
        var batch = Collate.Default<Dictionary<string, Tensor>>([new() { ["a"] = Torch.Ones(2) }, new() { ["a"] = Torch.Ones(2) }]);
        Assert.Equal("[2, 2]", batch["a"].Shape.ToString());
    }

    [Fact]
    public void ObjectArraysTransposeLikePythonLists()
    {
        // default_collate([[1, 2], [3, 4]]) → [tensor([1, 3]), tensor([2, 4])]
        var batch = Collate.Default<object[]>([[1L, 2L], [3L, 4L]]);
        Assert.Equal("[tensor([1, 3]), tensor([2, 4])]", batch.ToString());
    }

    [Fact]
    public void NumericArraysStackLikeNumPyArrays()
    {
        var batch = Collate.Default<float[]>([[1f, 2f, 3f], [4f, 5f, 6f]]);
        Assert.Equal("tensor([[1., 2., 3.],\n        [4., 5., 6.]])", batch[0].ToString());
        Assert.Equal(DType.Int32, Collate.Default<int[]>([[1], [2]])[0].DType);
    }

    [Fact]
    public void NestedTuplesBecomeNestedBatches()
    {
        var batch = Collate.Default<((Tensor, Tensor), long)>([((Torch.Zeros(2), Torch.Ones(1)), 5), ((Torch.Ones(2), Torch.Zeros(1)), 6)]);
        var (a, b) = batch.Field<Batch>(0);
        Assert.Equal("[2, 2]", a.Shape.ToString());
        Assert.Equal("[2, 1]", b.Shape.ToString());
        Assert.Equal("tensor([5, 6])", batch[1].ToString());
    }

    [Fact]
    public void SingleTensorSamplesGiveAOneFieldBatchPrintingAsTheTensor()
    {
        var batch = Collate.Default<Tensor>([Torch.Tensor(3L), Torch.Tensor(4L)]);
        Assert.Single(batch);
        Assert.Equal("tensor([3, 4])", batch.ToString());
    }

    [Fact]
    public void TensorsOfDifferentShapesNameBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Collate.Default<Tensor>([Torch.Zeros(2), Torch.Zeros(3)]));
        Assert.Equal("stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1", e.Message);
    }

    [Fact]
    public void TuplesOfDifferentLengthsAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Collate.Default<object>([(1L, 2L), (1L, 2L, 3L)]));
        Assert.Contains("each element in list of batch should be of equal size", e.Message);
    }

    [Fact]
    public void UnsupportedTypesNameTheType()
    {
        var e = Assert.Throws<NotSupportedException>(() => Collate.Default<Uri>([new Uri("http://a")]));
        Assert.Contains("found System.Uri", e.Message);
    }

    [Fact]
    public void DeconstructingIntoTheWrongNumberOfFieldsFailsLikePython()
    {
        var batch = Collate.Default<(long, long, long)>([(1, 2, 3)]);
        var e = Assert.Throws<InvalidOperationException>(() => { var (x, y) = batch; });
        Assert.StartsWith("too many values to unpack (expected 2)", e.Message);
    }
}
