namespace StaticNet.Vision;

/// <summary>
/// CIFAR-10 (torchvision's <c>datasets.CIFAR10</c>) from either official version under <c>root</c>, whichever is there:
/// <list type="bullet">
/// <item>the python version in <c>root/cifar-10-batches-py/</c> (torchvision's default, what its download extracts):
/// the pickled batches <c>data_batch_1</c> … <c>data_batch_5</c> and <c>test_batch</c>, class names in
/// <c>batches.meta</c>, read by a restricted unpickler that never executes code from the file;</item>
/// <item>the binary version in <c>root/cifar-10-batches-bin/</c>: <c>data_batch_1.bin</c> … <c>data_batch_5.bin</c> and
/// <c>test_batch.bin</c>, each record one label byte (0–9) and 3,072 pixel bytes, class names in <c>batches.meta.txt</c>.</item>
/// </list>
/// When both folders exist the binary one is read. Either way the 3,072 bytes of an image are the 32×32 red plane,
/// then green, then blue; samples are a UInt8 <c>[3, 32, 32]</c> image and a class index.
/// </summary>
/// <remarks>All records are read once into memory; indexing copies one image. Nothing is downloaded.</remarks>
/// <typeparam name="TTarget">The label type after the target transform.</typeparam>
public class Cifar10<TTarget> : VisionDataset<TTarget>
{
    /// <summary>Bytes per record of the binary version: 1 label + 3·32·32 pixels.</summary>
    public const int RecordSize = 1 + ImageSize;

    /// <summary>The binary version's folder under root.</summary>
    public const string BinaryFolder = "cifar-10-batches-bin";

    /// <summary>The python version's folder under root (torchvision's <c>CIFAR10.base_folder</c>).</summary>
    public const string PythonFolder = "cifar-10-batches-py";

    private const int ImageSize = 3 * 32 * 32;

    private static readonly string[] DefaultClasses =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    private readonly byte[] _images;
    private readonly byte[] _labels;

    /// <summary>Loads the training (<paramref name="train"/>) or test split from <c>root/cifar-10-batches-py/</c> or
    /// <c>root/cifar-10-batches-bin/</c>.</summary>
    /// <param name="root">The folder that contains <c>cifar-10-batches-py</c> or <c>cifar-10-batches-bin</c>.</param>
    /// <param name="targetTransform">Maps each class index to the label.</param>
    /// <param name="train">The five training batches, or else the test batch.</param>
    /// <param name="transform">Applied to each UInt8 <c>[3, 32, 32]</c> image.</param>
    /// <param name="download">Must be false: StaticNet never downloads (the exception says where the files go).</param>
    /// <exception cref="FileNotFoundException">A batch file is missing.</exception>
    /// <exception cref="DataFormatException">A file is truncated or corrupt, refers to code, or has a label out of range.</exception>
    public Cifar10(string root, ITransform<long, TTarget> targetTransform, bool train = true,
        ITransform<Tensor, Tensor>? transform = null, bool download = false)
        : base(transform, targetTransform)
    {
        ArgumentNullException.ThrowIfNull(root);
        bool pickled = !Directory.Exists(Path.Combine(root, BinaryFolder)) && Directory.Exists(Path.Combine(root, PythonFolder));
        BaseFolder = pickled ? PythonFolder : BinaryFolder;
        string folder = Path.Combine(root, BaseFolder);
        string extension = pickled ? "" : ".bin";
        string[] files = train ? Enumerable.Range(1, 5).Select(i => $"data_batch_{i}{extension}").ToArray() : ["test_batch" + extension];
        if (download)
        {
            string first = train ? "data_batch_1" : "test_batch";
            throw new NotSupportedException(
                $"CIFAR10: download is not supported: StaticNet never downloads data. Extract the python version " +
                $"(cifar-10-python.tar.gz) so that '{Path.Combine(root, PythonFolder, first)}' exists, " +
                $"or the binary version (cifar-10-binary.tar.gz) so that '{Path.Combine(root, BinaryFolder, first + ".bin")}' exists.");
        }
        Root = root;
        Train = train;
        foreach (var name in files)
            if (!File.Exists(Path.Combine(folder, name)))
                throw new FileNotFoundException(
                    $"CIFAR10: '{name}' not found in '{folder}'. StaticNet does not download datasets; extract CIFAR-10's python version " +
                    $"({PythonFolder}/ with data_batch_1 ... data_batch_5, test_batch and batches.meta) or its binary version " +
                    $"({BinaryFolder}/ with data_batch_1.bin ... data_batch_5.bin and test_batch.bin) under root.", Path.Combine(folder, name));
        if (pickled)
        {
            string meta = Path.Combine(folder, "batches.meta");
            Classes = File.Exists(meta) ? CheckClassCount(meta, Cifar10PickledBatch.ReadClassNames(meta)) : DefaultClasses;
            (_images, _labels) = ReadPickled(files.Select(f => Path.Combine(folder, f)), Classes.Count);
        }
        else
        {
            Classes = ReadClassNames(Path.Combine(folder, "batches.meta.txt"));
            (_images, _labels) = ReadBinary(files.Select(f => Path.Combine(folder, f)), Classes.Count);
        }
        int count = _labels.Length;
        Data = Torch.FromArray(_images).View(count, 3, 32, 32);
        Targets = Torch.FromArray(_labels).To(DType.Int64);
    }

