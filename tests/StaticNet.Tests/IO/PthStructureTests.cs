using System.IO.Compression;
using System.Text;

namespace StaticNet.Tests.IO;

/// <summary>The bytes StaticNet writes for a .pth file, checked against what PyTorch 1.13 writes.</summary>
public class PthStructureTests
{
    [Fact]
    public void APthFileIsByteForByteWhatPyTorch113WritesForTheSameStateDict()
    {
        // tests/data/pytorch113_plain.pth is torch.save of the same OrderedDict (make_io_data.py, part 2); the file
        // stem is the archive's top folder, so the copy must have the same name.
        using var dir = new TempFolder();
        var path = dir.File("pytorch113_plain.pth");
        Torch.Save(SampleTensors.Plain(), path);
        var expected = File.ReadAllBytes(TestData.File("pytorch113_plain.pth"));
        var actual = File.ReadAllBytes(path);
        Assert.Equal(expected.Length, actual.Length);
        int first = Enumerable.Range(0, expected.Length).FirstOrDefault(i => expected[i] != actual[i], -1);
        Assert.True(first < 0, $"first differing byte at {first}");
    }

    [Fact]
    public void EntriesAreTheStemFolderWithDataRecordsSortedAsStringsAndVersion3()
    {
        using var dir = new TempFolder();
        var path = dir.File("weights.pt");
        var sd = new StateDict();
        for (int i = 0; i < 12; i++) sd[$"t{i}"] = Torch.Full([2], i);
        Torch.Save(sd, path);
        using var zip = ZipFile.OpenRead(path);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        // PyTorch sorts the storage keys as strings: "10" and "11" come before "2".
        string[] expectedData = ["0", "1", "10", "11", "2", "3", "4", "5", "6", "7", "8", "9"];
        Assert.Equal(["weights/data.pkl", .. expectedData.Select(k => "weights/data/" + k), "weights/version"], names);
        Assert.All(zip.Entries, e => Assert.Equal(e.Length, e.CompressedLength)); // stored, not deflated
        using var version = new StreamReader(zip.GetEntry("weights/version")!.Open());
        Assert.Equal("3\n", version.ReadToEnd());
    }

    [Fact]
    public void EveryRecordStartsAtAMultipleOf64Bytes()
    {
        using var dir = new TempFolder();
        var path = dir.File("aligned.pth");
        Torch.Save(new StateDict { ["a.b.weight"] = Torch.Ones([3, 5]), ["x"] = Torch.Tensor(new long[] { 1, 2, 3 }) }, path);
        var bytes = File.ReadAllBytes(path);
        Dictionary<string, long> sizes;
        using (var zip = ZipFile.OpenRead(path)) sizes = zip.Entries.ToDictionary(e => e.FullName, e => e.Length);
        var seen = new List<string>();
        for (int at = 0; BitConverter.ToUInt32(bytes, at) == 0x04034b50;)
        {
            int nameLength = BitConverter.ToUInt16(bytes, at + 26), extraLength = BitConverter.ToUInt16(bytes, at + 28);
            var name = Encoding.UTF8.GetString(bytes, at + 30, nameLength);
            int data = at + 30 + nameLength + extraLength;
            Assert.Equal(0, data % 64);
            Assert.Equal("FB", Encoding.ASCII.GetString(bytes, at + 30 + nameLength, 2)); // PyTorch's padding field
            seen.Add(name);
            at = data + (int)sizes[name] + 16; // data, then the 16-byte data descriptor
        }
        Assert.Equal(["aligned/data.pkl", "aligned/data/0", "aligned/data/1", "aligned/version"], seen);
    }

    [Fact]
    public void ThePickleUsesOrderedDictRebuildTensorV2AndPersistentStorageIds()
    {
        using var dir = new TempFolder();
        var path = dir.File("m.pth");
        Torch.Save(new StateDict { ["w"] = Torch.Zeros([2]) }, path);
        using var zip = ZipFile.OpenRead(path);
        using var s = new MemoryStream();
        zip.GetEntry("m/data.pkl")!.Open().CopyTo(s);
        var pkl = s.ToArray();
        // The opcodes CPython's pickler (protocol 2) writes for OrderedDict({'w': tensor([0., 0.])}), from pickletools.dis.
        byte[] expected =
        [
            0x80, 2, (byte)'c', .. "collections\nOrderedDict\n"u8, (byte)'q', 0, (byte)')', (byte)'R', (byte)'q', 1,
            (byte)'X', 1, 0, 0, 0, (byte)'w', (byte)'q', 2,
            (byte)'c', .. "torch._utils\n_rebuild_tensor_v2\n"u8, (byte)'q', 3,
            (byte)'(', (byte)'(', (byte)'X', 7, 0, 0, 0, .. "storage"u8, (byte)'q', 4,
            (byte)'c', .. "torch\nFloatStorage\n"u8, (byte)'q', 5,
            (byte)'X', 1, 0, 0, 0, (byte)'0', (byte)'q', 6, (byte)'X', 3, 0, 0, 0, .. "cpu"u8, (byte)'q', 7,
            (byte)'K', 2, (byte)'t', (byte)'q', 8, (byte)'Q',
            (byte)'K', 0, (byte)'K', 2, 0x85, (byte)'q', 9, (byte)'K', 1, 0x85, (byte)'q', 10, 0x89,
            (byte)'h', 0, (byte)')', (byte)'R', (byte)'q', 11, (byte)'t', (byte)'q', 12, (byte)'R', (byte)'q', 13,
            (byte)'s', (byte)'.',
        ];
        Assert.Equal(expected, pkl);
    }
}
