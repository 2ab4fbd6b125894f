using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using StaticNet.NN;
using StaticNet.Tests.IO;
using StaticNet.Vision;

namespace StaticNet.Tests.Fuzz;

/// <summary>
/// A small file whose header claims 10^12 elements (10^6 × 10^6) is rejected, naming the file, before anything the
/// claim would need is allocated: every parser checks a claimed size against the bytes the file really has.
/// </summary>
public class HugeClaimTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const long Million = 1_000_000;

    // What a parse may allocate for these few-hundred-byte files: buffers and tables, never the claimed 10^12 bytes.
    private const long AllocationLimit = 64L << 20;

    public static TheoryData<string> Formats => ["safetensors", "pth", "idx", "png", "cifar10-py"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void AClaimOfATrillionElementsIsRejectedBeforeAllocating(string format)
    {
        using var dir = new TempFolder();
        var (path, parse) = Write(dir, format);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Record.Exception(parse);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(e is InvalidDataException or DataFormatException, $"{format}: {e}");
        output.WriteLine($"{format}: {allocated} bytes allocated; {e.Message}");
        Assert.Contains(Path.GetFileName(path), e!.Message);
        Assert.True(allocated < AllocationLimit, $"{format}: {allocated} bytes allocated for a {new FileInfo(path).Length}-byte file: {e.Message}");
    }

    [Fact]
    public void OneStrEncodedAgainAndAgainIsEncodedOnce()
    {
        // Python 3's protocol 2 writes bytes as _codecs.encode(str, 'latin1'); memo entries let a 200 kB file encode
        // the same 200 kB str 1,000 times, which would be 200 MB if each call made new bytes.
        using var dir = new TempFolder();
        var folder = Path.Combine(dir.Path, "cifar-10-batches-py");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "test_batch");
        var p = new List<byte> { 0x80, 2, (byte)'}', (byte)'(' };
        void Unicode(string text)
        {
            p.Add((byte)'X');
            p.AddRange(BitConverter.GetBytes(text.Length));
            p.AddRange(Encoding.ASCII.GetBytes(text));
        }
        Unicode("data");
        p.AddRange(Encoding.ASCII.GetBytes("c_codecs\nencode\nq\u0001"));
        Unicode(new string('a', 200_000));
        p.AddRange([(byte)'q', 2]);
        Unicode("latin1");
        p.AddRange([(byte)'q', 3, 0x86, (byte)'R']);
        Unicode("filenames");
        p.AddRange([(byte)']', (byte)'(']);
        for (int i = 0; i < 1000; i++) p.AddRange([(byte)'h', 1, (byte)'h', 2, (byte)'h', 3, 0x86, (byte)'R']);
        p.AddRange([(byte)'e', (byte)'u', (byte)'.']);
        File.WriteAllBytes(path, [.. p]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFormatException>(() => new Cifar10(dir.Path, train: false));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("the entry b'data' is a bytes; expected a uint8 numpy array", e.Message);
        Assert.True(allocated < AllocationLimit, $"{allocated} bytes allocated for a {p.Count}-byte file");
    }

    private static (string Path, Action Parse) Write(TempFolder dir, string format)
    {
        switch (format)
        {
            case "safetensors":
                {
                    var path = dir.File("huge.safetensors");
                    var header = Encoding.UTF8.GetBytes("{\"w\":{\"dtype\":\"F32\",\"shape\":[1000000,1000000],\"data_offsets\":[0,4000000000000]}}");
                    File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. new byte[16]]);
                    return (path, () => Torch.Load(path));
                }
            case "pth":
                {
                    var path = dir.File("huge.pth");
                    File.WriteAllBytes(path, PthWithStorageOf(Million * Million));
                    return (path, () => Torch.Load(path));
                }
            case "idx":
                {
                    var path = dir.File("huge-idx3-ubyte");
                    var bytes = new byte[16 + 64];
                    bytes[2] = 0x08; // unsigned byte
                    bytes[3] = 3;    // three dimensions: 10^6 × 10^3 × 10^3
                    BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), (int)Million);
                    BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), 1000);
                    BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), 1000);
                    File.WriteAllBytes(path, bytes);
                    return (path, () => IdxFile.Read(path, 3));
                }
            case "png":
                {
                    var path = dir.File("huge.png");
                    Image.Save(Torch.Zeros([3, 4, 4], DType.UInt8), path);
                    var bytes = File.ReadAllBytes(path);
                    // IHDR: length (8), "IHDR" (12), width (16), height (20), ..., CRC over type and data (29).
                    BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), (int)Million);
                    BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), (int)Million);
                    BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), StaticNet.IO.Pth.Crc32.Append(0, bytes.AsSpan(12, 17)));
                    File.WriteAllBytes(path, bytes);
                    return (path, () => Image.Read(path));
                }
            default:
                {
                    var folder = Path.Combine(dir.Path, "cifar-10-batches-py");
                    Directory.CreateDirectory(folder);
                    var path = Path.Combine(folder, "test_batch");
                    var batch = File.ReadAllBytes(TestData.File("cifar10-py/cifar-10-batches-py/test_batch"));
                    // The array's shape (2, 3072) is "K\x02M\x00\x0c\x86"; make it (10^6, 10^6) with two BININTs.
                    byte[] shape = [(byte)'K', 2, (byte)'M', 0x00, 0x0c, 0x86];
                    int at = batch.AsSpan().IndexOf(shape);
                    Assert.True(at > 0);
                    var million = new byte[4];
                    BinaryPrimitives.WriteInt32LittleEndian(million, (int)Million);
                    File.WriteAllBytes(path, [.. batch.AsSpan(0, at), (byte)'J', .. million, (byte)'J', .. million, 0x86, .. batch.AsSpan(at + shape.Length)]);
                    return (path, () => _ = new Cifar10(dir.Path, train: false));
                }
        }
    }

    // torch.save's layout for {'w': tensor} whose storage claims numel elements, of shape (10^6, 10^6), with a 16-byte record.
    private static byte[] PthWithStorageOf(long numel)
    {
        var p = new List<byte> { 0x80, 2, (byte)'}', (byte)'(' };
        void Unicode(string s)
        {
            p.Add((byte)'X');
            p.AddRange(BitConverter.GetBytes(s.Length));
            p.AddRange(Encoding.ASCII.GetBytes(s));
        }
        void BinInt(int v)
        {
            p.Add((byte)'J');
            p.AddRange(BitConverter.GetBytes(v));
        }
        Unicode("w");
        p.AddRange(Encoding.ASCII.GetBytes("ctorch._utils\n_rebuild_tensor_v2\n"));
        p.AddRange("(("u8.ToArray());
        Unicode("storage");
        p.AddRange(Encoding.ASCII.GetBytes("ctorch\nFloatStorage\n"));
        Unicode("0");
        Unicode("cpu");
        p.AddRange([0x8a, 8, .. BitConverter.GetBytes(numel)]); // LONG1
        p.AddRange([(byte)'t', (byte)'Q', (byte)'K', 0]);     // TUPLE, BINPERSID, offset 0
        BinInt((int)Million);
        BinInt((int)Million);
        p.Add(0x86);
        BinInt((int)Million);
        p.AddRange([(byte)'K', 1, 0x86]);                      // stride (10^6, 1)
        p.AddRange([0x89, (byte)'}', (byte)'t', (byte)'R', (byte)'u', (byte)'.']); // requires_grad=False, hooks {}
        var s = new MemoryStream();
        using (var zip = new ZipArchive(s, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var e = zip.CreateEntry("huge/data.pkl", CompressionLevel.NoCompression).Open()) e.Write(p.ToArray());
            using (var e = zip.CreateEntry("huge/data/0", CompressionLevel.NoCompression).Open()) e.Write(new byte[16]);
            using (var e = zip.CreateEntry("huge/version", CompressionLevel.NoCompression).Open()) e.Write("3\n"u8);
        }
        return s.ToArray();
    }
}
