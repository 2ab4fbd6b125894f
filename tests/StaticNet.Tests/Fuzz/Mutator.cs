using System.Buffers.Binary;

namespace StaticNet.Tests.Fuzz;

/// <summary>
/// A seeded byte-level mutator in the spirit of libFuzzer's: each input is a corpus file with one to four stacked
/// edits (bit flips, random or boundary bytes, little- and big-endian boundary integers over a header field,
/// truncation, erasing, duplicating or splicing ranges, appended garbage). The same seed gives the same inputs.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly long[] s_boundaries = [0, 1, -1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, int.MaxValue, int.MinValue,
        uint.MaxValue, long.MaxValue, long.MinValue, 1L << 40, 1_000_000_000_000L];

    // Characters that change the structure of text formats (JSON headers, CSV lines).
    private const string SyntaxBytes = "\"{}[],:0-9eE.\n\r\0";

    private readonly Random _random = new(seed);

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> corpus)
    {
        var data = new List<byte>(input);
        int edits = 1 + _random.Next(4);
        for (int e = 0; e < edits; e++) Edit(data, corpus);
        return [.. data];
    }

    private void Edit(List<byte> data, IReadOnlyList<byte[]> corpus)
    {
        int n = data.Count;
        switch (_random.Next(10))
        {
            case 0 when n > 0: data[_random.Next(n)] ^= (byte)(1 << _random.Next(8)); break;
            case 1 when n > 0: data[_random.Next(n)] = (byte)_random.Next(256); break;
            case 2 when n > 0: data[_random.Next(n)] = (byte)s_boundaries[_random.Next(s_boundaries.Length)]; break;
            case 3 when n >= 8: OverwriteInteger(data); break;
            case 4 when n > 1: Truncate(data); break;
            case 5 when n > 1: EraseRange(data); break;
            case 6 when n > 1: DuplicateRange(data); break;
            case 7: Splice(data, corpus[_random.Next(corpus.Count)]); break;
            case 8: for (int i = 1 + _random.Next(16); i > 0; i--) data.Insert(_random.Next(data.Count + 1), (byte)_random.Next(256)); break;
            default: if (n > 0) data[_random.Next(n)] = (byte)SyntaxBytes[_random.Next(SyntaxBytes.Length)]; break;
        }
    }

    private void OverwriteInteger(List<byte> data)
    {
        long value = s_boundaries[_random.Next(s_boundaries.Length)] + _random.Next(-2, 3);
        int width = new[] { 2, 4, 8 }[_random.Next(3)];
        int at = _random.Next(data.Count - width + 1);
        Span<byte> bytes = stackalloc byte[8];
        if (_random.Next(2) == 0) BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        else BinaryPrimitives.WriteInt64BigEndian(bytes, value << (8 * (8 - width)));
        for (int i = 0; i < width; i++) data[at + i] = bytes[i];
    }

    private void Truncate(List<byte> data)
    {
        int keep = _random.Next(data.Count);
        data.RemoveRange(keep, data.Count - keep);
    }

    private void EraseRange(List<byte> data)
    {
        int at = _random.Next(data.Count);
        data.RemoveRange(at, 1 + _random.Next(Math.Min(data.Count - at, 64)));
    }

    private void DuplicateRange(List<byte> data)
    {
        int at = _random.Next(data.Count);
        int len = 1 + _random.Next(Math.Min(data.Count - at, 64));
        data.InsertRange(_random.Next(data.Count), data.GetRange(at, len));
    }

    private void Splice(List<byte> data, byte[] other)
    {
        if (other.Length == 0) return;
        int at = _random.Next(other.Length);
        int len = 1 + _random.Next(Math.Min(other.Length - at, 256));
        int to = _random.Next(data.Count + 1);
        int overwrite = Math.Min(len, data.Count - to);
        data.RemoveRange(to, overwrite);
        data.InsertRange(to, other.AsSpan(at, len).ToArray());
    }
}
