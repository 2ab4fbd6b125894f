using System.Buffers.Binary;
using System.Text;

namespace StaticNet.Tests.Tensorboard;

/// <summary>
/// An event-file reader written from the format specification, independent of the writer: TFRecord framing
/// (uint64 LE length, masked CRC-32C of it, data, masked CRC-32C of the data) checked record by record, with a
/// bit-at-a-time CRC-32C (reflected polynomial 0x82F63B78).
/// </summary>
internal static class EventFileReader
{
    public static uint ReferenceCrc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        return ~crc;
    }

    public static uint ReferenceMask(uint crc) => unchecked(((crc >> 15) | (crc << 17)) + 0xa282ead8u);

    /// <summary>Every record's data; throws when a length or CRC does not match.</summary>
    public static List<byte[]> ReadRecords(string path)
    {
        // ReadWrite sharing: the writer may still hold the file open (Windows refuses a plain ReadAllBytes then).
        byte[] file;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            file = new byte[stream.Length];
            stream.ReadExactly(file);
        }
        var records = new List<byte[]>();
        int pos = 0;
        while (pos < file.Length)
        {
            if (file.Length - pos < 12) throw new InvalidDataException($"truncated header at {pos}");
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(pos));
            uint lengthCrc = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(pos + 8));
            if (lengthCrc != ReferenceMask(ReferenceCrc32C(file.AsSpan(pos, 8)))) throw new InvalidDataException($"bad length CRC at {pos}");
            pos += 12;
            if ((ulong)(file.Length - pos) < length + 4) throw new InvalidDataException($"truncated record at {pos}");
            byte[] data = file.AsSpan(pos, (int)length).ToArray();
            pos += (int)length;
            uint dataCrc = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(pos));
            if (dataCrc != ReferenceMask(ReferenceCrc32C(data))) throw new InvalidDataException($"bad data CRC at {pos}");
            pos += 4;
            records.Add(data);
        }
        return records;
    }

    /// <summary>The events of the one event file in <paramref name="folder"/>.</summary>
    public static List<Pb> ReadEvents(string folder)
    {
        var files = Directory.GetFiles(folder, "events.out.tfevents.*");
        Assert.Single(files);
        return ReadRecords(files[0]).Select(r => new Pb(r)).ToList();
    }
}

/// <summary>A tiny protocol-buffer decoder: a message as its list of (field number, wire type, raw value).</summary>
internal sealed class Pb
{
    private readonly List<(int Field, int Wire, ulong Scalar, byte[]? Bytes)> _fields = [];

    public Pb(byte[] data)
    {
        int pos = 0;
        while (pos < data.Length)
        {
            ulong key = Varint(data, ref pos);
            int field = (int)(key >> 3), wire = (int)(key & 7);
            switch (wire)
            {
                case 0: _fields.Add((field, wire, Varint(data, ref pos), null)); break;
                case 1: _fields.Add((field, wire, BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(pos)), null)); pos += 8; break;
                case 5: _fields.Add((field, wire, BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(pos)), null)); pos += 4; break;
                case 2:
                    int length = (int)Varint(data, ref pos);
                    _fields.Add((field, wire, 0, data.AsSpan(pos, length).ToArray()));
                    pos += length;
                    break;
                default: throw new InvalidDataException($"wire type {wire}");
            }
        }
    }

    private static ulong Varint(byte[] data, ref int pos)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = data[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }

    public bool Has(int field) => _fields.Any(f => f.Field == field);
    public IEnumerable<int> FieldNumbers => _fields.Select(f => f.Field);
    private (int Field, int Wire, ulong Scalar, byte[]? Bytes) One(int field, int wire)
    {
        var f = Assert.Single(_fields, x => x.Field == field);
        Assert.Equal(wire, f.Wire);
        return f;
    }

    public ulong Varint(int field) => One(field, 0).Scalar;
    public double Double(int field) => BitConverter.UInt64BitsToDouble(One(field, 1).Scalar);
    public float Float(int field) => BitConverter.UInt32BitsToSingle((uint)One(field, 5).Scalar);
    public byte[] Bytes(int field) => One(field, 2).Bytes!;
    public string String(int field) => Encoding.UTF8.GetString(Bytes(field));
    public Pb Message(int field) => new(Bytes(field));
    public List<Pb> Messages(int field) => _fields.Where(f => f.Field == field).Select(f => { Assert.Equal(2, f.Wire); return new Pb(f.Bytes!); }).ToList();

    public double[] PackedDoubles(int field)
    {
        byte[] bytes = Bytes(field);
        return Enumerable.Range(0, bytes.Length / 8).Select(i => BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * 8))).ToArray();
    }

    /// <summary>Event.summary.value[0] of an event.</summary>
    public Pb SummaryValue() => Assert.Single(Message(5).Messages(1));
}
