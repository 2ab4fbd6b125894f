using System.IO.Compression;
using System.Text;

namespace StaticNet.Tests.IO;

/// <summary>Broken and hostile files fail with InvalidDataException naming the file and what was expected.</summary>
public class CorruptFileTests
{
    private static byte[] Safetensors(string header, int dataBytes)
    {
        var h = Encoding.UTF8.GetBytes(header);
        return [.. BitConverter.GetBytes((ulong)h.Length), .. h, .. new byte[dataBytes]];
    }

    private static InvalidDataException LoadFails(TempFolder dir, string name, byte[] bytes)
    {
        var path = dir.File(name);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => Torch.Load(path));
        Assert.Contains(path, e.Message);
        return e;
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 12, "tensor 'b' at data_offsets [4, 8] overlaps")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12, "tensor 'a' starts at 4, leaving a gap")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 4, "need 8 bytes of data, but the file has only 4")]
    [InlineData("""{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", 8, "tensor 'a' (F32, shape [3]) needs 12 bytes")]
    [InlineData("""{"a":{"dtype":"I16","shape":[1],"data_offsets":[0,2]}}""", 2, "tensor 'a' has dtype I16, which StaticNet does not load")]
    [InlineData("""{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", 4, "tensor 'a' has shape [-1]")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}""", 4, "tensor 'a' has data_offsets [8,4]")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1]}}""", 4, "tensor 'a' needs \"dtype\"")]
    [InlineData("""[1, 2]""", 0, "the header is not a JSON object")]
    [InlineData("""{"a":""", 0, "the header is not valid JSON")]
    public void ASafetensorsHeaderThatLiesIsRejectedNamingTheTensor(string header, int dataBytes, string expected)
    {
        using var dir = new TempFolder();
        var e = LoadFails(dir, "bad.safetensors", Safetensors(header, dataBytes));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void AHeaderLengthBeyondTheFileIsRejected()
    {
        using var dir = new TempFolder();
        var e = LoadFails(dir, "long.safetensors", [.. BitConverter.GetBytes(1UL << 40), .. "{}"u8]);
        Assert.Contains("header length 1099511627776 exceeds the 2 bytes after it", e.Message);
    }

    [Theory]
    [InlineData(".safetensors")]
    [InlineData(".pth")]
    public void AFileTruncatedAtAnyLengthFailsWithInvalidDataNeverAnOutOfRangeError(string extension)
    {
        using var dir = new TempFolder();
        var good = dir.File("good" + extension);
        Torch.Save(new StateDict { ["w"] = Torch.Ones([2, 3]), ["b"] = Torch.Tensor(new long[] { 1, 2 }) }, good);
        var bytes = File.ReadAllBytes(good);
        var path = dir.File("cut" + extension);
        // Every cut in the header and the archive's end records, every 11th byte elsewhere (keeps the suite fast).
        foreach (var length in Enumerable.Range(0, bytes.Length).Where(n => n < 160 || n > bytes.Length - 240 || n % 11 == 0))
        {
            File.WriteAllBytes(path, bytes[..length]);
            var e = Record.Exception(() => Torch.Load(path));
            Assert.True(e is InvalidDataException, $"length {length}: {e?.GetType().Name}: {e?.Message}");
            Assert.Contains(path, e!.Message);
        }
    }

    [Fact]
    public void EveryCorruptedByteOfAPthFileFailsCleanlyOrLoads()
    {
        using var dir = new TempFolder();
        var path = dir.File("flip.pth");
        Torch.Save(new StateDict { ["w"] = Torch.Ones([2, 3]), ["v"] = Torch.Ones([2, 3]).T }, path);
        var bytes = File.ReadAllBytes(path);
        foreach (var i in Enumerable.Range(0, bytes.Length).Where(n => n % 4 == 1))
        {
            var copy = (byte[])bytes.Clone();
            copy[i] ^= 0x5a;
            File.WriteAllBytes(path, copy);
            var e = Record.Exception(() => Torch.Load(path));
            Assert.True(e is null or InvalidDataException, $"byte {i}: {e?.GetType().Name}: {e?.Message}");
        }
    }

    private static byte[] Zip(string folder, byte[] pickle)
    {
        var s = new MemoryStream();
        using (var zip = new ZipArchive(s, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var e = zip.CreateEntry(folder + "/data.pkl", CompressionLevel.NoCompression).Open()) e.Write(pickle);
            using (var e = zip.CreateEntry(folder + "/version", CompressionLevel.NoCompression).Open()) e.Write("3\n"u8);
        }
        return s.ToArray();
    }

    [Fact]
    public void APickleNamingOsSystemIsRejectedWithoutRunningIt()
    {
        // What pickle.dumps of an object whose __reduce__ returns (os.system, ("touch pwned",)) contains.
        using var dir = new TempFolder();
        byte[] pickle = [0x80, 2, (byte)'c', .. "posix\nsystem\n"u8, (byte)'q', 0, (byte)'X', 11, 0, 0, 0, .. "touch pwned"u8,
            0x85, (byte)'R', (byte)'.'];
        var e = LoadFails(dir, "evil.pth", Zip("evil", pickle));
        Assert.Contains("the global 'posix.system', which is not allowed", e.Message);
        Assert.False(File.Exists("pwned"));
    }

    [Fact]
    public void AnOpcodeAStateDictNeverUsesIsRejectedByName()
    {
        using var dir = new TempFolder();
        byte[] pickle = [0x80, 2, (byte)'}', 0x93, (byte)'.']; // STACK_GLOBAL (protocol 4)
        var e = LoadFails(dir, "op.pth", Zip("op", pickle));
        Assert.Contains("the opcode STACK_GLOBAL, which a state dict never uses", e.Message);
    }

    [Fact]
    public void AStorageRecordShorterThanItsTensorIsReportedWithTheKey()
    {
        using var dir = new TempFolder();
        var path = dir.File("short.pth");
        Torch.Save(new StateDict { ["layer.weight"] = Torch.Ones([4]) }, path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry("short/data/0")!.Delete();
            using var e = zip.CreateEntry("short/data/0").Open();
            e.Write(new byte[8]);
        }
        var ex = Assert.Throws<InvalidDataException>(() => Torch.Load(path));
        Assert.Contains("storage '0' of tensor 'layer.weight' should hold 4 elements of torch.FloatStorage (16 bytes), but its record has 8 bytes", ex.Message);
    }

    [Fact]
    public void ALegacyNonZipFileIsRejectedSayingSo()
    {
        using var dir = new TempFolder();
        var e = LoadFails(dir, "old.pth", [0x80, 2, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19]);
        Assert.Contains("is not a zip archive", e.Message);
    }

    [Fact]
    public void AMissingFileIsReportedByName()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Torch.Load("/nonexistent/model.pth"));
        Assert.Contains("'/nonexistent/model.pth'", e.Message);
    }

    [Fact]
    public void MissingKeysAndShapeMismatchesNameTheFileAndTheKeys()
    {
        using var dir = new TempFolder();
        var path = dir.File("fc.safetensors");
        Torch.Save(new StateDict { ["weight"] = Torch.Ones([3, 2]) }, path);
        var model = new StaticNet.NN.Linear(2, 4);
        var e = Assert.Throws<ArgumentException>(() => model.LoadStateDict(Torch.Load(path)));
        Assert.Equal($"Error(s) in loading state_dict for Linear from '{path}':\n\tMissing key(s) in state_dict: \"bias\".\n\t"
            + "size mismatch for weight: copying a param with shape [3, 2] from checkpoint, the shape in current model is [4, 2].", e.Message);
    }
}