    /// <summary>The folder under <see cref="Root"/> that was read: <see cref="PythonFolder"/> or <see cref="BinaryFolder"/>.</summary>
    public string BaseFolder { get; }

    /// <summary>The folder that contains <c>cifar-10-batches-py</c> or <c>cifar-10-batches-bin</c>.</summary>
    public string Root { get; }

    /// <summary>True for the training split.</summary>
    public bool Train { get; }

    /// <summary>The class names, in index order.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>All images, UInt8 <c>[N, 3, 32, 32]</c> (channels first; torchvision keeps <c>[N, 32, 32, 3]</c>).</summary>
    public Tensor Data { get; }

    /// <summary>All class indices, Int64 <c>[N]</c>.</summary>
    public Tensor Targets { get; }

    /// <inheritdoc/>
    public override int Count => _labels.Length;

    /// <inheritdoc/>
    protected override (Tensor Image, long Label) GetRaw(int index)
    {
        var image = new Tensor([3, 32, 32], DType.UInt8, zeroed: false);
        _images.AsSpan(index * ImageSize, ImageSize).CopyTo(image.ContiguousSpan<byte>());
        return (image, _labels[index]);
    }

    // Each file is one pickled batch; their images and labels are joined in file order.
    private static (byte[] Images, byte[] Labels) ReadPickled(IEnumerable<string> paths, int classCount)
    {
        var batches = paths.Select(p => Cifar10PickledBatch.Read(p, classCount)).ToList();
        var images = GC.AllocateUninitializedArray<byte>(batches.Sum(b => b.Images.Length));
        var labels = new byte[batches.Sum(b => b.Labels.Length)];
        int imageAt = 0, labelAt = 0;
        foreach (var (batchImages, batchLabels) in batches)
        {
            batchImages.CopyTo(images, imageAt);
            batchLabels.CopyTo(labels, labelAt);
            imageAt += batchImages.Length;
            labelAt += batchLabels.Length;
        }
        return (images, labels);
    }

    // Each record of a .bin file is a label byte and an image; all files are checked before any is copied.
    private static (byte[] Images, byte[] Labels) ReadBinary(IEnumerable<string> paths, int classCount)
    {
        var records = paths.Select(p => (Path: p, Bytes: File.ReadAllBytes(p))).ToList();
        int count = 0;
        foreach (var (path, bytes) in records)
        {
            if (bytes.Length == 0 || bytes.Length % RecordSize != 0)
                throw new DataFormatException(path, bytes.Length - bytes.Length % RecordSize,
                    $"wrong length: {bytes.Length} bytes is not a whole number of {RecordSize}-byte records " +
                    $"(1 label byte + {ImageSize} pixel bytes); the last record starting at byte offset {bytes.Length - bytes.Length % RecordSize} is incomplete.");
            count += bytes.Length / RecordSize;
        }
        var images = GC.AllocateUninitializedArray<byte>(count * ImageSize);
        var labels = new byte[count];
        int n = 0;
        foreach (var (path, bytes) in records)
            for (int offset = 0; offset < bytes.Length; offset += RecordSize, n++)
            {
                byte label = bytes[offset];
                if (label >= classCount)
                    throw new DataFormatException(path, offset,
                        $"label {label} of record {offset / RecordSize} at byte offset {offset} is out of range: expected 0 to {classCount - 1}.");
                labels[n] = label;
                bytes.AsSpan(offset + 1, ImageSize).CopyTo(images.AsSpan(n * ImageSize));
            }
        return (images, labels);
    }

    private static string[] CheckClassCount(string path, string[] names) => names.Length == DefaultClasses.Length ? names
        : throw new DataFormatException(path, 0, $"expected {DefaultClasses.Length} class names in b'label_names', found {names.Length}.");

    // batches.meta.txt lists one class name per line (10 names; the official file pads with blank lines).
    private static string[] ReadClassNames(string path)
    {
        if (!File.Exists(path)) return DefaultClasses;
        var names = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        if (names.Length != DefaultClasses.Length)
            throw new DataFormatException(path, 0, $"expected {DefaultClasses.Length} class names, one per line, found {names.Length}.");
        return names;
    }
}

/// <summary>CIFAR-10 with class-index labels: a <c>Dataset&lt;(Tensor Image, long Label)&gt;</c>. See <see cref="Cifar10{TTarget}"/>.</summary>
public class Cifar10 : Cifar10<long>
{
    /// <summary>Loads a split of CIFAR-10 from <c>root/cifar-10-batches-py/</c> or <c>root/cifar-10-batches-bin/</c>.</summary>
    /// <param name="root">The folder that contains <c>cifar-10-batches-py</c> or <c>cifar-10-batches-bin</c>.</param>
    /// <param name="train">The training split, or else the test split.</param>
    /// <param name="transform">Applied to each UInt8 <c>[3, 32, 32]</c> image (e.g. ToTensor then Normalize).</param>
    /// <param name="targetTransform">Applied to each class index (null: none).</param>
    /// <param name="download">Must be false (nothing is downloaded).</param>
    public Cifar10(string root, bool train = true, ITransform<Tensor, Tensor>? transform = null,
        ITransform<long, long>? targetTransform = null, bool download = false)
        : base(root, targetTransform ?? Identity<long>.Instance, train, transform, download) { }
}
