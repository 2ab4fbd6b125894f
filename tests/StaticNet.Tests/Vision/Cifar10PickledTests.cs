using System.Security.Cryptography;
using StaticNet.Tests.IO;
using StaticNet.Vision;

namespace StaticNet.Tests.Vision;

/// <summary>
/// CIFAR-10's python version (<c>cifar-10-batches-py</c>, torchvision's default layout): pickled batches read by the
/// restricted unpickler. The committed fixture (tests/data/make_cifar10_py.py) is laid out as Python 2's cPickle wrote
/// the real files; the numpy tests write Python 3 protocol-2 pickles at test time; torchvision is the oracle.
/// </summary>
public class Cifar10PickledTests
{
    private static readonly string[] TorchvisionClasses =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    private static string CommittedRoot => Path.GetDirectoryName(Path.GetDirectoryName(TestData.File("cifar10-py/cifar-10-batches-py/test_batch")))!;

    private static TempFolder CopyOfCommitted(Action<string>? change = null)
    {
        var dir = new TempFolder();
        var folder = Path.Combine(dir.Path, "cifar-10-batches-py");
        Directory.CreateDirectory(folder);
        foreach (var f in Directory.GetFiles(Path.Combine(CommittedRoot, "cifar-10-batches-py"))) File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
        change?.Invoke(folder);
        return dir;
    }

    [Fact]
    public void TheCommittedPython2BatchLoadsAsTheTestSplit()
    {
        var data = new Cifar10(CommittedRoot, train: false);
        Assert.Equal("cifar-10-batches-py", data.BaseFolder);
        Assert.Equal(2, data.Count);
        Assert.Equal(TorchvisionClasses, data.Classes);
        Assert.Equal(new long[] { 3, 8 }, data.Targets.ToArray<long>());
        for (int r = 0; r < 2; r++)
        {
            var (image, label) = data[r];
            Assert.Equal(r == 0 ? 3 : 8, label);
            Assert.Equal(new long[] { 3, 32, 32 }, image.Shape.ToArray());
            // make_cifar10_py.py: byte k of image r is (17r + k) mod 256, k = 1024·channel + 32·row + column.
            var bytes = image.ToArray<byte>();
            for (int k = 0; k < bytes.Length; k++) Assert.Equal((byte)((17 * r + k) % 256), bytes[k]);
        }
    }

    [Fact]
    public void TheTrainingSplitNeedsAllFiveBatches()
    {
        var e = Assert.Throws<FileNotFoundException>(() => new Cifar10(CommittedRoot));
        Assert.Contains("'data_batch_1' not found", e.Message);
        Assert.Contains("cifar-10-batches-py", e.Message);
    }

    [Fact]
    public void TheBinaryLayoutIsReadWhenBothAreThere()
    {
        using var dir = CopyOfCommitted();
        var bin = Path.Combine(dir.Path, "cifar-10-batches-bin");
        Directory.CreateDirectory(bin);
        var record = new byte[Cifar10.RecordSize];
        record[0] = 6;
        File.WriteAllBytes(Path.Combine(bin, "test_batch.bin"), record);
        var data = new Cifar10(dir.Path, train: false);
        Assert.Equal("cifar-10-batches-bin", data.BaseFolder);
        Assert.Equal(6L, data[0].Label);
        Directory.Delete(bin, recursive: true);
        Assert.Equal("cifar-10-batches-py", new Cifar10(dir.Path, train: false).BaseFolder);
    }

