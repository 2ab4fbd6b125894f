using System.IO.Compression;

namespace StaticNet.IO.Pth;

/// <summary>
/// An open <c>.pth</c> file: the unpickled <c>data.pkl</c> and the storages it references, read on demand. The top
/// folder is whatever the archive has (the stem for PyTorch 1.13, <c>archive</c> for 2.x); <c>byteorder</c> is optional.
/// </summary>
internal sealed class PthArchive : IDisposable
{
    private const long MaxDeflateRatio = 1032;

    private readonly ZipArchive _zip;
    private readonly string _file;
    private readonly string _folder;
    private readonly bool _bigEndian;
    private readonly Dictionary<string, Storage> _storages = new(StringComparer.Ordinal);

    private PthArchive(ZipArchive zip, string file, string folder, bool bigEndian, object? root)
    {
        _zip = zip;
        _file = file;
        _folder = folder;
        _bigEndian = bigEndian;
        Root = root;
    }

    /// <summary>The unpickled object, with <see cref="PickledTensor"/>s in place of tensors.</summary>
    public object? Root { get; }

    public static PthArchive Open(string path)
    {
        var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || magic[0] != 'P' || magic[1] != 'K')
        {
            stream.Dispose();
            throw new InvalidDataException($"'{path}' is not a zip archive, so not a PyTorch .pth file saved by torch.save since 1.6 "
                + "(the legacy format of _use_new_zipfile_serialization=False is not supported).");
        }
        ZipArchive zip;
        try
        {
            stream.Position = 0;
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw new InvalidDataException($"'{path}' is not a valid PyTorch zip archive (truncated or corrupt): {e.Message}", e);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        try
        {
            var pkl = zip.Entries.Where(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1).ToList();
            if (pkl.Count != 1)
                throw new InvalidDataException($"'{path}': expected one '<folder>/data.pkl' entry in the archive, found {pkl.Count}.");
            var folder = pkl[0].FullName[..^"/data.pkl".Length];
            var version = ReadText(zip, folder + "/version", path);
            if (version is not null && version.Trim() is not ("1" or "2" or "3"))
                throw new InvalidDataException($"'{path}': unsupported archive version '{version.Trim()}' (expected 1 to 3).");
            var byteorder = ReadText(zip, folder + "/byteorder", path)?.Trim();
            if (byteorder is not (null or "little" or "big"))
                throw new InvalidDataException($"'{path}': unknown byteorder '{byteorder}' (expected 'little' or 'big').");
            var pickle = ReadAll(pkl[0], path, limit: 1L << 30);
            var root = RestrictedUnpickler.Load(pickle, path);
            return new PthArchive(zip, path, folder, byteorder == "big", root);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>Builds the tensor <paramref name="t"/> describes; <paramref name="key"/> names it in errors.</summary>
    public Tensor Materialize(PickledTensor t, string key)
    {
        var s = t.Storage;
        if (s.Type.DType is not { } dtype)
            throw new InvalidDataException($"'{_file}': tensor '{key}' is stored as torch.{s.Type.Name}, which StaticNet does not load.");
        if (!_storages.TryGetValue(s.Key, out var storage))
        {
            storage = ReadStorage(s, key, dtype);
            _storages[s.Key] = storage;
        }
        else if (storage.DType != dtype || storage.Length < s.Numel)
            throw new InvalidDataException($"'{_file}': tensor '{key}' views storage '{s.Key}' as torch.{s.Type.Name} of {s.Numel} elements, "
                + $"but another tensor views it as {storage.DType.PyTorchName()} of {storage.Length}.");
        CheckExtent(t, key, storage.Length);
        return new Tensor(storage, t.Shape, t.Strides, t.Offset);
    }

    private Storage ReadStorage(StorageRef s, string key, DType dtype)
    {
        var entry = _zip.GetEntry($"{_folder}/data/{s.Key}")
            ?? throw new InvalidDataException($"'{_file}': tensor '{key}' refers to storage '{s.Key}', but the archive has no '{_folder}/data/{s.Key}' record.");
        long expected = s.Numel * s.Type.ElementSize;
        if (s.Numel < 0 || s.Numel > int.MaxValue || entry.Length < expected)
            throw new InvalidDataException($"'{_file}': storage '{s.Key}' of tensor '{key}' should hold {s.Numel} elements of torch.{s.Type.Name} "
                + $"({expected} bytes), but its record has {entry.Length} bytes.");
        CheckClaimedLength(entry, _file);
        try
        {
            using var stream = entry.Open();
            Storage storage;
            if (s.Type.IsHalf || s.Type.IsBFloat16)
                storage = StorageBytes.Float16ToFloat32(s.Numel, stream, s.Type.IsBFloat16, _bigEndian);
            else
            {
                storage = StorageBytes.FromBytes(dtype, s.Numel, stream);
                if (_bigEndian) StorageBytes.ReverseEndianness(storage);
            }
            return storage;
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            throw new InvalidDataException($"'{_file}': the record of storage '{s.Key}' (tensor '{key}') is truncated or corrupt: {e.Message}", e);
        }
    }

    private void CheckExtent(PickledTensor t, string key, long storageLength)
    {
        if (t.Shape.Length != t.Strides.Length || t.Offset < 0 || t.Shape.Any(d => d < 0) || t.Strides.Any(d => d < 0))
            throw new InvalidDataException($"'{_file}': tensor '{key}' has size {StaticNet.Size.Format(t.Shape)}, stride "
                + $"{StaticNet.Size.Format(t.Strides)} and offset {t.Offset}; expected non-negative values and one stride per dimension.");
        if (t.Shape.Any(d => d == 0)) return;
        long last = t.Offset;
        try { for (int i = 0; i < t.Shape.Length; i++) last = checked(last + (t.Shape[i] - 1) * t.Strides[i]); }
        catch (OverflowException) { last = long.MaxValue; }
        if (last >= storageLength)
            throw new InvalidDataException($"'{_file}': tensor '{key}' with size {StaticNet.Size.Format(t.Shape)}, stride "
                + $"{StaticNet.Size.Format(t.Strides)} and offset {t.Offset} reaches element {last}, but its storage has {storageLength} elements.");
    }

    private static string? ReadText(ZipArchive zip, string name, string path)
    {
        var entry = zip.GetEntry(name);
        return entry is null ? null : System.Text.Encoding.ASCII.GetString(ReadAll(entry, path, limit: 64));
    }

    private static byte[] ReadAll(ZipArchiveEntry entry, string path, long limit)
    {
        if (entry.Length > limit) throw new InvalidDataException($"'{path}': the record '{entry.FullName}' is {entry.Length} bytes; at most {limit} expected.");
        CheckClaimedLength(entry, path);
        var bytes = new byte[entry.Length];
        try
        {
            using var s = entry.Open();
            s.ReadExactly(bytes);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            throw new InvalidDataException($"'{path}': the record '{entry.FullName}' is truncated or corrupt: {e.Message}", e);
        }
        return bytes;
    }

    // The zip directory's sizes are claims: check them against the file before allocating for them. A record's
    // compressed bytes lie inside the file, and deflate expands at most 1032:1 (a stored record not at all).
    private static void CheckClaimedLength(ZipArchiveEntry entry, string path)
    {
        long fileLength = new FileInfo(path).Length;
        if (entry.CompressedLength > fileLength || entry.Length > MaxDeflateRatio * entry.CompressedLength + 1024)
            throw new InvalidDataException($"'{path}': the record '{entry.FullName}' claims {entry.Length} bytes " +
                $"({entry.CompressedLength} compressed) in a {fileLength}-byte file (truncated or corrupt zip directory).");
    }

    public void Dispose() => _zip.Dispose();
}
