using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StaticNet.IO.Safetensors;

/// <summary>
/// Writes the safetensors format: an 8-byte little-endian header length N, N bytes of JSON
/// (<c>{"__metadata__": {...}, "name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ...}</c>, padded
/// with spaces to a multiple of 8), then the tensors' bytes, row-major and little-endian.
/// </summary>
/// <remarks>
/// The header lists tensors in state-dict order, so loading gives the same order back. The data is laid out by
/// element size, largest first (as the reference Rust implementation does), which keeps every tensor aligned to
/// its element size. Non-contiguous tensors are written as contiguous copies and views of one storage become separate
/// tensors: safetensors has no strides and no sharing.
/// </remarks>
internal static class SafetensorsWriter
{
    public static void Write(Stream output, StateDict tensors, IReadOnlyDictionary<string, string> metadata)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Torch.Save writes little-endian data only.");
        var entries = tensors.ToList();
        var layout = entries.Select((e, i) => (Index: i, Size: e.Value.DType.ElementSize()))
            .OrderByDescending(e => e.Size).ThenBy(e => e.Index).Select(e => e.Index).ToList();
        var offsets = new (long Begin, long End)[entries.Count];
        long position = 0;
        foreach (var i in layout)
        {
            long bytes = checked(entries[i].Value.Numel * entries[i].Value.DType.ElementSize());
            offsets[i] = (position, position + bytes);
            position += bytes;
        }

        var json = new MemoryStream();
        // Relaxed escaping keeps names such as 'a+b' readable; the output is still plain JSON.
        using (var w = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            if (metadata.Count > 0)
            {
                w.WriteStartObject("__metadata__");
                foreach (var (k, v) in metadata) w.WriteString(k, v);
                w.WriteEndObject();
            }
            for (int i = 0; i < entries.Count; i++)
            {
                var (name, t) = entries[i];
                if (name == "__metadata__") throw new ArgumentException("Torch.Save: a tensor cannot be called '__metadata__' in a .safetensors file.");
                w.WriteStartObject(name);
                w.WriteString("dtype", SafetensorsDType.Name(t.DType));
                w.WriteStartArray("shape");
                foreach (var d in t.ShapeSpan) w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offsets[i].Begin);
                w.WriteNumberValue(offsets[i].End);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        int padding = (int)((8 - json.Length % 8) % 8);
        for (int i = 0; i < padding; i++) json.WriteByte((byte)' ');

        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)json.Length);
        output.Write(length);
        output.Write(json.GetBuffer().AsSpan(0, (int)json.Length));
        foreach (var i in layout) output.Write(StorageBytes.ContiguousBytes(entries[i].Value));
    }
}