    [Fact]
    public void NeitherLayoutNamesBoth()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<FileNotFoundException>(() => new Cifar10(dir.Path, train: false));
        Assert.Contains("cifar-10-batches-py", e.Message);
        Assert.Contains("cifar-10-batches-bin", e.Message);
    }

    [Fact]
    public void EveryTruncationIsADataFormatErrorNamingTheFile()
    {
        var whole = File.ReadAllBytes(TestData.File("cifar10-py/cifar-10-batches-py/test_batch"));
        foreach (int length in new[] { 0, 1, 2, 5, 40, 120, 183, 190, 400, whole.Length - 300, whole.Length - 2, whole.Length - 1 })
        {
            using var dir = CopyOfCommitted(f => File.WriteAllBytes(Path.Combine(f, "test_batch"), whole[..length]));
            var e = Assert.Throws<DataFormatException>(() => new Cifar10(dir.Path, train: false));
            Assert.EndsWith(Path.Combine("cifar-10-batches-py", "test_batch"), e.FilePath);
            Assert.Contains("test_batch'", e.Message);
        }
    }

    [Fact]
    public void CorruptFieldsSayWhatIsWrong()
    {
        var whole = File.ReadAllBytes(TestData.File("cifar10-py/cifar-10-batches-py/test_batch"));
        string Fail(byte[] bytes)
        {
            using var dir = CopyOfCommitted(f => File.WriteAllBytes(Path.Combine(f, "test_batch"), bytes));
            return Assert.Throws<DataFormatException>(() => new Cifar10(dir.Path, train: false)).Message;
        }

        // (\u escapes: C#'s \x would swallow the hex letters that follow.) The labels list [3, 8] is "(K\u0003K\u0008e"; the shape's 3072 is "M\u0000\u000c"; the data is BINSTRING "T" + 6144.
        Assert.Contains("label 10 of image 1 is out of range: expected an int from 0 to 9", Fail(Replace(whole, "(K\u0003K\u0008e", "(K\u0003K\u000ae")));
        Assert.Contains("has 1 labels for 2 images", Fail(Replace(whole, "(K\u0003K\u0008e", "K\u0003a")));
        Assert.Contains("declares a uint8 array of shape (2, 3073) but holds 6144 bytes", Fail(Replace(whole, "K\u0002M\u0000\u000c\u0086", "K\u0002M\u0001\u000c\u0086")));
        Assert.Contains("dtype 'f4'", Fail(Replace(whole, "U\u0002u1", "U\u0002f4")));
        Assert.Contains("declares 4294967295 bytes of data", Fail(Replace(whole, "T\u0000\u0018\u0000\u0000", "T\u00ff\u00ff\u00ff\u00ff")));
        Assert.Contains("has no entry b'labels'", Fail(Replace(whole, "U\u0006labels", "U\u0006lab3ls")));
        Assert.Contains("is not a protocol-2 pickle", Fail(new byte[Cifar10.RecordSize]));
    }

    [Fact]
    public void AMetaFileWithoutTenNamesIsRejected()
    {
        using var dir = CopyOfCommitted(f => File.WriteAllBytes(Path.Combine(f, "batches.meta"),
            Latin1("\u0080\u0002}q\u0001U\u000blabel_namesq\u0002]q\u0003(U\u0001aU\u0001bes.")));
        var e = Assert.Throws<DataFormatException>(() => new Cifar10(dir.Path, train: false));
        Assert.EndsWith("batches.meta", e.FilePath);
        Assert.Contains("expected 10 class names in b'label_names', found 2", e.Message);
    }

    [Fact]
    public void APickleThatNamesCodeIsRefusedAndNothingRuns()
    {
        using var marker = new TempFolder();
        string pwned = Path.Combine(marker.Path, "pwned");
        // What Python 2's cPickle writes for an object whose __reduce__ returns (os.system, ("touch <pwned>",)),
        // stored as the b'data' entry, and variants with other globals that must not resolve.
        foreach (var (module, name) in new[] { ("posix", "system"), ("os", "system"), ("__builtin__", "eval"), ("numpy", "load"), ("subprocess", "call") })
        {
            string pickle = $"\u0080\u0002}}q\u0001(U\u0004dataq\u0002c{module}\n{name}\nq\u0003U{(char)(6 + pwned.Length)}touch {pwned}\u0085R.";
            using var dir = CopyOfCommitted(f => File.WriteAllBytes(Path.Combine(f, "test_batch"), Latin1(pickle)));
            var e = Assert.Throws<DataFormatException>(() => new Cifar10(dir.Path, train: false));
            Assert.Contains($"refers to the global '{module}.{name}', which is not allowed", e.Message);
            Assert.Contains("never runs code from a file", e.Message);
            Assert.EndsWith("test_batch", e.FilePath);
        }
        Assert.False(File.Exists(pwned));
    }

    [NumpyFact]
    public void Python3Protocol2BatchesLoadBothSplits()
    {
        using var dir = WritePython3Tree(bytesKeys: true);
        var train = new Cifar10(dir.Path);
        Assert.Equal("cifar-10-batches-py", train.BaseFolder);
        Assert.Equal(10, train.Count);
        Assert.Equal(["plane", "car", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"], train.Classes);
        // Batch b (1-5) holds images 2b-2 and 2b-1 with labels (3b + r) mod 10 and byte k = (7b + 17r + k) mod 256.
        for (int b = 1; b <= 5; b++)
            for (int r = 0; r < 2; r++)
            {
                var (image, label) = train[2 * (b - 1) + r];
                Assert.Equal((3 * b + r) % 10, label);
                var bytes = image.ToArray<byte>();
                Assert.Equal((byte)((7 * b + 17 * r) % 256), bytes[0]);
                Assert.Equal((byte)((7 * b + 17 * r + 3071) % 256), bytes[3071]);
            }
        var test = new Cifar10(dir.Path, train: false, transform: new Compose(new ToTensor(), new Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5])));
        Assert.Equal(3, test.Count);
        var (first, firstLabel) = test[2];
        Assert.Equal((3 * 6 + 2) % 10, firstLabel);
        Assert.Equal((((7 * 6 + 17 * 2) % 256) / 255f - 0.5f) / 0.5f, first[0, 0, 0].Item<float>());
    }

    [TorchVisionFact]
    public void TorchvisionReadsTheSameImagesLabelsAndClasses()
    {
        using var dir = WritePython3Tree(bytesKeys: false);
        foreach (var (root, train) in new[] { (dir.Path, true), (dir.Path, false), (CommittedRoot, false) })
        {
            // torchvision's CIFAR10 checks the real files' md5 sums; the fixtures are not those, so skip only that check.
            const string script = """
                import sys, hashlib, torchvision, torchvision.datasets.cifar as cifar
                cifar.check_integrity = lambda *args, **kwargs: True
                torchvision.datasets.CIFAR10._check_integrity = lambda self: True
                d = torchvision.datasets.CIFAR10(sys.argv[1], train=sys.argv[2] == 'True', download=False)
                print(','.join(d.classes))
                for img, label in zip(d.data, d.targets):
                    print(label, hashlib.md5(img.transpose(2, 0, 1).tobytes()).hexdigest())
                """;
            var expected = PyTorchScript.Run(script, root, train.ToString()).Replace("\r\n", "\n");
            var ours = new Cifar10(root, train);
            var lines = new List<string> { string.Join(",", ours.Classes) };
            for (int i = 0; i < ours.Count; i++)
            {
                var (image, label) = ours[i];
                lines.Add($"{label} {Convert.ToHexStringLower(MD5.HashData(image.ToArray<byte>()))}");
            }
            Assert.Equal(expected, string.Join("\n", lines) + "\n");
        }
    }

    // Python 3 writes a CIFAR-shaped tree with numpy and pickle protocol 2: with bytes keys, as the real files read with
    // encoding='bytes'; with str keys, as torchvision reads them (encoding='latin1'), so torchvision can read this tree.
    private static TempFolder WritePython3Tree(bool bytesKeys)
    {
        var dir = new TempFolder();
        const string script = """
            import os, sys, pickle, numpy as np
            folder = os.path.join(sys.argv[1], 'cifar-10-batches-py')
            os.makedirs(folder)
            key = (lambda k: k.encode()) if sys.argv[2] == 'bytes' else (lambda k: k)
            def batch(b, n, label):
                data = np.array([[(7 * b + 17 * r + k) % 256 for k in range(3072)] for r in range(n)], dtype=np.uint8)
                return {key('batch_label'): label.encode(), key('labels'): [(3 * b + r) % 10 for r in range(n)], key('data'): data,
                        key('filenames'): [b'img_%d_%d.png' % (b, r) for r in range(n)]}
            for b in range(1, 6):
                with open(os.path.join(folder, 'data_batch_%d' % b), 'wb') as f:
                    pickle.dump(batch(b, 2, 'training batch %d of 5' % b), f, protocol=2)
            with open(os.path.join(folder, 'test_batch'), 'wb') as f:
                pickle.dump(batch(6, 3, 'testing batch 1 of 1'), f, protocol=2)
            names = [key(n) for n in ['plane', 'car', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']]
            with open(os.path.join(folder, 'batches.meta'), 'wb') as f:
                pickle.dump({key('num_cases_per_batch'): 2, key('label_names'): names, key('num_vis'): 3072}, f, protocol=2)
            """;
        PyTorchScript.Run(script, dir.Path, bytesKeys ? "bytes" : "str");
        return dir;
    }

    private static byte[] Latin1(string s) => System.Text.Encoding.Latin1.GetBytes(s);

    private static byte[] Replace(byte[] bytes, string find, string with)
    {
        var f = Latin1(find);
        int at = bytes.AsSpan().IndexOf(f);
        Assert.True(at >= 0, $"the fixture has no {Convert.ToHexString(f)}");
        return [.. bytes.AsSpan(0, at), .. Latin1(with), .. bytes.AsSpan(at + f.Length)];
    }
}
