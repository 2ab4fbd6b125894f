namespace StaticNet.Vision;

/// <summary>
/// CIFAR-10 (torchvision's <c>datasets.CIFAR10</c>) from the official binary version in <c>root/cifar-10-batches-bin/</c>:
/// <c>data_batch_1.bin</c> … <c>data_batch_5.bin</c> (training) or <c>test_batch.bin</c> (test). Each record is one label
/// byte (0–9) and 3,072 pixel bytes, the 32×32 red plane, then green, then blue; samples are a UInt8 <c>[3, 32, 32]</c>
/// image and a class index. Class names come from <c>batches.meta.txt</c> when it is there.
/// </summary>
/// <remarks>All records are read once into memory; indexing copies one image. Nothing is downloaded.</remarks>
/// <typeparam name="TTarget">The label type after the target transform.</typeparam>
public class Cifar10<TTarget> : VisionDataset<TTarget>
{
    /// <summary>Bytes per record: 1 label + 3·32·32 pixels.</summary>
    public const int RecordSize = 1 + ImageSize;
    private const int ImageSize = 3 * 32 * 32;
    private const string Folder = "cifar-10-batches-bin";

    private static readonly string[] DefaultClasses =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    private readonly byte[] _images;
    private readonly byte[] _labels;

    /// <summary>Loads the training (<paramref name="train"/>) or test split from <c>root/cifar-10-batches-bin/</c>.</summary>
    /// <param name="root">The folder that contains <c>cifar-10-batches-bin</c>.</param>
    /// <param name="targetTransform">Maps each class index to the label.</param>
    /// <param name="train">The five training batches, or else the test batch.</param>
    /// <param name="transform">Applied to each UInt8 <c>[3, 32, 32]</c> image.</param>
    /// <param name="download">Must be false: StaticNet never downloads (the exception says where the files go).</param>
    public Cifar10(string root, ITransform<long, TTarget> targetTransform, bool train = true,
        ITransform<Tensor, Tensor>? transform = null, bool download = false)
        : base(transform, targetTransform)
    {
        ArgumentNullException.ThrowIfNull(root);
        string folder = Path.Combine(root, Folder);
        string[] files = train ? Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin").ToArray() : ["test_batch.bin"];
        if (download)
            throw new NotSupportedException(
                $"CIFAR10: download is not supported: StaticNet never downloads data. Extract the binary version " +
                $"(cifar-10-binary.tar.gz) so that '{Path.Combine(folder, files[0])}' exists.");
        Root = root;
        Train = train;
        var records = new List<(string Path, byte[] Bytes)>();
        foreach (var name in files)
        {
            string path = Path.Combine(folder, name);
            if (!File.Exists(path))
                throw new FileNotFoundException(
                    $"CIFAR10: '{name}' not found in '{folder}'. StaticNet does not download datasets; extract the CIFAR-10 " +
                    "binary version (cifar-10-batches-bin/ with data_batch_1.bin ... data_batch_5.bin and test_batch.bin) under root.", path);
            records.Add((path, File.ReadAllBytes(path)));
        }
        Classes = ReadClassNames(Path.Combine(folder, "batches.meta.txt"));
        int count = 0;
        foreach (var (path, bytes) in records)
        {
            if (bytes.Length == 0 || bytes.Length % RecordSize != 0)
                throw new DataFormatException(path, bytes.Length - bytes.Length % RecordSize,
                    $"wrong length: {bytes.Length} bytes is not a whole number of {RecordSize}-byte records " +
                    $"(1 label byte + {ImageSize} pixel bytes); the last record starting at byte offset {bytes.Length - bytes.Length % RecordSize} is incomplete.");
            count += bytes.Length / RecordSize;
        }
        _images = GC.AllocateUninitializedArray<byte>(count * ImageSize);
        _labels = new byte[count];
        int n = 0;
        foreach (var (path, bytes) in records)
            for (int offset = 0; offset < bytes.Length; offset += RecordSize, n++)
            {
                byte label = bytes[offset];
                if (label >= Classes.Count)
                    throw new DataFormatException(path, offset,
                        $"label {label} of record {offset / RecordSize} at byte offset {offset} is out of range: expected 0 to {Classes.Count - 1}.");
                _labels[n] = label;
                bytes.AsSpan(offset + 1, ImageSize).CopyTo(_images.AsSpan(n * ImageSize));
            }
        Data = Torch.FromArray(_images).View(count, 3, 32, 32);
        Targets = Torch.FromArray(_labels).To(DType.Int64);
    }

    /// <summary>The folder that contains <c>cifar-10-batches-bin</c>.</summary>
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
    /// <summary>Loads a split of CIFAR-10 from <c>root/cifar-10-batches-bin/</c>.</summary>
    /// <param name="root">The folder that contains <c>cifar-10-batches-bin</c>.</param>
    /// <param name="train">The training split, or else the test split.</param>
    /// <param name="transform">Applied to each UInt8 <c>[3, 32, 32]</c> image (e.g. ToTensor then Normalize).</param>
    /// <param name="targetTransform">Applied to each class index (null: none).</param>
    /// <param name="download">Must be false (nothing is downloaded).</param>
    public Cifar10(string root, bool train = true, ITransform<Tensor, Tensor>? transform = null,
        ITransform<long, long>? targetTransform = null, bool download = false)
        : base(root, targetTransform ?? Identity<long>.Instance, train, transform, download) { }
}
