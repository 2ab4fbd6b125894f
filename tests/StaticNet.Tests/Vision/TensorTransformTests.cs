using StaticNet.Vision;

namespace StaticNet.Tests.Vision;

/// <summary>ToTensor, Normalize, Compose and Lambda on tiny hand-computed images.</summary>
public class TensorTransformTests
{
    private static Tensor Bytes(long[] shape, params byte[] values) => Torch.Tensor(values, DType.UInt8).View(shape);

    [Fact]
    public void ToTensorDividesBytesBy255IntoChw()
    {
        var result = new ToTensor().Invoke(Bytes([1, 2, 2], 0, 51, 255, 128));
        Assert.Equal(DType.Float32, result.DType);
        Assert.Equal(new long[] { 1, 2, 2 }, result.Shape.ToArray());
        Assert.Equal(new[] { 0f, 0.2f, 1f, 128f / 255f }, result.ToArray<float>());
    }

    [Fact]
    public void ToTensorGivesEveryByteValueTheBitsOfAScalarDivision()
    {
        // All 256 values, twice over and with a tail shorter than a vector (the conversion runs in SIMD blocks).
        var bytes = Enumerable.Range(0, 2 * 256 + 7).Select(i => (byte)(i * 37 % 256)).ToArray();
        var result = new ToTensor().Invoke(Bytes([1, 1, bytes.Length], bytes)).ToArray<float>();
        for (int i = 0; i < bytes.Length; i++)
            Assert.Equal(BitConverter.SingleToInt32Bits(bytes[i] / 255f), BitConverter.SingleToInt32Bits(result[i]));
    }

    [Fact]
    public void ToTensorAddsTheChannelDimensionToHw()
    {
        var result = new ToTensor().Invoke(Bytes([2, 1], 255, 0));
        Assert.Equal(new long[] { 1, 2, 1 }, result.Shape.ToArray());
        Assert.Equal(new[] { 1f, 0f }, result.ToArray<float>());
    }

    [Fact]
    public void ToTensorHandlesNonContiguousInput()
    {
        var hwc = Bytes([1, 2, 3], 10, 20, 30, 40, 50, 60); // one row, two RGB pixels
        var result = new ToTensor().Invoke(hwc.Permute(2, 0, 1));
        Assert.Equal(new[] { 10f, 40f, 20f, 50f, 30f, 60f }.Select(v => v / 255f).ToArray(), result.ToArray<float>());
    }

    [Fact]
    public void ToTensorReturnsFloatImagesUnchangedAndRefusesOthers()
    {
        var f = Torch.Rand(1, 2, 2);
        Assert.Same(f, new ToTensor().Invoke(f));
        Assert.Contains("got dtype int64", Assert.Throws<ArgumentException>(() => new ToTensor().Invoke(Torch.Zeros([1, 2, 2], DType.Int64))).Message);
        Assert.Contains("pic should be 2/3 dimensional. Got 4 dimensions", Assert.Throws<ArgumentException>(() => new ToTensor().Invoke(Torch.Zeros([1, 1, 2, 2], DType.UInt8))).Message);
    }

    [Fact]
    public void NormalizeHalfHalfMapsUnitRangeToMinusOneToOne()
    {
        var x = Torch.Tensor(new float[] { 0f, 0.25f, 0.5f, 1f, 0f, 1f }).View(3, 1, 2);
        var y = new Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5]).Invoke(x);
        Assert.Equal(new[] { -1f, -0.5f, 0f, 1f, -1f, 1f }, y.ToArray<float>());
        Assert.Equal(0.25f, x[0, 0, 1].Item<float>()); // not in place
    }

    [Fact]
    public void NormalizeUsesEachChannelsStatistics()
    {
        var x = Torch.Tensor(new double[] { 1, 2, 3, 4 }, DType.Float64).View(2, 1, 2);
        var y = new Normalize([1.0, 2.0], [2.0, 0.5]).Invoke(x);
        Assert.Equal(DType.Float64, y.DType);
        Assert.Equal(new[] { 0.0, 0.5, 2.0, 4.0 }, y.ToArray<double>());
        // One value applies to every channel; a batch (..., C, H, W) works too.
        var batch = Torch.Ones([2, 3, 1, 1], DType.Float32);
        Assert.All(new Normalize([0.5], [0.25]).Invoke(batch).ToArray<float>(), v => Assert.Equal(2f, v));
    }

    [Fact]
    public void NormalizeInPlaceWritesTheInput()
    {
        var x = Torch.Ones([1, 2, 2], DType.Float32);
        var y = new Normalize([0.5], [0.5], inplace: true).Invoke(x);
        Assert.Same(x, y);
        Assert.All(x.ToArray<float>(), v => Assert.Equal(1f, v));
        Assert.Equal(new[] { 0f, 0f, 0f, 0f }, new Normalize([1.0], [1.0], inplace: true).Invoke(x).ToArray<float>());
    }

    [Fact]
    public void NormalizeErrorsNameChannelCountsAndDTypes()
    {
        var e = Assert.Throws<ArgumentException>(() => new Normalize([0.5, 0.5], [0.5, 0.5]).Invoke(Torch.Zeros(3, 4, 4)));
        Assert.Contains("mean has 2 values but the image has 3 channels (shape [3, 4, 4]); expected 1 or 3 values", e.Message);
        Assert.Contains("should be a float tensor. Got uint8", Assert.Throws<ArgumentException>(() => new Normalize([0.5], [0.5]).Invoke(Torch.Zeros([1, 2, 2], DType.UInt8))).Message);
        Assert.Contains("std evaluated to zero", Assert.Throws<ArgumentException>(() => new Normalize([0.5, 0.5], [1, 0]).Invoke(Torch.Zeros(2, 2, 2))).Message);
        Assert.Contains("(..., C, H, W)", Assert.Throws<ArgumentException>(() => new Normalize([0.5], [0.5]).Invoke(Torch.Zeros(2, 2))).Message);
    }

    [Fact]
    public void NormalizeIsDifferentiableWhenTheInputRequiresGrad()
    {
        var x = Torch.Ones([1, 1, 2], DType.Float32, requiresGrad: true);
        var y = new Normalize([0.5], [0.25]).Invoke(x);
        y.Sum().Backward();
        Assert.Equal(new[] { 4f, 4f }, x.Grad!.ToArray<float>()); // d/dx (x - m) / s = 1 / s
    }

    [Fact]
    public void ComposeAppliesTransformsInOrder()
    {
        var compose = new Compose(new ToTensor(), new Lambda<Tensor, Tensor>(t => t * 2.0), new Normalize([1.0], [1.0]));
        var y = compose.Invoke(Bytes([1, 1, 2], 255, 0));
        Assert.Equal(new[] { 1f, -1f }, y.ToArray<float>());
        Assert.Equal(3, compose.Transforms.Count);
        Assert.Equal("Compose(\n    ToTensor()\n    Lambda()\n    Normalize(mean=[1], std=[1])\n)", compose.ToString());
    }

    [Fact]
    public void Seed004OneHotLambdaTurnsALabelIntoATensor()
    {
        ITransform<long, Tensor> oneHot = new Lambda<long, Tensor>(y => Torch.Zeros([10], DType.Float32).Scatter_(0, Torch.Tensor(y), 1.0));
        var t = oneHot.Invoke(3);
        Assert.Equal(DType.Float32, t.DType);
        Assert.Equal(new float[] { 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 }, t.ToArray<float>());
    }
}
