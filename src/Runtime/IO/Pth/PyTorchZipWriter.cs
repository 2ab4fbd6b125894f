using System.Buffers.Binary;
using System.Text;

namespace StaticNet.IO.Pth;

/// <summary>
/// Writes a zip archive the way PyTorch's <c>PyTorchStreamWriter</c> (miniz) does: entries stored uncompressed, the
/// data of each entry starting at a multiple of 64 bytes (padding in an extra field tagged <c>FB</c> filled with
/// <c>Z</c>, so that readers can map tensors straight from the file), CRC and sizes in a data descriptor after the
/// data, and a zip64 end-of-central-directory record before the classic one.
/// </summary>
/// <remarks>
/// <see cref="System.IO.Compression.ZipArchive"/> reads these files, but cannot write them: it has no way to place
/// entry data at an aligned offset. Archives larger than 4 GiB (zip64 entries) are not written yet.
/// </remarks>
internal sealed class PyTorchZipWriter(Stream output)
{
    private const int Alignment = 64;
    private const int LocalHeaderSize = 30;
    private readonly List<(byte[] Name, uint Crc, long Size, long Offset)> _entries = [];
    private long _position;

    /// <summary>Writes one stored entry.</summary>
    public void Add(string name, ReadOnlySpan<byte> data)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        long offset = _position;
        if (offset + data.Length + 1024 >= uint.MaxValue)
            throw new NotSupportedException($"Torch.Save: the archive would exceed 4 GiB at entry '{name}'; save large models as .safetensors.");
        long start = offset + LocalHeaderSize + nameBytes.Length + 4;
        int padding = (int)((Alignment - start % Alignment) % Alignment);
        bool descriptor = data.Length > 0; // miniz writes no data descriptor for an empty entry

        Span<byte> h = stackalloc byte[LocalHeaderSize];
        h.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0x04034b50);
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], (ushort)(descriptor ? 0x0808 : 0x0800)); // UTF-8 names (+ descriptor)
        BinaryPrimitives.WriteUInt16LittleEndian(h[26..], (ushort)nameBytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(h[28..], (ushort)(padding + 4));
        Write(h);
        Write(nameBytes);
        Span<byte> fb = [(byte)'F', (byte)'B', (byte)padding, (byte)(padding >> 8)];
        Write(fb);
        for (int i = 0; i < padding; i++) WriteByte((byte)'Z');

        uint crc = Crc32.Append(0, data);
        Write(data);
        if (descriptor)
        {
            Span<byte> d = stackalloc byte[16];
            BinaryPrimitives.WriteUInt32LittleEndian(d, 0x08074b50);
            BinaryPrimitives.WriteUInt32LittleEndian(d[4..], crc);
            BinaryPrimitives.WriteUInt32LittleEndian(d[8..], (uint)data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(d[12..], (uint)data.Length);
            Write(d);
        }
        _entries.Add((nameBytes, crc, data.Length, offset));
    }

    /// <summary>Writes the central directory and the end records.</summary>
    public void Finish()
    {
        long cdStart = _position;
        Span<byte> c = stackalloc byte[46];
        foreach (var (name, crc, size, offset) in _entries)
        {
            c.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(c, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(c[8..], (ushort)(size > 0 ? 0x0808 : 0x0800));
            BinaryPrimitives.WriteUInt32LittleEndian(c[16..], crc);
            BinaryPrimitives.WriteUInt32LittleEndian(c[20..], (uint)size);
            BinaryPrimitives.WriteUInt32LittleEndian(c[24..], (uint)size);
            BinaryPrimitives.WriteUInt16LittleEndian(c[28..], (ushort)name.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(c[42..], (uint)offset);
            Write(c);
            Write(name);
        }
        long cdSize = _position - cdStart;
        long zip64End = _position;

        Span<byte> e = stackalloc byte[56];
        e.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(e, 0x06064b50);
        BinaryPrimitives.WriteUInt64LittleEndian(e[4..], 44);
        BinaryPrimitives.WriteUInt16LittleEndian(e[12..], 0x031e); // version made by, as miniz writes it
        BinaryPrimitives.WriteUInt16LittleEndian(e[14..], 45);     // zip64 needs version 4.5
        BinaryPrimitives.WriteUInt64LittleEndian(e[24..], (ulong)_entries.Count);
        BinaryPrimitives.WriteUInt64LittleEndian(e[32..], (ulong)_entries.Count);
        BinaryPrimitives.WriteUInt64LittleEndian(e[40..], (ulong)cdSize);
        BinaryPrimitives.WriteUInt64LittleEndian(e[48..], (ulong)cdStart);
        Write(e);

        Span<byte> l = stackalloc byte[20];
        l.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(l, 0x07064b50);
        BinaryPrimitives.WriteUInt64LittleEndian(l[8..], (ulong)zip64End);
        BinaryPrimitives.WriteUInt32LittleEndian(l[16..], 1);
        Write(l);

        Span<byte> end = stackalloc byte[22];
        end.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], (ushort)_entries.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], (ushort)_entries.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], (uint)cdSize);
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], (uint)cdStart);
        Write(end);
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        output.Write(bytes);
        _position += bytes.Length;
    }

    private void WriteByte(byte b)
    {
        output.WriteByte(b);
        _position++;
    }
}
