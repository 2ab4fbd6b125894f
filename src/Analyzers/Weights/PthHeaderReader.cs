using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace StaticNet.Analyzers.Weights;

/// <summary>
/// Reads a PyTorch zip (.pth) file's tensor names and shapes from two places only: the zip's central directory (at the
/// end of the file) and the <c>&lt;folder&gt;/data.pkl</c> record it points to. The storage records are never read.
/// </summary>
/// <remarks>Layout: PKWARE APPNOTE 6.3.10, sections 4.3.7 (local header), 4.3.12 (central header), 4.3.14–16 (end records).</remarks>
internal static class PthHeaderReader
{
    private const uint EndOfCentralDirectory = 0x06054b50, Zip64EndLocator = 0x07064b50, Zip64End = 0x06064b50;
    private const uint CentralHeader = 0x02014b50, LocalHeader = 0x04034b50;
    private const int EndRecordSize = 22, MaxComment = 0xFFFF;
    private const long MaxPickle = 1L << 30;

    public static IReadOnlyList<WeightEntry> Read(WeightsImage file)
    {
        var (directoryOffset, directorySize, count) = FindCentralDirectory(file);
        var directory = file.Read(directoryOffset, directorySize, "the zip central directory");
        int pos = 0;
        for (long i = 0; i < count; i++)
        {
            if (pos + 46 > directory.Length || U32(directory, pos) != CentralHeader)
                throw new WeightsFormatException($"its zip central directory entry {i} is malformed");
            int method = U16(directory, pos + 10);
            long compressed = U32(directory, pos + 20), size = U32(directory, pos + 24);
            int nameLength = U16(directory, pos + 28), extraLength = U16(directory, pos + 30), commentLength = U16(directory, pos + 32);
            long local = U32(directory, pos + 42);
            if (pos + 46 + nameLength + extraLength > directory.Length) throw new WeightsFormatException($"its zip central directory entry {i} is truncated");
            string name = Encoding.UTF8.GetString(directory, pos + 46, nameLength);
            if (size == 0xFFFFFFFF || compressed == 0xFFFFFFFF || local == 0xFFFFFFFF)
                (size, compressed, local) = Zip64Sizes(directory, pos + 46 + nameLength, extraLength, size, compressed, local, name);
            pos += 46 + nameLength + extraLength + commentLength;
            // data.pkl directly under the archive's one folder (the stem for PyTorch 1.13, "archive" for 2.x).
            if (!name.EndsWith("/data.pkl", StringComparison.Ordinal) || name.IndexOf('/') != name.Length - "/data.pkl".Length) continue;
            if (size > MaxPickle || compressed > MaxPickle) throw new WeightsFormatException($"its '{name}' record is {size} bytes; at most {MaxPickle} expected");
            var pickle = ReadRecord(file, local, compressed, size, method, name);
            return PickleStateDictReader.Read(pickle, name);
        }
        throw new WeightsFormatException("its zip archive has no '<folder>/data.pkl' record, so it is not a torch.save file");
    }

    private static (long Offset, long Size, long Count) FindCentralDirectory(WeightsImage file)
    {
        if (file.Length < EndRecordSize) throw new WeightsFormatException($"it has {file.Length} bytes, too few for a zip archive");
        long tailLength = Math.Min(file.Length, EndRecordSize + MaxComment);
        long tailStart = file.Length - tailLength;
        var tail = file.Read(tailStart, tailLength, "the end of the zip archive");
        for (int at = tail.Length - EndRecordSize; at >= 0; at--)
        {
            if (U32(tail, at) != EndOfCentralDirectory) continue;
            long count = U16(tail, at + 10), size = U32(tail, at + 12), offset = U32(tail, at + 16);
            if (offset == 0xFFFFFFFF || count == 0xFFFF || size == 0xFFFFFFFF) return Zip64Directory(file, tailStart + at);
            return (offset, size, count);
        }
        throw new WeightsFormatException("it has no zip end-of-central-directory record (truncated, or not a zip archive)");
    }

    // Archives over 4 GiB (large models) keep the directory's place in the ZIP64 end record, found through its locator.
    private static (long, long, long) Zip64Directory(WeightsImage file, long endRecord)
    {
        if (endRecord < 20) throw new WeightsFormatException("its zip archive lacks the ZIP64 end locator its end record calls for");
        var locator = file.Read(endRecord - 20, 20, "the ZIP64 end locator");
        if (U32(locator, 0) != Zip64EndLocator) throw new WeightsFormatException("its zip archive lacks the ZIP64 end locator its end record calls for");
        var end = file.Read(checked((long)U64(locator, 8)), 56, "the ZIP64 end record");
        if (U32(end, 0) != Zip64End) throw new WeightsFormatException("its ZIP64 end locator points to no ZIP64 end record");
        return (checked((long)U64(end, 48)), checked((long)U64(end, 40)), checked((long)U64(end, 32)));
    }

    // A ZIP64 extended-information extra field (id 1) holds, in this order, the values the header marks 0xFFFFFFFF.
    private static (long, long, long) Zip64Sizes(byte[] b, int at, int length, long size, long compressed, long local, string name)
    {
        for (int end = at + length; at + 4 <= end; at += 4 + U16(b, at + 2))
        {
            if (U16(b, at) != 1) continue;
            int field = at + 4;
            if (size == 0xFFFFFFFF) { size = checked((long)U64(b, field)); field += 8; }
            if (compressed == 0xFFFFFFFF) { compressed = checked((long)U64(b, field)); field += 8; }
            if (local == 0xFFFFFFFF) local = checked((long)U64(b, field));
            return (size, compressed, local);
        }
        throw new WeightsFormatException($"the zip entry '{name}' lacks the ZIP64 field its header calls for");
    }

    private static byte[] ReadRecord(WeightsImage file, long local, long compressed, long size, int method, string name)
    {
        var header = file.Read(local, 30, $"the local header of '{name}'");
        if (U32(header, 0) != LocalHeader) throw new WeightsFormatException($"the local header of '{name}' is malformed");
        long data = local + 30 + U16(header, 26) + U16(header, 28);
        var stored = file.Read(data, compressed, $"the record '{name}'");
        if (method == 0) return stored;
        if (method != 8) throw new WeightsFormatException($"its record '{name}' uses zip compression method {method}; torch.save stores records (0)");
        try
        {
            using var inflate = new DeflateStream(new MemoryStream(stored), CompressionMode.Decompress);
            var output = new MemoryStream();
            inflate.CopyTo(output);
            if (output.Length != size) throw new WeightsFormatException($"its record '{name}' inflates to {output.Length} bytes instead of {size}");
            return output.ToArray();
        }
        catch (InvalidDataException e) { throw new WeightsFormatException($"its record '{name}' does not inflate: {e.Message}"); }
    }

    private static int U16(byte[] b, int at) => b[at] | (b[at + 1] << 8);

    private static uint U32(byte[] b, int at) => (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));

    private static ulong U64(byte[] b, int at) => U32(b, at) | ((ulong)U32(b, at + 4) << 32);
}
