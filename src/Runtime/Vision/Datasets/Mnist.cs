namespace StaticNet.Vision;

/// <summary>
/// The MNIST handwritten digits (torchvision's <c>datasets.MNIST</c>), read from the four IDX files, gzipped or not:
/// <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c>,
/// <c>t10k-labels-idx1-ubyte</c> (each optionally with <c>.gz</c>), looked for in <c>root</c> and in torchvision's
/// layout <c>root/MNIST/raw</c>. Samples are a 1×28×28 image and a class index 0–9.
/// </summary>
/// <remarks>
/// Each file is read once, whole, into one UInt8 tensor (<see cref="Data"/>, <c>[N, 28, 28]</c>) and one Int64 tensor
/// (<see cref="Targets"/>, <c>[N]</c>); indexing copies one 784-byte image out of memory and touches no file.
/// Nothing is downloaded: <c>download: true</c> throws and says where to put the files.
/// </remarks>
/// <typeparam name="TTarget">The label type after the target transform.</typeparam>
public class Mnist<TTarget> : VisionDataset<TTarget>
{
    private static readonly string[] DigitClasses =
        ["0 - zero", "1 - one", "2 - two", "3 - three", "4 - four", "5 - five", "6 - six", "7 - seven", "8 - eight", "9 - nine"];

    private readonly byte[] _images;
    private readonly byte[] _labels;
    private readonly int _height, _width;

    /// <summary>Loads the training (<paramref name="train"/>) or test split from <paramref name="root"/>.</summary>
    /// <param name="root">The folder holding the IDX files.</param>
    /// <param name="targetTransform">Maps each class index to the label (e.g. a one-hot <see cref="Lambda{TIn, TOut}"/>).</param>
    /// <param name="train">The 60,000-image training split, or else the 10,000-image test split.</param>
    /// <param name="transform">Applied to each UInt8 <c>[1, 28, 28]</c> image (e.g. <see cref="ToTensor"/>).</param>
    /// <param name="download">Must be false: StaticNet never downloads (the exception says where the files go).</param>
    public Mnist(string root, ITransform<long, TTarget> targetTransform, bool train = true,
        ITransform<Tensor, Tensor>? transform = null, bool download = false)
        : this("MNIST", DigitClasses, "", root, targetTransform, train, transform, download) { }

    /// <summary>For datasets in MNIST's format (<see cref="FashionMnist{TTarget}"/>).</summary>
    /// <param name="name">The dataset's torchvision name, used for the <c>root/NAME/raw</c> folder and in messages.</param>
    /// <param name="classes">The class names, in index order.</param>
    /// <param name="installHint">A sentence on how to get the files, added to the file-not-found message.</param>
    /// <param name="root">As in the public constructor.</param>
    /// <param name="targetTransform">As in the public constructor.</param>
    /// <param name="train">As in the public constructor.</param>
    /// <param name="transform">As in the public constructor.</param>
    /// <param name="download">As in the public constructor.</param>
    protected Mnist(string name, IReadOnlyList<string> classes, string installHint, string root,
        ITransform<long, TTarget> targetTransform, bool train, ITransform<Tensor, Tensor>? transform, bool download)
        : base(transform, targetTransform)
    {
        ArgumentNullException.ThrowIfNull(root);
        string prefix = train ? "train" : "t10k";
        if (download)
            throw new NotSupportedException(
                $"{name}: download is not supported: StaticNet never downloads data. Put {prefix}-images-idx3-ubyte(.gz) and " +
                $"{prefix}-labels-idx1-ubyte(.gz) in '{root}'. {installHint}".TrimEnd());
        Root = root;
        Train = train;
        Classes = classes;
        string imagesPath = Find(name, root, $"{prefix}-images-idx3-ubyte", installHint);
        string labelsPath = Find(name, root, $"{prefix}-labels-idx1-ubyte", installHint);
        var (images, imageDims) = IdxFile.Read(imagesPath, rank: 3);
        var (labels, labelDims) = IdxFile.Read(labelsPath, rank: 1);
        if (imageDims[0] != labelDims[0])
            throw new DataFormatException(labelsPath, 4,
                $"the label count {labelDims[0]} at byte offset 4 does not match the image count {imageDims[0]} in '{imagesPath}'.");
        IdxFile.CheckLabels(labelsPath, labels, classes.Count);
        (_images, _labels, _height, _width) = (images, labels, imageDims[1], imageDims[2]);
        Data = Torch.FromArray(images).View(imageDims[0], _height, _width);
        Targets = Torch.FromArray(labels).To(DType.Int64);
    }

    /// <summary>The folder the files were read from.</summary>
    public string Root { get; }

    /// <summary>True for the training split.</summary>
    public bool Train { get; }

    /// <summary>The class names, in index order.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>All images, UInt8 <c>[N, H, W]</c> (torchvision's <c>.data</c>), sharing memory with the dataset.</summary>
    public Tensor Data { get; }

    /// <summary>All class indices, Int64 <c>[N]</c> (torchvision's <c>.targets</c>).</summary>
    public Tensor Targets { get; }

    /// <inheritdoc/>
    public override int Count => _labels.Length;

    /// <inheritdoc/>
    protected override (Tensor Image, long Label) GetRaw(int index)
    {
        int size = _height * _width;
        var image = new Tensor([1, _height, _width], DType.UInt8, zeroed: false);
        _images.AsSpan(index * size, size).CopyTo(image.ContiguousSpan<byte>());
        return (image, _labels[index]);
    }

    private static string Find(string name, string root, string file, string installHint)
    {
        string raw = Path.Combine(root, name, "raw");
        foreach (var folder in new[] { root, raw })
            foreach (var candidate in new[] { file, file + ".gz" })
            {
                string path = Path.Combine(folder, candidate);
                if (File.Exists(path)) return path;
            }
        throw new FileNotFoundException(
            $"{name}: '{file}' (or '{file}.gz') not found in '{root}' nor in '{raw}'. StaticNet does not download datasets; " +
            $"put the IDX files there. {installHint}".TrimEnd(), Path.Combine(root, file));
    }
}

/// <summary>MNIST with class-index labels: a <c>Dataset&lt;(Tensor Image, long Label)&gt;</c>. See <see cref="Mnist{TTarget}"/>.</summary>
public class Mnist : Mnist<long>
{
    /// <summary>Loads a split of MNIST from <paramref name="root"/>.</summary>
    /// <param name="root">The folder holding the IDX files.</param>
    /// <param name="train">The training split, or else the test split.</param>
    /// <param name="transform">Applied to each UInt8 <c>[1, 28, 28]</c> image.</param>
    /// <param name="targetTransform">Applied to each class index (null: none).</param>
    /// <param name="download">Must be false (nothing is downloaded).</param>
    public Mnist(string root, bool train = true, ITransform<Tensor, Tensor>? transform = null,
        ITransform<long, long>? targetTransform = null, bool download = false)
        : base(root, targetTransform ?? Identity<long>.Instance, train, transform, download) { }
}
