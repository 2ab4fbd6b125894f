namespace StaticNet.Vision;

/// <summary>
/// Images arranged one folder per class (torchvision's <c>datasets.ImageFolder</c>): <c>root/dog/1.png</c>,
/// <c>root/cat/a/2.jpg</c> … Classes are the sub-folder names sorted ordinally, numbered from 0; each class folder is
/// searched recursively and its files taken in ordinal order. Images are decoded when indexed (<see cref="Image.Read"/>),
/// as RGB by default, as torchvision's loader converts to RGB.
/// </summary>
/// <typeparam name="TTarget">The label type after the target transform.</typeparam>
public class ImageFolder<TTarget> : VisionDataset<TTarget>
{
    /// <summary>The file extensions taken by default (lower case; matched case-insensitively).</summary>
    public static readonly IReadOnlyList<string> Extensions = [".jpg", ".jpeg", ".png", ".bmp", ".ppm", ".pgm"];

    private readonly ImageReadMode _mode;

    /// <summary>Indexes the images under <paramref name="root"/>.</summary>
    /// <param name="root">The folder whose sub-folders are the classes.</param>
    /// <param name="targetTransform">Maps each class index to the label.</param>
    /// <param name="transform">Applied to each UInt8 <c>[C, H, W]</c> image.</param>
    /// <param name="mode">The channels to decode (RGB, as torchvision's default loader).</param>
    /// <param name="isValidFile">Decides which files are samples (default: the <see cref="Extensions"/>).</param>
    public ImageFolder(string root, ITransform<long, TTarget> targetTransform, ITransform<Tensor, Tensor>? transform = null,
        ImageReadMode mode = ImageReadMode.Rgb, Func<string, bool>? isValidFile = null)
        : base(transform, targetTransform)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"ImageFolder: the folder '{root}' does not exist.");
        Root = root;
        _mode = mode;
        isValidFile ??= path => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());
        var classes = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        if (classes.Length == 0) throw new FileNotFoundException($"ImageFolder: couldn't find any class folder in '{root}'.");
        var samples = new List<(string Path, long ClassIndex)>();
        var empty = new List<string>();
        for (int c = 0; c < classes.Length; c++)
        {
            string classFolder = Path.Combine(root, classes[c]);
            var folders = Directory.GetDirectories(classFolder, "*", SearchOption.AllDirectories).Append(classFolder).Order(StringComparer.Ordinal);
            int before = samples.Count;
            foreach (var folder in folders)
                foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
                    if (isValidFile(file)) samples.Add((file, c));
            if (samples.Count == before) empty.Add(classes[c]);
        }
        if (empty.Count > 0)
            throw new FileNotFoundException(
                $"ImageFolder: found no valid file for the classes {string.Join(", ", empty)} in '{root}'. " +
                $"Supported extensions are: {string.Join(", ", Extensions)}");
        Classes = classes;
        ClassToIdx = classes.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => (long)p.i, StringComparer.Ordinal);
        Samples = samples;
    }

    /// <summary>The folder whose sub-folders are the classes.</summary>
    public string Root { get; }

    /// <summary>The class names (sub-folder names), sorted ordinally.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Class name → index.</summary>
    public IReadOnlyDictionary<string, long> ClassToIdx { get; }

    /// <summary>Every sample's file and class index, in dataset order.</summary>
    public IReadOnlyList<(string Path, long ClassIndex)> Samples { get; }

    /// <inheritdoc/>
    public override int Count => Samples.Count;

    /// <inheritdoc/>
    protected override (Tensor Image, long Label) GetRaw(int index)
    {
        var (path, label) = Samples[index];
        return (Image.Read(path, _mode), label);
    }
}

/// <summary>An image folder with class-index labels: a <c>Dataset&lt;(Tensor Image, long Label)&gt;</c>. See <see cref="ImageFolder{TTarget}"/>.</summary>
public class ImageFolder : ImageFolder<long>
{
    /// <summary>Indexes the images under <paramref name="root"/>.</summary>
    /// <param name="root">The folder whose sub-folders are the classes.</param>
    /// <param name="transform">Applied to each UInt8 <c>[C, H, W]</c> image.</param>
    /// <param name="targetTransform">Applied to each class index (null: none).</param>
    /// <param name="mode">The channels to decode (RGB, as torchvision's default loader).</param>
    /// <param name="isValidFile">Decides which files are samples (default: the <see cref="ImageFolder{TTarget}.Extensions"/>).</param>
    public ImageFolder(string root, ITransform<Tensor, Tensor>? transform = null, ITransform<long, long>? targetTransform = null,
        ImageReadMode mode = ImageReadMode.Rgb, Func<string, bool>? isValidFile = null)
        : base(root, targetTransform ?? Identity<long>.Instance, transform, mode, isValidFile) { }
}
