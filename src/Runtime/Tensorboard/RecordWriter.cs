using System.Buffers.Binary;

namespace StaticNet.Tensorboard;

/// <summary>
/// Writes TFRecord framing: each record is its length (uint64 LE), the masked CRC-32C of those 8 bytes (uint32 LE),
/// the data, and the masked CRC-32C of the data (uint32 LE).
/// </summary>
internal static class RecordWriter
{
    /// <summary>Appends one record holding <paramref name="data"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Crc32C.Masked(header[..8]));
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, Crc32C.Masked(data));
        stream.Write(header);
        stream.Write(data);
        stream.Write(footer);
    }
}
