using System.Buffers.Binary;
using System.Text.Json;

namespace StaticNet.IO.Safetensors;

/// <summary>
/// Reads a safetensors file, validating the header before allocating anything: the header length fits the file,
/// every dtype is known, every shape is non-negative, each tensor's byte range is numel × element size, and the
/// ranges tile the data section exactly (sorted by offset: contiguous, non-overlapping, ending at the file's end).
/// F16 and BF16 tensors load as Float32 (an exact widening).
/// </summary>
internal static class SafetensorsReader
{
    private const long MaxHeader = 100_000_000; // the reference implementation's limit

    private sealed record Entry(string Name, string DType, long[] Shape, long Begin, long End);

    public static (StateDict Tensors, Dictionary<string, string> Metadata) Read(string path)
    {
        using var file = File.OpenRead(path);
        long fileLength = file.Length;
        Span<byte> prefix = stackalloc byte[8];
        if (file.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8)
            throw Error(path, $"the file has {fileLength} bytes; a safetensors file starts with an 8-byte header length (truncated file?)");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > (ulong)Math.Min(MaxHeader, fileLength - 8))
            throw Error(path, $"the header length {headerLength} exceeds the {fileLength - 8} bytes after it (truncated or not a safetensors file)");
        var header = new byte[headerLength];
        file.ReadExactly(header);
        var (entries, metadata) = ParseHeader(header, path);
        long dataStart = 8 + (long)headerLength;
        ValidateOffsets(entries, fileLength - dataStart, path);

        var sd = new StateDict { SourcePath = path };
        foreach (var e in entries)
        {
            file.Position = dataStart + e.Begin;
            long numel = e.Shape.Aggregate(1L, (a, d) => a * d);
            var storage = e.DType switch
            {
                "F16" or "BF16" => StorageBytes.Float16ToFloat32(numel, file, e.DType == "BF16"),
                _ => StorageBytes.FromBytes(SafetensorsDType.Load(e.DType), numel, file),
            };
            sd[e.Name] = new Tensor(storage, e.Shape, ShapeUtil.ContiguousStrides(e.Shape), 0);
        }
        return (sd, metadata);
    }

    private static (List<Entry>, Dictionary<string, string>) ParseHeader(byte[] header, string path)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(header); }
        catch (JsonException e) { throw Error(path, $"the header is not valid JSON: {e.Message}"); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Error(path, "the header is not a JSON object");
            var entries = new List<Entry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (!seen.Add(p.Name)) throw Error(path, $"the header lists '{p.Name}' twice");
                if (p.Name == "__metadata__")
                {
                    if (p.Value.ValueKind != JsonValueKind.Object) throw Error(path, "'__metadata__' is not an object of strings");
                    foreach (var m in p.Value.EnumerateObject())
                        metadata[m.Name] = m.Value.ValueKind == JsonValueKind.String ? m.Value.GetString()!
                            : throw Error(path, $"metadata '{m.Name}' is not a string");
                    continue;
                }
                entries.Add(ParseEntry(p, path));
            }
            return (entries, metadata);
        }
    }

    private static Entry ParseEntry(JsonProperty p, string path)
    {
        var v = p.Value;
        if (v.ValueKind != JsonValueKind.Object
            || !v.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String
            || !v.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array
            || !v.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
            throw Error(path, $"tensor '{p.Name}' needs \"dtype\" (a string), \"shape\" (an array) and \"data_offsets\" ([begin, end])");
        var name = dtype.GetString()!;
        int size = SafetensorsDType.ElementSize(name);
        if (size == 0) throw Error(path, $"tensor '{p.Name}' has dtype {name}, which StaticNet does not load (supported: {SafetensorsDType.Supported})");
        var dims = new long[shape.GetArrayLength()];
        int i = 0;
        foreach (var d in shape.EnumerateArray())
            dims[i++] = d.ValueKind == JsonValueKind.Number && d.TryGetInt64(out var x) && x >= 0 ? x
                : throw Error(path, $"tensor '{p.Name}' has shape {shape.GetRawText()}; expected non-negative integers");
        var o = offsets.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var x) && x >= 0 ? x : -1).ToArray();
        if (o[0] < 0 || o[1] < o[0]) throw Error(path, $"tensor '{p.Name}' has data_offsets {offsets.GetRawText()}; expected [begin, end] with 0 <= begin <= end");
        long expected;
        try { expected = checked(dims.Aggregate(1L, (a, d) => checked(a * d)) * size); }
        catch (OverflowException) { throw Error(path, $"tensor '{p.Name}' has shape {shape.GetRawText()}, too many elements"); }
        if (o[1] - o[0] != expected)
            throw Error(path, $"tensor '{p.Name}' ({name}, shape {StaticNet.Size.Format(dims)}) needs {expected} bytes, but its data_offsets [{o[0]}, {o[1]}] span {o[1] - o[0]}");
        return new Entry(p.Name, name, dims, o[0], o[1]);
    }

    private static void ValidateOffsets(List<Entry> entries, long dataLength, string path)
    {
        long end = 0;
        foreach (var e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (e.Begin != end)
                throw Error(path, e.Begin < end
                    ? $"tensor '{e.Name}' at data_offsets [{e.Begin}, {e.End}] overlaps the tensor before it, which ends at {end}"
                    : $"tensor '{e.Name}' starts at {e.Begin}, leaving a gap after byte {end}; tensors must be contiguous");
            end = e.End;
        }
        if (end != dataLength)
            throw Error(path, end > dataLength
                ? $"the tensors need {end} bytes of data, but the file has only {dataLength} after the header (truncated file)"
                : $"the tensors cover {end} bytes, but the file has {dataLength} bytes of data after the header");
    }

    private static InvalidDataException Error(string path, string what) => new($"'{path}' is not a valid safetensors file: {what}.");
}
