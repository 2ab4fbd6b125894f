using System.Text;

namespace StaticNet.IO.Pth;

/// <summary>
/// Writes PyTorch's zip format (<c>torch.save</c> since 1.6): <c>&lt;stem&gt;/data.pkl</c>, one
/// <c>&lt;stem&gt;/data/&lt;key&gt;</c> record per storage (sorted by key as strings, as PyTorch sorts them),
/// then <c>&lt;stem&gt;/version</c> = <c>3</c>. The top folder is the file's stem, as PyTorch 1.13 names it.
/// </summary>
internal static class PthWriter
{
    public static void Write(Stream output, string path, object root)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Torch.Save writes little-endian data only.");
        var pickler = new PickleWriter();
        var pickle = pickler.Write(root);
        var folder = ArchiveFolder(path);
        var zip = new PyTorchZipWriter(output);
        zip.Add(folder + "/data.pkl", pickle);
        foreach (var (key, storage) in pickler.Storages.OrderBy(s => s.Key, StringComparer.Ordinal))
            zip.Add(folder + "/data/" + key, StorageBytes.Of(storage));
        zip.Add(folder + "/version", "3\n"u8);
        zip.Finish();
    }

    /// <summary>The file name without its extension, limited to characters every zip tool handles (PyTorch uses the stem as is).</summary>
    internal static string ArchiveFolder(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        var sb = new StringBuilder(stem.Length);
        foreach (var c in stem) sb.Append(c is '/' or '\\' ? '_' : c);
        return sb.Length > 0 ? sb.ToString() : "archive";
    }
}
