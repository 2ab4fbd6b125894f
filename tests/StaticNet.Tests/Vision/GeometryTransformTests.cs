using StaticNet.Vision;

namespace StaticNet.Tests.Vision;

/// <summary>Resize, CenterCrop, RandomCrop, RandomHorizontalFlip and Grayscale on tiny images.</summary>
public class GeometryTransformTests
{
    private static Tensor Bytes(long[] shape, params byte[] values) => Torch.Tensor(values, DType.UInt8).View(shape);

    [Fact]
    public void ResizeFloatMatchesPyTorchBilinear()
    {
        var x = Torch.Tensor(new float[] { 0, 10, 20, 30, 40, 50 }).View(1, 2, 3);
        var y = new Resize(3, 5).Invoke(x);
        // torch.nn.functional.interpolate(x[None], size=(3, 5), mode="bilinear", align_corners=False)
        float[] expected = [0, 4.00000048f, 10.00000095f, 16, 20, 15, 19, 25, 31, 35, 30, 34, 40, 45.99999619f, 50];
        Assert.Equal(new long[] { 1, 3, 5 }, y.Shape.ToArray());
        var actual = y.ToArray<float>();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 5);
    }

    [Fact]
    public void ResizeBytesRoundsHalfToEven()
    {
        var x = Bytes([1, 2, 3], 0, 100, 255, 30, 41, 7);
        var y = new Resize(3, 5).Invoke(x);
        // interpolate on the float image, then torch.round (70.5 → 70) and cast to uint8.
        Assert.Equal(DType.UInt8, y.DType);
        Assert.Equal(new byte[] { 0, 40, 100, 193, 255, 15, 37, 70, 107, 131, 30, 34, 41, 21, 7 }, y.ToArray<byte>());
    }

    [Fact]
    public void ResizeDownsamplesWithPyTorchsSourceIndices()
    {
        var y = new Resize(2, 3).Invoke(Torch.Arange(0.0, 16.0, 1.0).View(1, 4, 4));
        float[] expected = [2.16666675f, 3.5f, 4.83333349f, 10.16666698f, 11.5f, 12.83333302f];
        var actual = y.ToArray<float>();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 5);
    }

    [Theory]
    [InlineData(10, 20, 5, 5, 10)]   // portrait: width is the shorter side
    [InlineData(20, 10, 5, 10, 5)]
    [InlineData(7, 3, 2, 4, 2)]      // int(2 * 7 / 3) = 4, truncated
    [InlineData(4, 4, 4, 4, 4)]
    public void ResizeWithOneNumberMatchesTheShorterSide(long h, long w, long size, long oh, long ow)
    {
        var y = new Resize(size).Invoke(Torch.Zeros(3, h, w));
        Assert.Equal(new[] { 3, oh, ow }, y.Shape.ToArray());
    }

    [Fact]
    public void ResizeMaxSizeCapsTheLongerSide()
    {
        Assert.Equal((20L, 30L), new Resize(20, maxSize: 40).OutputSize(10, 15)); // 30 ≤ 40: no cap
        // 10 × 100 → 20 × 200, capped: the long side becomes 40 and the short one int(40 · 20 / 200) = 4.
        Assert.Equal((4L, 40L), new Resize(20, maxSize: 40).OutputSize(10, 100));
        Assert.Throws<ArgumentException>(() => new Resize(40, maxSize: 40));
    }

    [Fact]
    public void CenterCropUsesPythonRounding()
    {
        var x = Torch.Arange(25).View(1, 5, 5);
        // top = left = round(3 / 2) = 2 (half to even)
        Assert.Equal(new long[] { 12, 13, 17, 18 }, new CenterCrop(2).Invoke(x).ToArray<long>());
        // top = round(2 / 2) = 1, left = round(4 / 2) = 2
        Assert.Equal(new long[] { 7, 12, 17 }, new CenterCrop(3, 1).Invoke(x).ToArray<long>());
        // round(0.5) = 0 in Python (half to even), not 1.
        Assert.Equal(new long[] { 0 }, new CenterCrop(1).Invoke(Torch.Arange(4).View(1, 2, 2)).ToArray<long>());
    }

    [Fact]
    public void CenterCropLargerThanTheImagePadsWithZerosExtraOnTheBottomRight()
    {
        var x = Torch.Ones([1, 1, 2], DType.Float32);
        var y = new CenterCrop(2, 5).Invoke(x);
        // pad left (5-2)/2 = 1, right (5-2+1)/2 = 2; top 0, bottom 1.
        Assert.Equal(new float[] { 0, 1, 1, 0, 0, 0, 0, 0, 0, 0 }, y.ToArray<float>());
    }

    [Fact]
    public void RandomCropDrawsTopThenLeftFromTheGenerator()
    {
        var x = Torch.Arange(16).View(1, 4, 4);
        var reference = new Generator(7);
        long top = Torch.RandInt(0, 3, [1], generator: reference).Item<long>();
        long left = Torch.RandInt(0, 3, [1], generator: reference).Item<long>();
        var y = new RandomCrop(2, generator: new Generator(7)).Invoke(x);
        Assert.Equal(new[] { 4 * top + left, 4 * top + left + 1, 4 * top + left + 4, 4 * top + left + 5 }, y.ToArray<long>());
    }

    [Fact]
    public void RandomCropPadsFirstAndRefusesTooLargeCrops()
    {
        var y = new RandomCrop(4, padding: 1, fill: 9).Invoke(Torch.Ones([1, 2, 2], DType.Float32));
        var all = y.ToArray<float>();
        Assert.Equal(16, all.Length);
        Assert.Equal(4, all.Count(v => v == 1f)); // a 4x4 crop of the 4x4 padded image is the whole of it
        Assert.Equal(12, all.Count(v => v == 9f));
        var e = Assert.Throws<ArgumentException>(() => new RandomCrop(5).Invoke(Torch.Zeros(1, 4, 4)));
        Assert.Contains("required crop size (5, 5) is larger than input image size (4, 4)", e.Message);
        Assert.Equal(new long[] { 1, 5, 5 }, new RandomCrop(5, padIfNeeded: true).Invoke(Torch.Zeros(1, 4, 4)).Shape.ToArray());
    }

    [Fact]
    public void RandomHorizontalFlipFlipsWhenTheDrawIsBelowP()
    {
        var x = Bytes([1, 1, 3], 1, 2, 3);
        Assert.Equal(new byte[] { 3, 2, 1 }, new RandomHorizontalFlip(p: 1).Invoke(x).ToArray<byte>());
        Assert.Same(x, new RandomHorizontalFlip(p: 0).Invoke(x));
        // With a seeded generator it flips exactly when Rand(1) < p.
        var reference = new Generator(3);
        var flip = new RandomHorizontalFlip(generator: new Generator(3));
        for (int i = 0; i < 8; i++)
        {
            bool expected = Torch.Rand([1], generator: reference).Item<float>() < 0.5;
            Assert.Equal(expected ? new byte[] { 3, 2, 1 } : new byte[] { 1, 2, 3 }, flip.Invoke(x).ToArray<byte>());
        }
    }

    [Fact]
    public void GrayscaleWeighsRgbAndTruncatesBytes()
    {
        var rgb = Bytes([3, 2, 2], 10, 200, 255, 0, 20, 100, 255, 0, 30, 50, 255, 1);
        // (0.2989 r + 0.587 g + 0.114 b) in float32, then .to(uint8): 18.149, 124.18, 254.97, 0.114
        Assert.Equal(new byte[] { 18, 124, 254, 0 }, new Grayscale().Invoke(rgb).ToArray<byte>());
        var three = new Grayscale(3).Invoke(rgb);
        Assert.Equal(new long[] { 3, 2, 2 }, three.Shape.ToArray());
        Assert.Equal(new byte[] { 18, 124, 254, 0, 18, 124, 254, 0, 18, 124, 254, 0 }, three.ToArray<byte>());
        var f = new Grayscale().Invoke(new ToTensor().Invoke(rgb)).ToArray<float>();
        float[] expected = [0.0711725577712059f, 0.4869804084300995f, 0.9999000430107117f, 0.0004470588464755565f];
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], f[i], 6);
        Assert.Contains("permitted channel values are [1, 3], but found 4", Assert.Throws<ArgumentException>(() => new Grayscale().Invoke(Torch.Zeros(4, 2, 2))).Message);
    }
}
