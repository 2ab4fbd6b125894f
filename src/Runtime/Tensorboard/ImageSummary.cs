namespace StaticNet.Tensorboard;

/// <summary>
/// Turns an image tensor into the PNG bytes of a <c>Summary.Image</c>, as PyTorch's <c>summary.image</c> does:
/// uint8 kept, float scaled by 255, clipped to [0, 255] and truncated; one channel repeated into RGB.
/// </summary>
internal static class ImageSummary
{
    /// <summary>Encodes <paramref name="image"/> laid out as <paramref name="dataFormats"/> ("CHW", "HWC" or "HW").</summary>
    public static (byte[] Png, int Height, int Width, int Channels) Encode(Tensor image, string dataFormats, string tag)
    {
        ArgumentNullException.ThrowIfNull(image);
        string format = (dataFormats ?? "").ToUpperInvariant();
        if (format is not ("CHW" or "HWC" or "HW"))
            throw new ArgumentException($"SummaryWriter.AddImage('{tag}'): dataFormats must be \"CHW\", \"HWC\" or \"HW\", got \"{dataFormats}\".");
        if (image.Dim != format.Length)
            throw new ArgumentException(
                $"SummaryWriter.AddImage('{tag}'): size of input tensor and input format are different: tensor shape {image.Shape}, input format {format}.");
        if (image.DType != DType.UInt8 && !image.DType.IsFloatingPoint())
            throw new ArgumentException($"SummaryWriter.AddImage('{tag}'): expected a uint8 or floating-point image, got dtype {image.DType.PyTorchName()}.");
        var t = image.Detach();
        if (format == "HW") t = t.Unsqueeze(2);
        else if (format == "CHW") t = t.Permute(1, 2, 0);
        int h = (int)t.Size(0), w = (int)t.Size(1), c = (int)t.Size(2);
        if (c is not (1 or 3 or 4))
            throw new ArgumentException($"SummaryWriter.AddImage('{tag}'): an image needs 1, 3 or 4 channels, got {c} (shape {image.Shape}, format {format}).");
        if (h == 0 || w == 0) throw new ArgumentException($"SummaryWriter.AddImage('{tag}'): cannot log an empty image of shape {image.Shape}.");
        byte[] hwc = ToBytes(t, h * w * c);
        if (c == 1)
        {
            // PyTorch's convert_to_HWC repeats a single channel into RGB.
            var rgb = new byte[h * w * 3];
            for (int p = 0; p < h * w; p++) rgb[3 * p] = rgb[3 * p + 1] = rgb[3 * p + 2] = hwc[p];
            (hwc, c) = (rgb, 3);
        }
        using var stream = new MemoryStream();
        new StbImageWriteSharp.ImageWriter().WritePng(hwc, w, h, (StbImageWriteSharp.ColorComponents)c, stream);
        return (stream.ToArray(), h, w, c);
    }

    private static byte[] ToBytes(Tensor hwcView, int count)
    {
        var bytes = new byte[count];
        if (hwcView.DType == DType.UInt8)
        {
            hwcView.Contiguous().ContiguousSpan<byte>().CopyTo(bytes);
            return bytes;
        }
        var src = hwcView.To(DType.Float32).Contiguous().ContiguousSpan<float>();
        for (int i = 0; i < count; i++)
        {
            float v = src[i] * 255f;
            bytes[i] = float.IsNaN(v) ? (byte)0 : (byte)Math.Clamp(v, 0f, 255f);
        }
        return bytes;
    }
}
