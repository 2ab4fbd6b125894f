using StaticNet.Vision;

namespace StaticNet.Tests.Vision;

/// <summary>PNG and JPEG reading and writing.</summary>
public class ImageIoTests
{
    private static Tensor Pattern(int channels, int height, int width)
    {
        var bytes = new byte[channels * height * width];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i * 37 % 256);
        return Torch.Tensor(bytes, DType.UInt8).View(channels, height, width);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void PngRoundTripIsBitExact(int channels)
    {
        using var dir = new TempFolder();
        var image = Pattern(channels, 5, 7);
        Image.Save(image, dir.File("x.png"));
        var back = Image.Read(dir.File("x.png"));
        Assert.Equal(DType.UInt8, back.DType);
        Assert.Equal(new long[] { channels, 5, 7 }, back.Shape.ToArray());
        Assert.Equal(image.ToArray<byte>(), back.ToArray<byte>());
    }

    [Fact]
    public void FloatImagesAreScaledRoundedAndClampedLikeSaveImage()
    {
        using var dir = new TempFolder();
        // x·255 + 0.5, clamped to [0, 255], truncated: 0.5 → 128, 0.2 → 51, 1.2 → 255, -0.3 → 0, 0.001 → 0, 0.003 → 1
        var image = Torch.Tensor(new float[] { 0.5f, 0.2f, 1.2f, -0.3f, 0.001f, 0.003f }).View(1, 2, 3);
        Image.Save(image, dir.File("f.png"));
        Assert.Equal(new byte[] { 128, 51, 255, 0, 0, 1 }, Image.Read(dir.File("f.png")).ToArray<byte>());
    }

    [Fact]
    public void JpegRoundTripIsClose()
    {
        using var dir = new TempFolder();
        // A smooth gradient, which JPEG keeps well.
        var bytes = new byte[3 * 16 * 16];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 16; y++)
                for (int x = 0; x < 16; x++) bytes[c * 256 + y * 16 + x] = (byte)(40 + 8 * x + 4 * y + 10 * c);
        var image = Torch.Tensor(bytes, DType.UInt8).View(3, 16, 16);
        Image.Save(image, dir.File("g.jpg"), quality: 95);
        var back = Image.Read(dir.File("g.jpg"));
        Assert.Equal(new long[] { 3, 16, 16 }, back.Shape.ToArray());
        var got = back.ToArray<byte>();
        double meanError = bytes.Zip(got, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanError < 3, $"mean absolute error {meanError}");
        Assert.True(bytes.Zip(got, (a, b) => Math.Abs(a - b)).Max() < 16);
    }

    [Fact]
    public void ReadModesConvertChannels()
    {
        using var dir = new TempFolder();
        Image.Save(Pattern(1, 2, 2), dir.File("gray.png"));
        Assert.Equal(new long[] { 3, 2, 2 }, Image.Read(dir.File("gray.png"), ImageReadMode.Rgb).Shape.ToArray());
        Assert.Equal(new long[] { 4, 2, 2 }, Image.Read(dir.File("gray.png"), ImageReadMode.RgbAlpha).Shape.ToArray());
        var rgb = Image.Read(dir.File("gray.png"), ImageReadMode.Rgb).ToArray<byte>();
        Assert.Equal(rgb[..4], rgb[4..8]); // gray repeated in R, G and B
    }

    [Fact]
    public void SavingABatchLaysItOutWithMakeGrid()
    {
        using var dir = new TempFolder();
        Image.Save(Torch.Ones(4, 3, 8, 8), dir.File("grid.png"));
        var back = Image.Read(dir.File("grid.png"));
        Assert.Equal(new long[] { 3, 12, 42 }, back.Shape.ToArray());
        Assert.Equal(0, back[0, 0, 0].Item<long>());   // padding
        Assert.Equal(255, back[0, 2, 2].Item<long>()); // first image
    }

    [Fact]
    public void SaveReplacesTheFileAndLeavesNoTemporaryFile()
    {
        using var dir = new TempFolder();
        Image.Save(Torch.Zeros([1, 2, 2], DType.UInt8), dir.File("x.png"));
        Image.Save(Torch.Full([1, 2, 2], 7L, DType.UInt8), dir.File("x.png"));
        Assert.Equal(new byte[] { 7, 7, 7, 7 }, Image.Read(dir.File("x.png")).ToArray<byte>());
        Assert.Equal(new[] { "x.png" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void ErrorsNameThePathAndTheProblem()
    {
        using var dir = new TempFolder();
        Assert.Contains("no file at", Assert.Throws<FileNotFoundException>(() => Image.Read(dir.File("none.png"))).Message);
        File.WriteAllText(dir.File("fake.png"), "not a png");
        var e = Assert.Throws<InvalidDataException>(() => Image.Read(dir.File("fake.png")));
        Assert.Contains("fake.png", e.Message);
        Assert.Contains("not a readable PNG or JPEG image", e.Message);
        Assert.Contains(".png, .jpg or .jpeg", Assert.Throws<ArgumentException>(() => Image.Save(Torch.Zeros(1, 2, 2), dir.File("x.gif"))).Message);
        Assert.Contains("got shape [5, 2, 2]", Assert.Throws<ArgumentException>(() => Image.Save(Torch.Zeros(5, 2, 2), dir.File("x.png"))).Message);
        Assert.DoesNotContain(Directory.GetFiles(dir.Path), f => f.EndsWith(".tmp"));
    }
}
