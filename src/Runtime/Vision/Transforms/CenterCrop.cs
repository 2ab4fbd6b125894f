namespace StaticNet.Vision;

/// <summary>
/// Crops the center of an image <c>[..., H, W]</c> (torchvision's <c>transforms.CenterCrop</c>). The top-left corner is
/// <c>round((H − height) / 2)</c>, <c>round((W − width) / 2)</c> with Python's round (half to even); an image smaller
/// than the crop is first padded with zeros, the extra pixel going to the bottom/right.
/// </summary>
public sealed class CenterCrop : ITransform<Tensor, Tensor>
{
    /// <summary>A square crop of <paramref name="size"/> × <paramref name="size"/>.</summary>
    public CenterCrop(long size) : this(size, size) { }

    /// <summary>A crop of <paramref name="height"/> × <paramref name="width"/>.</summary>
    public CenterCrop(long height, long width)
    {
        if (height <= 0 || width <= 0) throw new ArgumentException($"CenterCrop: size should be positive, got ({height}, {width}).");
        Height = height;
        Width = width;
    }

    /// <summary>The crop height.</summary>
    public long Height { get; }

    /// <summary>The crop width.</summary>
    public long Width { get; }

    /// <inheritdoc/>
    public Tensor Invoke(Tensor input)
    {
        var (_, h, w) = ImageOps.Dimensions(input, "CenterCrop");
        if (Width > w || Height > h)
        {
            input = ImageOps.Pad(input,
                Width > w ? (Width - w) / 2 : 0, Height > h ? (Height - h) / 2 : 0,
                Width > w ? (Width - w + 1) / 2 : 0, Height > h ? (Height - h + 1) / 2 : 0, fill: 0);
            (_, h, w) = ImageOps.Dimensions(input, "CenterCrop");
            if (Width == w && Height == h) return input;
        }
        long top = (long)Math.Round((h - Height) / 2.0, MidpointRounding.ToEven);
        long left = (long)Math.Round((w - Width) / 2.0, MidpointRounding.ToEven);
        return ImageOps.Crop(input, top, left, Height, Width);
    }

    /// <inheritdoc/>
    public override string ToString() => $"CenterCrop(size=({Height}, {Width}))";
}
