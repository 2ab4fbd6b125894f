using System.Buffers.Binary;
using System.Text;

namespace StaticNet.Tensorboard.Proto;

/// <summary>
/// Encodes protocol-buffer wire format by hand for the handful of TensorBoard messages the writer needs: no
/// reflection, no generated code, so it stays trimming- and AOT-safe.
/// </summary>
/// <remarks>
/// Proto3 leaves scalar fields at their default value off the wire; the <c>…IfSet</c> methods do that. Members of a
/// <c>oneof</c> have presence and are always written (a scalar of 0.0 must still appear), so they use the plain methods.
/// Nested messages are encoded into their own writer first and then written length-delimited.
/// </remarks>
internal sealed class ProtoWriter
{
    private const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5;
    private byte[] _buffer = new byte[64];
    private int _length;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>A copy of the bytes written so far.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    public void Double(int field, double value) { Tag(field, Fixed64); BinaryPrimitives.WriteDoubleLittleEndian(Grow(8), value); }

    public void DoubleIfSet(int field, double value) { if (value != 0 || double.IsNegative(value)) Double(field, value); }

    public void Float(int field, float value) { Tag(field, Fixed32); BinaryPrimitives.WriteSingleLittleEndian(Grow(4), value); }

    /// <summary>int32/int64/enum/bool: negative values take ten bytes, as the encoding of a two's-complement int64.</summary>
    public void Int64(int field, long value) { Tag(field, Varint); RawVarint((ulong)value); }

    public void Int64IfSet(int field, long value) { if (value != 0) Int64(field, value); }

    public void Bool(int field, bool value) => Int64(field, value ? 1 : 0);

    public void String(int field, string value)
    {
        int count = Encoding.UTF8.GetByteCount(value);
        Tag(field, LengthDelimited);
        RawVarint((ulong)count);
        Encoding.UTF8.GetBytes(value, Grow(count));
    }

    public void StringIfSet(int field, string value) { if (value.Length > 0) String(field, value); }

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthDelimited);
        RawVarint((ulong)value.Length);
        value.CopyTo(Grow(value.Length));
    }

    public void BytesIfSet(int field, ReadOnlySpan<byte> value) { if (value.Length > 0) Bytes(field, value); }

    /// <summary>An embedded message (always written: a set message field has presence even when empty).</summary>
    public void Message(int field, ProtoWriter message) => Bytes(field, message.WrittenSpan);

    /// <summary>A packed <c>repeated double</c> (proto3's default for repeated scalars); nothing when empty.</summary>
    public void PackedDoubles(int field, ReadOnlySpan<double> values)
    {
        if (values.IsEmpty) return;
        Tag(field, LengthDelimited);
        RawVarint((ulong)values.Length * 8);
        var target = Grow(values.Length * 8);
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(target[(i * 8)..], values[i]);
    }

    private void Tag(int field, int wireType) => RawVarint((ulong)((field << 3) | wireType));

    private void RawVarint(ulong value)
    {
        while (value >= 0x80)
        {
            Grow(1)[0] = (byte)(value | 0x80);
            value >>= 7;
        }
        Grow(1)[0] = (byte)value;
    }

    private Span<byte> Grow(int count)
    {
        if (_length + count > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
