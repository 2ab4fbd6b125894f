using StaticNet.Vision;

namespace StaticNet.Tests.Vision;

/// <summary>CIFAR-10's binary layout on a small tree the tests write.</summary>
public class Cifar10Tests
{
    // Record r of a batch: label, then R plane = r, G plane = 100 + r, B plane = 200 + r (1024 bytes each).
    private static byte[] Batch(params byte[] labels)
    {
        var bytes = new byte[labels.Length * Cifar10.RecordSize];
        for (int r = 0; r < labels.Length; r++)
        {
            int o = r * Cifar10.RecordSize;
            bytes[o] = labels[r];
            for (int c = 0; c < 3; c++) bytes.AsSpan(o + 1 + c * 1024, 1024).Fill((byte)(100 * c + r));
        }
        return bytes;
    }

    private static TempFolder WriteTree(Action<string>? change = null)
    {
        var dir = new TempFolder();
        var folder = Path.Combine(dir.Path, "cifar-10-batches-bin");
        Directory.CreateDirectory(folder);
        for (int i = 1; i <= 5; i++) File.WriteAllBytes(Path.Combine(folder, $"data_batch_{i}.bin"), Batch((byte)i, (byte)(i + 4)));
        File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), Batch(3));
        File.WriteAllText(Path.Combine(folder, "batches.meta.txt"), "plane\ncar\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");
        change?.Invoke(folder);
        return dir;
    }

    [Fact]
    public void TrainingSplitConcatenatesTheFiveBatchesInOrder()
    {
        using var dir = WriteTree();
        var data = new Cifar10(dir.Path);
        Assert.Equal(10, data.Count);
        Assert.Equal(new long[] { 1, 5, 2, 6, 3, 7, 4, 8, 5, 9 }, Enumerable.Range(0, 10).Select(i => data[i].Label).ToArray());
        var (image, _) = data[1];
        Assert.Equal(new long[] { 3, 32, 32 }, image.Shape.ToArray());
        Assert.Equal(DType.UInt8, image.DType);
        // Channels first: plane c of record 1 is 100·c + 1.
        Assert.Equal(1, image[0, 0, 0].Item<long>());
        Assert.Equal(101, image[1, 31, 31].Item<long>());
        Assert.Equal(201, image[2, 5, 7].Item<long>());
        Assert.Equal("plane", data.Classes[0]);
    }

    [Fact]
    public void TestSplitWithSeed002sTransformMapsPixelsToMinusOneToOne()
    {
        using var dir = WriteTree();
        var transform = new Compose(new ToTensor(), new Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5]));
        var data = new Cifar10(dir.Path, train: false, transform: transform);
        Assert.Equal(1, data.Count);
        var (image, label) = data[0];
        Assert.Equal(3L, label);
        // (x/255 - 0.5) / 0.5 for x = 0, 100, 200.
        Assert.Equal(-1f, image[0, 0, 0].Item<float>());
        Assert.Equal((100 / 255f - 0.5f) / 0.5f, image[1, 0, 0].Item<float>());
        Assert.Equal((200 / 255f - 0.5f) / 0.5f, image[2, 3, 3].Item<float>());
    }

    [Fact]
    public void PartialRecordIsAWrongLengthAtItsOffset()
    {
        using var dir = WriteTree(f => File.AppendAllText(Path.Combine(f, "data_batch_3.bin"), "abc"));
        var e = Assert.Throws<DataFormatException>(() => new Cifar10(dir.Path));
        Assert.EndsWith("data_batch_3.bin", e.FilePath);
        Assert.Equal(2 * 3073, e.Offset);
        Assert.Contains("6149 bytes is not a whole number of 3073-byte records", e.Message);
    }

    [Fact]
    public void LabelOutOfRangeNamesTheRecordAndOffset()
    {
        using var dir = WriteTree(f => File.WriteAllBytes(Path.Combine(f, "test_batch.bin"), Batch(0, 10)));
        var e = Assert.Throws<DataFormatException>(() => new Cifar10(dir.Path, train: false));
        Assert.Equal(3073, e.Offset);
        Assert.Contains("label 10 of record 1 at byte offset 3073 is out of range: expected 0 to 9", e.Message);
    }

    [Fact]
    public void MissingBatchAndDownloadExplainTheExpectedLayout()
    {
        using var dir = WriteTree(f => File.Delete(Path.Combine(f, "data_batch_4.bin")));
        var e = Assert.Throws<FileNotFoundException>(() => new Cifar10(dir.Path));
        Assert.Contains("'data_batch_4.bin' not found", e.Message);
        var d = Assert.Throws<NotSupportedException>(() => new Cifar10(dir.Path, download: true));
        Assert.Contains("never downloads", d.Message);
    }
}
