using StaticNet.Vision;

namespace StaticNet.Tests.Vision;

/// <summary>MNIST/Fashion-MNIST reading on IDX files the tests write, raw and gzipped, and corrupt ones.</summary>
public class MnistIdxTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsRawAndGzippedIdxFiles(bool gzip)
    {
        using var dir = new TempFolder();
        IdxWriter.WriteSplit(dir.Path, "train", [3, 1, 4], gzip);
        var data = new Mnist(dir.Path);
        Assert.Equal(3, data.Count);
        var (image, label) = data[2];
        Assert.Equal(4L, label);
        Assert.Equal(new long[] { 1, 2, 3 }, image.Shape.ToArray());
        Assert.Equal(DType.UInt8, image.DType);
        Assert.Equal(new byte[] { 20, 21, 22, 23, 24, 25 }, image.ToArray<byte>());
        Assert.Equal(new long[] { 3, 1, 4 }, data.Targets.ToArray<long>());
    }

    [Fact]
    public void TestSplitReadsTheT10kFilesAndTorchvisionsRawFolder()
    {
        using var dir = new TempFolder();
        var raw = Path.Combine(dir.Path, "FashionMNIST", "raw");
        Directory.CreateDirectory(raw);
        IdxWriter.WriteSplit(raw, "t10k", [7, 8], gzip: true);
        var data = new FashionMnist(dir.Path, train: false, transform: new ToTensor());
        Assert.Equal(2, data.Count);
        Assert.Equal(8L, data[1].Label);
        Assert.Equal(new[] { 10 / 255f, 11 / 255f, 12 / 255f, 13 / 255f, 14 / 255f, 15 / 255f }, data[1].Image.ToArray<float>());
    }

    [Fact]
    public void IndexingReturnsAFreshCopySoInPlaceEditsDoNotCorruptTheDataset()
    {
        using var dir = new TempFolder();
        IdxWriter.WriteSplit(dir.Path, "train", [0, 1], gzip: false);
        var data = new Mnist(dir.Path);
        data[0].Image.Fill_(99L);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 5 }, data[0].Image.ToArray<byte>());
    }

    [Fact]
    public void IndexOutsideTheDatasetThrowsWithPyTorchsWording()
    {
        using var dir = new TempFolder();
        IdxWriter.WriteSplit(dir.Path, "train", [0, 1], gzip: false);
        var data = new Mnist(dir.Path);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => data[2]);
        Assert.Contains("index 2 is out of bounds for dimension 0 with size 2", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => data[-1]);
    }

    [Fact]
    public void DownloadTrueExplainsThatNothingIsDownloaded()
    {
        var e = Assert.Throws<NotSupportedException>(() => new FashionMnist("/nonexistent", download: true));
        Assert.Contains("never downloads", e.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", e.Message);
        Assert.Contains("train-images-idx3-ubyte", e.Message);
    }

    [Fact]
    public void MissingFilesNameTheFileAndTheFoldersSearched()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<FileNotFoundException>(() => new FashionMnist(dir.Path));
        Assert.Contains("'train-images-idx3-ubyte' (or 'train-images-idx3-ubyte.gz') not found", e.Message);
        Assert.Contains(dir.Path, e.Message);
        Assert.Contains(Path.Combine(dir.Path, "FashionMNIST", "raw"), e.Message);
    }

    private static DataFormatException LoadCorrupt(Action<string> corrupt, bool gzip = false)
    {
        using var dir = new TempFolder();
        IdxWriter.WriteSplit(dir.Path, "train", [1, 2], gzip);
        corrupt(dir.Path);
        return Assert.Throws<DataFormatException>(() => new Mnist(dir.Path));
    }

    [Fact]
    public void BadMagicNumberNamesTheFileOffsetAndExpectedValue()
    {
        var e = LoadCorrupt(d =>
        {
            var path = Path.Combine(d, "train-images-idx3-ubyte");
            var bytes = File.ReadAllBytes(path);
            bytes[3] = 1; // claims 1 dimension
            File.WriteAllBytes(path, bytes);
        });
        Assert.EndsWith("train-images-idx3-ubyte", e.FilePath);
        Assert.Equal(0, e.Offset);
        Assert.Contains("bad magic number at byte offset 0: expected 0x00000803", e.Message);
        Assert.Contains("found 0x00000801", e.Message);
    }

    [Theory]
    [InlineData(false, "")]
    [InlineData(true, " of the decompressed data")]
    public void TruncatedDataNamesTheOffsetWhereItEnds(bool gzip, string where)
    {
        using var dir = new TempFolder();
        IdxWriter.WriteSplit(dir.Path, "train", [1, 2], gzip: false);
        var path = Path.Combine(dir.Path, "train-images-idx3-ubyte");
        var bytes = File.ReadAllBytes(path)[..20]; // 16-byte header + 4 of the 12 pixel bytes
        File.Delete(path);
        IdxWriter.Write(path + (gzip ? ".gz" : ""), bytes, gzip);
        var e = Assert.Throws<DataFormatException>(() => new Mnist(dir.Path));
        Assert.Equal(20, e.Offset);
        Assert.Contains($"truncated: expected 28 bytes (16-byte header + [2 x 2 x 3] bytes) but the data ends at byte offset 20{where}", e.Message);
    }

    [Fact]
    public void TruncatedHeaderIsReportedNotIndexedPast()
    {
        var e = LoadCorrupt(d => File.WriteAllBytes(Path.Combine(d, "train-labels-idx1-ubyte"), [0, 0, 8, 1, 0, 0]));
        Assert.Equal(6, e.Offset);
        Assert.Contains("truncated IDX header at byte offset 6", e.Message);
        var empty = LoadCorrupt(d => File.WriteAllBytes(Path.Combine(d, "train-labels-idx1-ubyte"), []));
        Assert.Contains("expected a 4-byte magic number", empty.Message);
    }

    [Fact]
    public void ExtraBytesAreAWrongLength()
    {
        var e = LoadCorrupt(d => File.AppendAllText(Path.Combine(d, "train-labels-idx1-ubyte"), "x"));
        Assert.Equal(10, e.Offset);
        Assert.Contains("wrong length: expected 10 bytes (8-byte header + [2] bytes) but there is more data at byte offset 10", e.Message);
    }

    [Fact]
    public void LabelOutOfRangeNamesTheSampleAndOffset()
    {
        var e = LoadCorrupt(d => IdxWriter.Write(Path.Combine(d, "train-labels-idx1-ubyte"), IdxWriter.Bytes([2], [1, 12]), gzip: false));
        Assert.Equal(9, e.Offset);
        Assert.Contains("label 12 (sample 1) at byte offset 9 is out of range: expected 0 to 9", e.Message);
    }

    [Fact]
    public void ImageAndLabelCountsMustAgree()
    {
        var e = LoadCorrupt(d => IdxWriter.Write(Path.Combine(d, "train-labels-idx1-ubyte"), IdxWriter.Bytes([3], [1, 2, 3]), gzip: false));
        Assert.Contains("the label count 3 at byte offset 4 does not match the image count 2", e.Message);
    }

    [Fact]
    public void CorruptGzipNamesTheFile()
    {
        var e = LoadCorrupt(d =>
        {
            var path = Path.Combine(d, "train-images-idx3-ubyte.gz");
            var bytes = File.ReadAllBytes(path);
            for (int i = 10; i < bytes.Length - 8; i++) bytes[i] ^= 0x5a; // scramble the deflate stream
            File.WriteAllBytes(path, bytes);
        }, gzip: true);
        Assert.EndsWith("train-images-idx3-ubyte.gz", e.FilePath);
    }
}
