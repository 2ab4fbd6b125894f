namespace StaticNet.Vision;

/// <summary>
/// The tensor-image primitives the transforms share (torchvision's <c>functional_tensor</c>): an image is a tensor
/// <c>[..., H, W]</c> (usually <c>[C, H, W]</c>); crops are views, padding and flips make new tensors.
/// </summary>
internal static class ImageOps
{
    /// <summary>(channels, height, width) of an image <c>[..., H, W]</c> (torchvision's <c>get_dimensions</c>).</summary>
    public static (long Channels, long Height, long Width) Dimensions(Tensor image, string op)
    {
        ArgumentNullException.ThrowIfNull(image, nameof(image));
        if (image.Dim < 2)
            throw new ArgumentException($"{op}: tensor is not a torch image: expected at least 2 dimensions [..., H, W], got shape {image.Shape}.");
        return (image.Dim == 2 ? 1 : image.Size(-3), image.Size(-2), image.Size(-1));
    }

    /// <summary>
    /// The region [top, top + height) × [left, left + width) (torchvision's <c>crop</c>): a view when it lies inside
    /// the image, else the inside part padded with <paramref name="fill"/>.
    /// </summary>
    public static Tensor Crop(Tensor image, long top, long left, long height, long width, double fill = 0)
    {
        var (_, h, w) = Dimensions(image, "crop");
        long right = left + width, bottom = top + height;
        if (left >= 0 && top >= 0 && right <= w && bottom <= h)
            return image.Narrow(-2, top, height).Narrow(-1, left, width);
        long t0 = Math.Clamp(top, 0, h), l0 = Math.Clamp(left, 0, w);
        var inside = image.Narrow(-2, t0, Math.Clamp(bottom, 0, h) - t0).Narrow(-1, l0, Math.Clamp(right, 0, w) - l0);
        return Pad(inside, Math.Max(-left, 0), Math.Max(-top, 0), Math.Max(right - w, 0), Math.Max(bottom - h, 0), fill);
    }

    /// <summary>Pads the last two dimensions with a constant (torchvision's <c>pad</c>, <c>padding_mode="constant"</c>).</summary>
    public static Tensor Pad(Tensor image, long left, long top, long right, long bottom, double fill)
    {
        var (_, h, w) = Dimensions(image, "pad");
        if (left < 0 || top < 0 || right < 0 || bottom < 0)
            throw new ArgumentException($"pad: padding must be non-negative, got left={left}, top={top}, right={right}, bottom={bottom}.");
        if (left == 0 && top == 0 && right == 0 && bottom == 0) return image;
        var shape = image.Shape.ToArray();
        shape[^2] = h + top + bottom;
        shape[^1] = w + left + right;
        var result = image.NewFull(shape, fill);
        result.Narrow(-2, top, h).Narrow(-1, left, w).Copy_(image);
        return result;
    }

    /// <summary>Reverses the last dimension (torchvision's <c>hflip</c>: <c>img.flip(-1)</c>) into a new contiguous tensor.</summary>
    public static Tensor FlipWidth(Tensor image)
    {
        var (_, _, w) = Dimensions(image, "hflip");
        if (Autograd.Graph.ShouldRecord(image))
            return image.IndexSelect(-1, Torch.Arange(w - 1, -1, -1));
        var result = image.CloneData();
        switch (result.DType)
        {
            case DType.Float32: ReverseRows(result.ContiguousSpan<float>(), (int)w); break;
            case DType.Float64: ReverseRows(result.ContiguousSpan<double>(), (int)w); break;
            case DType.Int64: ReverseRows(result.ContiguousSpan<long>(), (int)w); break;
            case DType.Int32: ReverseRows(result.ContiguousSpan<int>(), (int)w); break;
            case DType.Bool: ReverseRows(result.ContiguousSpan<bool>(), (int)w); break;
            default: ReverseRows(result.ContiguousSpan<byte>(), (int)w); break;
        }
        return result;
    }

    private static void ReverseRows<T>(Span<T> data, int width)
    {
        if (width == 0) return;
        for (int start = 0; start < data.Length; start += width) data.Slice(start, width).Reverse();
    }
}
