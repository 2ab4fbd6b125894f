using ReadComponents = StbImageSharp.ColorComponents;
using WriteComponents = StbImageWriteSharp.ColorComponents;

namespace StaticNet.Vision;

/// <summary>
/// Reads and writes PNG and JPEG images as tensors (torchvision's <c>io.read_image</c> and <c>utils.save_image</c>),
/// decoding and encoding with StbImageSharp / StbImageWriteSharp (pure C#).
/// </summary>
/// <remarks>
/// The in-memory image is a UInt8 tensor <c>[C, H, W]</c>, channels first, as <c>read_image</c> returns it; the
/// vision datasets and <see cref="ToTensor"/> use the same layout. 16-bit PNGs are reduced to 8 bits.
/// </remarks>
public static class Image
{
    /// <summary>Decodes the PNG or JPEG file at <paramref name="path"/> into a UInt8 tensor <c>[C, H, W]</c>.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a decodable PNG/JPEG image.</exception>
    public static Tensor Read(string path, ImageReadMode mode = ImageReadMode.Unchanged)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Image.Read: no file at '{path}'.", path);
        return Decode(File.ReadAllBytes(path), mode, path);
    }

    /// <summary>Decodes PNG or JPEG bytes into a UInt8 tensor <c>[C, H, W]</c> (torchvision's <c>decode_image</c>).</summary>
    public static Tensor Decode(byte[] data, ImageReadMode mode = ImageReadMode.Unchanged) => Decode(data, mode, "<memory>");

    private static Tensor Decode(byte[] data, ImageReadMode mode, string source)
    {
        ArgumentNullException.ThrowIfNull(data);
        StbImageSharp.ImageResult decoded;
        try
        {
            ImageHeaders.Check(data, source);
            decoded = StbImageSharp.ImageResult.FromMemory(data, mode switch
            {
                ImageReadMode.Gray => ReadComponents.Grey,
                ImageReadMode.GrayAlpha => ReadComponents.GreyAlpha,
                ImageReadMode.Rgb => ReadComponents.RedGreenBlue,
                ImageReadMode.RgbAlpha => ReadComponents.RedGreenBlueAlpha,
                _ => ReadComponents.Default,
            });
        }
        catch (Exception e) when (e is not InvalidDataException)
        {
            throw new InvalidDataException(
                $"Image.Read: '{source}' ({data.Length} bytes) is not a readable PNG or JPEG image: {e.Message}", e);
        }
        int c = (int)decoded.Comp, h = decoded.Height, w = decoded.Width;
        // stb gives interleaved HWC bytes; the tensor is planar CHW.
        var result = new Tensor([c, h, w], DType.UInt8, zeroed: false);
        var planar = result.ContiguousSpan<byte>();
        var hwc = decoded.Data;
        int plane = h * w;
        if (c == 1) hwc.AsSpan(0, plane).CopyTo(planar);
        else
            for (int p = 0; p < plane; p++)
                for (int ch = 0; ch < c; ch++) planar[ch * plane + p] = hwc[p * c + ch];
        return result;
    }

    /// <summary>
    /// Writes <paramref name="image"/> to <paramref name="path"/> as PNG (<c>.png</c>) or JPEG (<c>.jpg</c>, <c>.jpeg</c>),
    /// atomically (a temporary file in the same folder, then a rename), as torchvision's <c>save_image</c>.
    /// </summary>
    /// <param name="image">UInt8 <c>[C, H, W]</c> (saved as is) or float in [0, 1] (scaled by
    /// <c>x·255 + 0.5</c>, clamped to [0, 255] and truncated, as <c>save_image</c> does); <c>[H, W]</c> is one
    /// channel; C is 1, 2, 3 or 4. A batch <c>[B, C, H, W]</c> is first laid out with <see cref="Utils.MakeGrid"/>.</param>
    /// <param name="path">The file to write; its extension picks the format.</param>
    /// <param name="quality">JPEG quality, 1 to 100 (PIL's default 75).</param>
    public static void Save(Tensor image, string path, int quality = 75)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(path);
        string ext = Path.GetExtension(path).ToLowerInvariant();
        bool jpeg = ext is ".jpg" or ".jpeg";
        if (!jpeg && ext != ".png")
            throw new ArgumentException($"Image.Save: cannot tell the format of '{path}': use a .png, .jpg or .jpeg extension.");
        if (quality is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(quality), quality, "Image.Save: JPEG quality must be in 1..100.");
        if (image.Dim == 4) image = Utils.MakeGrid(image);
        if (image.Dim == 2) image = image.Unsqueeze(0);
        if (image.Dim != 3 || image.Size(0) is < 1 or > 4)
            throw new ArgumentException($"Image.Save: expected an image [C, H, W] with 1 to 4 channels (or [H, W], or a batch [B, C, H, W]), got shape {image.Shape}.");
        int c = (int)image.Size(0), h = (int)image.Size(1), w = (int)image.Size(2);
        if (h == 0 || w == 0) throw new ArgumentException($"Image.Save: cannot save an empty image of shape {image.Shape}.");
        byte[] hwc = ToInterleavedBytes(image.Detach(), c, h, w);
        var components = (WriteComponents)c; // Grey = 1 ... RedGreenBlueAlpha = 4 in StbImageWriteSharp
        AtomicFile.Write(path, stream =>
        {
            var writer = new StbImageWriteSharp.ImageWriter();
            if (jpeg) writer.WriteJpg(hwc, w, h, components, stream, quality);
            else writer.WritePng(hwc, w, h, components, stream);
        });
    }

    /// <summary>CHW (UInt8, or float in [0, 1]) to the interleaved HWC bytes the encoder takes.</summary>
    private static byte[] ToInterleavedBytes(Tensor image, int c, int h, int w)
    {
        int plane = h * w;
        var hwc = new byte[c * plane];
        if (image.DType == DType.UInt8)
        {
            var src = image.Contiguous().ContiguousSpan<byte>();
            for (int ch = 0; ch < c; ch++)
                for (int p = 0; p < plane; p++) hwc[p * c + ch] = src[ch * plane + p];
        }
        else if (image.DType.IsFloatingPoint())
        {
            var src = image.To(DType.Float32).Contiguous().ContiguousSpan<float>();
            for (int ch = 0; ch < c; ch++)
                for (int p = 0; p < plane; p++)
                    hwc[p * c + ch] = (byte)Math.Clamp(src[ch * plane + p] * 255f + 0.5f, 0f, 255f);
        }
        else throw new ArgumentException($"Image.Save: expected a uint8 or floating-point image, got dtype {image.DType.PyTorchName()}.");
        return hwc;
    }
}
