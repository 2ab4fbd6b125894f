using System.Buffers.Binary;

namespace StaticNet.Vision;

/// <summary>
/// Checks a PNG's chunk structure or a JPEG's segment structure before StbImageSharp sees the bytes, because the
/// decoder trusts them: it allocates a PNG chunk's claimed length before reading it, allocates the claimed image
/// size, and loops forever over a JPEG that has no frame header (SOF) (found by the parser fuzz tests). Only the
/// framing is checked here; the decoder still checks everything else.
/// </summary>
internal static class ImageHeaders
{
    // No real image decodes to more than 1032 bytes per file byte: deflate (PNG) expands at most 1032:1, and a JPEG's
    // smallest 8x8 block (DC only) still takes several bits.
    private const long MaxBytesPerFileByte = 1032;

    /// <exception cref="InvalidDataException">The framing is broken or claims an image this file cannot hold.</exception>
    public static void Check(byte[] data, string source)
    {
        // Only PNG and JPEG reach the decoder: stb would also guess at other formats (TGA has no magic number at
        // all) and at a JPEG behind fill bytes (FF FF D8), which hung it.
        if (data.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) CheckPng(data, source);
        else if (data.Length >= 2 && data[0] == 0xFF && data[1] == 0xD8) CheckJpeg(data, source);
        else throw Error(source, data, "it starts with neither the PNG signature (89 50 4E 47 0D 0A 1A 0A) nor a JPEG start of image (FF D8)");
    }

    private static void CheckPng(byte[] data, string source)
    {
        for (long at = 8; at + 8 <= data.Length;)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan((int)at));
            string type = System.Text.Encoding.Latin1.GetString(data, (int)at + 4, 4);
            if (at + 12 + length > data.Length)
                throw Error(source, data, $"the PNG chunk '{type}' at byte offset {at} claims {length} bytes, but the file ends " +
                    $"{Math.Max(0, data.Length - at - 8)} bytes after its header");
            if (type == "IHDR" && length >= 8)
                CheckSize(source, data, BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan((int)at + 8)), BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan((int)at + 12)));
            if (type == "IEND") return;
            at += 12 + length;
        }
    }

    private static void CheckJpeg(byte[] data, string source)
    {
        int at = 2;
        while (true)
        {
            // Bytes between segments are skipped up to the next 0xFF, as stb and libjpeg do ("extraneous bytes"),
            // then any fill bytes (0xFF) before the marker code.
            int ff = data.AsSpan(at).IndexOf((byte)0xFF);
            if (ff < 0) throw Error(source, data, "the JPEG ends before its frame header (SOF)");
            at += ff;
            while (at < data.Length && data[at] == 0xFF) at++;
            if (at >= data.Length) throw Error(source, data, "the JPEG ends before its frame header (SOF)");
            byte marker = data[at++];
            if (marker is 0x01 or >= 0xD0 and <= 0xD7) continue; // markers without a length
            if (marker is 0xD9 or 0xDA) throw Error(source, data, $"the JPEG reaches {(marker == 0xDA ? "its scan (SOS)" : "its end (EOI)")} at byte offset {at - 2} without a frame header (SOF)");
            if (at + 2 > data.Length) throw Error(source, data, $"the JPEG segment 0xFF{marker:X2} at byte offset {at - 2} is cut off");
            int length = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at));
            if (length < 2 || at + length > data.Length)
                throw Error(source, data, $"the JPEG segment 0xFF{marker:X2} at byte offset {at - 2} claims {length} bytes; {data.Length - at} remain");
            bool frame = marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);
            if (frame)
            {
                if (length < 8) throw Error(source, data, $"the JPEG frame header at byte offset {at - 2} is {length} bytes; at least 8 expected");
                CheckSize(source, data, BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at + 5)), BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at + 3)));
                return;
            }
            at += length;
        }
    }

    private static void CheckSize(string source, byte[] data, long width, long height)
    {
        if (width == 0 || height == 0 || width * height * 4 > MaxBytesPerFileByte * data.Length + (1 << 16))
            throw Error(source, data, $"it claims a {width}x{height} image, more pixels than a file of this size can encode");
    }

    private static InvalidDataException Error(string source, byte[] data, string what) =>
        new($"Image.Read: '{source}' ({data.Length} bytes) is not a readable PNG or JPEG image: {what} (truncated or corrupt).");
}
