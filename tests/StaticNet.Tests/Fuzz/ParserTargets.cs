using System.Text;
using StaticNet.NN;
using StaticNet.Optim;
using StaticNet.Tests.IO;
using StaticNet.Vision;

namespace StaticNet.Tests.Fuzz;

/// <summary>
/// Every file parser StaticNet has, each with a corpus of small valid files of every kind it reads, written by
/// StaticNet's own writers (and, for .pth/.safetensors, the files PyTorch and a hand-made writer produced in tests/data).
/// </summary>
internal static class ParserTargets
{
    public static IReadOnlyList<string> Names { get; } = ["pth", "safetensors", "idx", "cifar10", "cifar10-py", "image", "csv"];

    public static FuzzTarget Get(string name) => name switch
    {
        "pth" => Serialized("pth", ".pth", ["pytorch113_plain.pth", "pytorch113_module_state.pth"]),
        "safetensors" => Serialized("safetensors", ".safetensors", ["handmade.safetensors"]),
        "idx" => new("idx", "input-idx-ubyte", IdxCorpus(), static (dir, path, kind) =>
        {
            var (data, _) = IdxFile.Read(path, kind == "labels" ? 1 : 3);
            if (kind == "labels") IdxFile.CheckLabels(path, data, 10);
        }, 1100),
        "cifar10" => new("cifar10", "cifar-10-batches-bin/test_batch.bin", CifarCorpus(), static (root, path, kind) => _ = new Cifar10(root, train: false), 4),
        // CIFAR-10's python version: the committed batch as Python 2's cPickle laid it out and as Python 3 writes it.
        // Python 3's form stores the bytes as a latin1 str, so a parse may hold the file, that str and the bytes.
        "cifar10-py" => new("cifar10-py", "cifar-10-batches-py/test_batch",
            [new(File.ReadAllBytes(TestData.File("cifar10-py/cifar-10-batches-py/test_batch")), "python2"),
             new(File.ReadAllBytes(TestData.File("cifar10-py/test_batch.python3-protocol2")), "python3")],
            static (root, path, kind) => _ = new Cifar10(root, train: false), 16),
        "image" => new("image", "input.img", ImageCorpus(), static (dir, path, kind) => _ = Image.Read(path), 1100),
        "csv" => new("csv", "annotations.csv", CsvCorpus(), static (root, path, kind) => _ = new CsvImageDataset(path, root), 64),
        _ => throw new ArgumentException($"no fuzz target '{name}'; expected one of {string.Join(", ", Names)}"),
    };

    private static FuzzTarget Serialized(string name, string extension, string[] committed)
    {
        using var dir = new TempFolder();
        var corpus = new List<CorpusFile>();
        void Add(string kind, Action<string> save)
        {
            string file = dir.File(kind + corpus.Count + extension);
            save(file);
            corpus.Add(new(File.ReadAllBytes(file), kind));
        }
        var model = new Linear3To2();
        var opt = new Adam(model.Parameters(), lr: 0.01);
        F.MseLoss(model.Forward(Torch.Ones(2, 3)), Torch.Zeros(2, 2)).Backward();
        opt.Step();
        Add("state", f => Torch.Save(SampleTensors.Plain(), f));
        Add("state", f => Torch.Save(model.StateDict(), f));
        Add("model", f => Torch.Save(model, f));
        Add("optimizer", f => Torch.Save(opt.StateDict(), f));
        Add("checkpoint", f => Torch.Save(new Checkpoint(model.StateDict(), opt.StateDict(), Epoch: 3, Loss: 0.25), f));
        foreach (var c in committed) corpus.Add(new(File.ReadAllBytes(TestData.File(c)), "state"));
        return new(name, "input" + extension, corpus, static (dir, path, kind) =>
        {
            switch (kind)
            {
                case "optimizer": _ = Torch.LoadOptimizerState(path); break;
                case "checkpoint": _ = Torch.LoadCheckpoint(path); break;
                case "model": _ = Torch.Load<Linear3To2>(path); break;
                default: _ = Torch.Load(path); break;
            }
        }, 64);
    }

    /// <summary>The model type the "model" corpus file holds, constructible without arguments as Torch.Load&lt;T&gt; needs.</summary>
    private sealed class Linear3To2 : Module
    {
        public Linear3To2() => Fc = Register("fc", new Linear(3, 2));

        public Linear Fc { get; }

        public override Tensor Forward(Tensor x) => Fc.Forward(x);
    }

    private static List<CorpusFile> IdxCorpus()
    {
        var labels = Vision.IdxWriter.Bytes([5], [0, 3, 9, 1, 7]);
        var images = Vision.IdxWriter.Bytes([3, 2, 3], [.. Enumerable.Range(0, 18).Select(i => (byte)(i * 13))]);
        return [new(labels, "labels"), new(images, "images"), new(Gzip(labels), "labels"), new(Gzip(images), "images")];
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var memory = new MemoryStream();
        using (var zip = new System.IO.Compression.GZipStream(memory, System.IO.Compression.CompressionLevel.Fastest)) zip.Write(bytes);
        return memory.ToArray();
    }

    private static List<CorpusFile> CifarCorpus()
    {
        var two = new byte[2 * Cifar10.RecordSize];
        two[0] = 3;
        two[Cifar10.RecordSize] = 9;
        for (int i = 1; i < Cifar10.RecordSize; i++) two[i] = (byte)i;
        return [new(two, "binary"), new(two.AsSpan(0, Cifar10.RecordSize).ToArray(), "binary")];
    }

    private static List<CorpusFile> ImageCorpus()
    {
        using var dir = new TempFolder();
        var corpus = new List<CorpusFile>();
        var gradient = Torch.FromArray(Enumerable.Range(0, 3 * 6 * 5).Select(i => (byte)(i * 37 % 251)).ToArray()).View(3, 6, 5);
        foreach (var (name, image) in new[]
        {
            ("gray.png", gradient[..1]), ("rgb.png", gradient), ("rgba.png", Torch.Cat([gradient, gradient[..1]], 0)),
            ("rgb.jpg", gradient), ("gray.jpg", gradient[..1]),
        })
        {
            Image.Save(image, dir.File(name));
            corpus.Add(new(File.ReadAllBytes(dir.File(name)), name));
        }
        return corpus;
    }

    private static List<CorpusFile> CsvCorpus() =>
    [
        new(Encoding.UTF8.GetBytes("file_name,label\ntshirt1.jpg,0\nankleboot999.jpg,9\n"), "csv"),
        new(Encoding.UTF8.GetBytes("\"a, b.png\",3,extra\n\"quoted \"\"name\"\".png\",-1\n\nc.png,12\n"), "csv"),
    ];
}
