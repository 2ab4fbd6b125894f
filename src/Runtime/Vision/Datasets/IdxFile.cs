using System.Buffers.Binary;
using System.IO.Compression;

namespace StaticNet.Vision;

/// <summary>
/// Reads IDX files (the MNIST format: <c>00 00 08 ndim</c>, then ndim big-endian int32 sizes, then the unsigned
/// bytes row-major), gzipped or not, in one pass straight into an array of the payload's exact size.
/// </summary>
internal static class IdxFile
{
    private const byte UnsignedByteType = 0x08;
    private const long MaxDeflateRatio = 1032;

    /// <summary>The payload and dimensions of the unsigned-byte IDX file at <paramref name="path"/>, which must have
    /// <paramref name="rank"/> dimensions. Every way a file can be wrong throws a <see cref="DataFormatException"/>.</summary>
    public static (byte[] Data, int[] Dims) Read(string path, int rank)
    {
        bool gzip = IsGzip(path);
        string where = gzip ? " of the decompressed data" : "";
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        int headerLength = 4 + 4 * rank;
        var header = new byte[headerLength];
        int got = ReadFully(stream, header, path, 0);
        if (got < 4)
            throw new DataFormatException(path, got, $"truncated IDX header at byte offset {got}{where}: expected a 4-byte magic number, the file ends there.");
        uint magic = BinaryPrimitives.ReadUInt32BigEndian(header);
        uint expectedMagic = UnsignedByteType << 8 | (uint)rank;
        if (magic != expectedMagic)
            throw new DataFormatException(path, 0,
                $"bad magic number at byte offset 0{where}: expected 0x{expectedMagic:X8} (IDX, unsigned bytes, {rank} dimension{(rank == 1 ? "" : "s")}), found 0x{magic:X8}.");
        if (got < headerLength)
            throw new DataFormatException(path, got,
                $"truncated IDX header at byte offset {got}{where}: expected {rank} big-endian int32 dimension sizes ending at offset {headerLength}.");
        var dims = new int[rank];
        long payload = 1;
        for (int d = 0; d < rank; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 + 4 * d));
            if (dims[d] < 0)
                throw new DataFormatException(path, 4 + 4 * d, $"dimension {d} at byte offset {4 + 4 * d}{where} is negative ({dims[d]}): expected a size.");
            // Saturate rather than wrap: three int32 sizes can overflow a long product into a small positive claim.
            payload = payload > Array.MaxLength ? payload : payload * dims[d];
        }
        if (payload > Array.MaxLength)
            throw new DataFormatException(path, 4, $"the dimensions [{string.Join(", ", dims)}] at byte offset 4{where} describe {payload} bytes, more than one array can hold.");
        // Check the claim against what the file can hold before allocating for it: the bytes after the header, or
        // for gzip deflate's largest ratio (1032:1) over the compressed size.
        long expectedLength = headerLength + payload;
        if (!gzip && file.Length < expectedLength)
            throw new DataFormatException(path, file.Length,
                $"truncated: expected {expectedLength} bytes ({headerLength}-byte header + [{string.Join(" x ", dims)}] bytes) but the data ends at byte offset {file.Length}.");
        if (gzip && payload > MaxDeflateRatio * file.Length)
            throw new DataFormatException(path, headerLength,
                $"truncated: the dimensions [{string.Join(" x ", dims)}] need {expectedLength} bytes{where}, but the {file.Length}-byte file can decompress to at most {MaxDeflateRatio * file.Length} bytes.");
        var data = GC.AllocateUninitializedArray<byte>((int)payload);
        got = ReadFully(stream, data, path, headerLength);
        if (got < payload)
            throw new DataFormatException(path, headerLength + got,
                $"truncated: expected {expectedLength} bytes ({headerLength}-byte header + [{string.Join(" x ", dims)}] bytes) but the data ends at byte offset {headerLength + got}{where}.");
        if (ReadFully(stream, new byte[1], path, expectedLength) > 0)
            throw new DataFormatException(path, expectedLength,
                $"wrong length: expected {expectedLength} bytes ({headerLength}-byte header + [{string.Join(" x ", dims)}] bytes) but there is more data at byte offset {expectedLength}{where}.");
        return (data, dims);
    }

    /// <summary>Checks every label is below <paramref name="classes"/>.</summary>
    public static void CheckLabels(string path, byte[] labels, int classes)
    {
        int bad = labels.AsSpan().IndexOfAnyInRange((byte)classes, byte.MaxValue);
        if (bad >= 0)
            throw new DataFormatException(path, 8 + bad,
                $"label {labels[bad]} (sample {bad}) at byte offset {8 + bad} is out of range: expected 0 to {classes - 1}.");
    }

    private static bool IsGzip(string path)
    {
        using var file = File.OpenRead(path);
        return file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
    }

    // Reads until the buffer is full or the stream ends; a corrupt gzip stream is reported with the offset reached.
    private static int ReadFully(Stream stream, byte[] buffer, string path, long offset)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, offset,
                $"corrupt gzip data after byte offset {offset} of the decompressed data: expected a valid gzip stream ({e.Message}).", e);
        }
    }
}
