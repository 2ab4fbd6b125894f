using System.Buffers.Binary;
using System.IO.Compression;

namespace StaticNet.Tests.Vision;

/// <summary>A temporary folder deleted after the test, and writers for the dataset formats.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "staticnet-vision-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

internal static class IdxWriter
{
    /// <summary>An unsigned-byte IDX file: 00 00 08 ndim, big-endian sizes, the bytes.</summary>
    public static byte[] Bytes(int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)dims.Length;
        for (int d = 0; d < dims.Length; d++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dims[d]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    public static void Write(string path, byte[] bytes, bool gzip)
    {
        if (!gzip) { System.IO.File.WriteAllBytes(path, bytes); return; }
        using var file = System.IO.File.Create(path);
        using var zip = new GZipStream(file, CompressionLevel.Fastest);
        zip.Write(bytes);
    }

    /// <summary>A tiny MNIST split: <paramref name="count"/> images of 2×3 pixels, image k filled with 10·k + pixel index.</summary>
    public static void WriteSplit(string folder, string prefix, byte[] labels, bool gzip, int height = 2, int width = 3)
    {
        int n = labels.Length;
        var pixels = new byte[n * height * width];
        for (int k = 0; k < n; k++)
            for (int p = 0; p < height * width; p++) pixels[k * height * width + p] = (byte)(10 * k + p);
        string ext = gzip ? ".gz" : "";
        Write(System.IO.Path.Combine(folder, $"{prefix}-images-idx3-ubyte{ext}"), Bytes([n, height, width], pixels), gzip);
        Write(System.IO.Path.Combine(folder, $"{prefix}-labels-idx1-ubyte{ext}"), Bytes([n], labels), gzip);
    }
}

/// <summary>A fact that is skipped, saying why, when Debian's Fashion-MNIST files are not installed.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (!System.IO.File.Exists(System.IO.Path.Combine(StaticNet.Vision.FashionMnist.DefaultRoot, "train-images-idx3-ubyte.gz")))
            Skip = $"Fashion-MNIST is not installed in {StaticNet.Vision.FashionMnist.DefaultRoot} (apt-get install dataset-fashion-mnist; CI installs it).";
    }
}
