using StaticNet.IO.Pth;

namespace StaticNet.Vision;

/// <summary>
/// One file of CIFAR-10's python version (<c>cifar-10-batches-py/</c>, what torchvision's <c>CIFAR10</c> downloads):
/// a pickled dict whose <c>b'data'</c> is a uint8 numpy array <c>[N, 3072]</c> (each row the 32×32 red plane, then
/// green, then blue) and whose <c>b'labels'</c> is a list of N class indices; <c>batches.meta</c> holds
/// <c>b'label_names'</c>. The pickle is read by the restricted unpickler, which builds these values and refuses
/// every other global, so a file can never run code.
/// </summary>
internal static class Cifar10PickledBatch
{
    private const int ImageSize = 3 * 32 * 32;

    /// <summary>The images (N·3072 bytes, C order) and labels of the batch at <paramref name="path"/>.</summary>
    /// <exception cref="DataFormatException">The file is not such a pickle, or a label is not below <paramref name="classCount"/>.</exception>
    public static (byte[] Images, byte[] Labels) Read(string path, int classCount)
    {
        var root = Unpickle(path);
        var data = Entry(root, path, "data") as NumpyArray
            ?? throw new DataFormatException(path, 0, $"the entry b'data' is a {PickleVocabulary.Describe(Entry(root, path, "data"))}; expected a uint8 numpy array [N, {ImageSize}].");
        var shape = data.Shape!;
        if (shape is not ([_, ImageSize] or [_, 3, 32, 32]))
            throw new DataFormatException(path, 0, $"the entry b'data' has shape ({string.Join(", ", shape)}); expected [N, {ImageSize}] (N images of 3×32×32 bytes).");
        int count = (int)shape[0];
        if (Entry(root, path, "labels") is not List<object?> labels)
            throw new DataFormatException(path, 0, $"the entry b'labels' is a {PickleVocabulary.Describe(Entry(root, path, "labels"))}; expected a list of class indices.");
        if (labels.Count != count)
            throw new DataFormatException(path, 0, $"has {labels.Count} labels for {count} images.");
        var bytes = new byte[count];
        for (int i = 0; i < count; i++)
        {
            if (labels[i] is not long label || label < 0 || label >= classCount)
                throw new DataFormatException(path, 0,
                    $"label {(labels[i] is long l ? l.ToString(System.Globalization.CultureInfo.InvariantCulture) : PickleVocabulary.Describe(labels[i]))} of image {i} is out of range: expected an int from 0 to {classCount - 1}.");
            bytes[i] = (byte)label;
        }
        return (data.Data!, bytes);
    }

    /// <summary>The class names in <c>batches.meta</c>'s <c>b'label_names'</c>.</summary>
    /// <exception cref="DataFormatException">The file is not such a pickle.</exception>
    public static string[] ReadClassNames(string path)
    {
        var root = Unpickle(path);
        if (Entry(root, path, "label_names") is not List<object?> names || names.Count == 0)
            throw new DataFormatException(path, 0, "the entry b'label_names' is not a non-empty list of class names.");
        return names.Select((n, i) => NumpyBatchVocabulary.Text(n)
            ?? throw new DataFormatException(path, 0, $"class name {i} is a {PickleVocabulary.Describe(n)}; expected bytes or str.")).ToArray();
    }

    private static PyDict Unpickle(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes is not [0x80, <= 2, ..])
            throw new DataFormatException(path, 0, "is not a protocol-2 pickle (it does not start with the bytes 0x80 0x02): "
                + "cifar-10-batches-py holds the batches of CIFAR-10's python version; the binary version's .bin files go in cifar-10-batches-bin.");
        var root = RestrictedUnpickler.Load(bytes, NumpyBatchVocabulary.Instance, (at, what) => new DataFormatException(path, at, $"pickle {what} (at byte {at})."));
        return root as PyDict ?? throw new DataFormatException(path, 0, $"holds a pickled {PickleVocabulary.Describe(root)}; expected a dict.");
    }

    private static object? Entry(PyDict dict, string path, string key) =>
        dict.TryGet(key, out var value) ? value : throw new DataFormatException(path, 0, $"has no entry b'{key}' (keys: {string.Join(", ", dict.Items.Select(kv => Key(kv.Key)))}).");

    private static string Key(object key) => key switch
    {
        byte[] b => $"b'{System.Text.Encoding.Latin1.GetString(b)}'",
        string s => $"'{s}'",
        _ => Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
