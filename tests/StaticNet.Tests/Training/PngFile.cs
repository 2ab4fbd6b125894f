using System.Buffers.Binary;

namespace StaticNet.Tests.Training;

/// <summary>The parts of a PNG the format specification fixes: the 8-byte signature and the IHDR chunk that follows it.</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Width, height and channel count (from the IHDR color type) of a PNG; asserts the signature and chunk.</summary>
    public static (int Width, int Height, int Channels) Header(byte[] png)
    {
        Assert.True(png.Length > 33, $"a PNG is at least 33 bytes, got {png.Length}");
        Assert.Equal(Signature, png[..8]);
        Assert.Equal(13u, BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(8))); // IHDR's data length
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        int width = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16));
        int height = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20));
        Assert.Equal(8, png[24]); // bit depth
        int channels = png[25] switch { 0 => 1, 2 => 3, 3 => 3, 4 => 2, 6 => 4, var t => throw new InvalidDataException($"PNG color type {t}") };
        return (width, height, channels);
    }
}
