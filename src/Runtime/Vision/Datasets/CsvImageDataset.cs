using System.Globalization;

namespace StaticNet.Vision;

/// <summary>
/// Images listed in a CSV annotations file, as seed 000's <c>CustomImageDataset</c>: each row is an image file name
/// (relative to <c>imgDir</c>) and an integer label; extra columns are ignored. Like <c>pandas.read_csv</c>, the first
/// row is a header unless <c>hasHeader</c> is false. Images are decoded when indexed, with <see cref="Image.Read"/>
/// (channels as stored, as torchvision's <c>read_image</c>).
/// </summary>
/// <typeparam name="TTarget">The label type after the target transform.</typeparam>
public class CsvImageDataset<TTarget> : VisionDataset<TTarget>
{
    private readonly (string File, long Label)[] _rows;

    /// <summary>Reads the annotations; images are read later, one per index.</summary>
    /// <param name="annotationsFile">The CSV file: file name, label (fields may be double-quoted).</param>
    /// <param name="imgDir">The folder the file names are relative to.</param>
    /// <param name="targetTransform">Maps each label to the target.</param>
    /// <param name="transform">Applied to each UInt8 <c>[C, H, W]</c> image.</param>
    /// <param name="hasHeader">Skip the first row (pandas' default).</param>
    public CsvImageDataset(string annotationsFile, string imgDir, ITransform<long, TTarget> targetTransform,
        ITransform<Tensor, Tensor>? transform = null, bool hasHeader = true)
        : base(transform, targetTransform)
    {
        ArgumentNullException.ThrowIfNull(annotationsFile);
        ArgumentNullException.ThrowIfNull(imgDir);
        if (!File.Exists(annotationsFile))
            throw new FileNotFoundException($"CsvImageDataset: annotations file '{annotationsFile}' not found.", annotationsFile);
        AnnotationsFile = annotationsFile;
        ImgDir = imgDir;
        var rows = new List<(string, long)>();
        var lines = File.ReadAllLines(annotationsFile);
        for (int i = hasHeader ? 1 : 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            int line = i + 1;
            var fields = CsvLine.Split(lines[i], annotationsFile, line);
            if (fields.Count < 2)
                throw new DataFormatException(annotationsFile, line,
                    $"line {line} has {fields.Count} field: expected an image file name and a label (\"{lines[i]}\").");
            if (!long.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long label))
                throw new DataFormatException(annotationsFile, line,
                    $"line {line}: the label \"{fields[1]}\" in column 2 is not an integer.");
            rows.Add((fields[0], label));
        }
        _rows = rows.ToArray();
    }

    /// <summary>The CSV file.</summary>
    public string AnnotationsFile { get; }

    /// <summary>The folder the image file names are relative to.</summary>
    public string ImgDir { get; }

    /// <summary>Every row's image file name and label, in dataset order.</summary>
    public IReadOnlyList<(string File, long Label)> Rows => _rows;

    /// <inheritdoc/>
    public override int Count => _rows.Length;

    /// <inheritdoc/>
    protected override (Tensor Image, long Label) GetRaw(int index)
    {
        var (file, label) = _rows[index];
        return (Image.Read(Path.Combine(ImgDir, file)), label);
    }
}

/// <summary>A CSV-annotated image dataset with integer labels: a <c>Dataset&lt;(Tensor Image, long Label)&gt;</c>.
/// See <see cref="CsvImageDataset{TTarget}"/>.</summary>
public class CsvImageDataset : CsvImageDataset<long>
{
    /// <summary>Reads the annotations; images are read later, one per index.</summary>
    /// <param name="annotationsFile">The CSV file: file name, label.</param>
    /// <param name="imgDir">The folder the file names are relative to.</param>
    /// <param name="transform">Applied to each UInt8 <c>[C, H, W]</c> image.</param>
    /// <param name="targetTransform">Applied to each label (null: none).</param>
    /// <param name="hasHeader">Skip the first row (pandas' default).</param>
    public CsvImageDataset(string annotationsFile, string imgDir, ITransform<Tensor, Tensor>? transform = null,
        ITransform<long, long>? targetTransform = null, bool hasHeader = true)
        : base(annotationsFile, imgDir, targetTransform ?? Identity<long>.Instance, transform, hasHeader) { }
}
