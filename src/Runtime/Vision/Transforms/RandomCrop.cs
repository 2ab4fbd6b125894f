namespace StaticNet.Vision;

/// <summary>
/// Crops a random region of an image <c>[..., H, W]</c> (torchvision's <c>transforms.RandomCrop</c>): optional constant
/// padding first, then top and left drawn as <c>RandInt(0, H − height + 1)</c> and <c>RandInt(0, W − width + 1)</c>
/// from the generator, in that order, as torchvision's <c>get_params</c> draws them.
/// </summary>
public sealed class RandomCrop : ITransform<Tensor, Tensor>
{
    private readonly Generator? _generator;

    /// <summary>A random <paramref name="size"/> × <paramref name="size"/> crop.</summary>
    /// <param name="size">The crop's height and width.</param>
    /// <param name="padding">Pixels added on every border before cropping (0: none).</param>
    /// <param name="padIfNeeded">Pad an image smaller than the crop (by the shortfall on both sides, as torchvision does).</param>
    /// <param name="fill">The value of padded pixels.</param>
    /// <param name="generator">The random source (<see cref="Generator.Default"/> when null).</param>
    public RandomCrop(long size, long padding = 0, bool padIfNeeded = false, double fill = 0, Generator? generator = null)
        : this(size, size, padding, padIfNeeded, fill, generator) { }

    /// <summary>A random <paramref name="height"/> × <paramref name="width"/> crop (other parameters as above).</summary>
    public RandomCrop(long height, long width, long padding = 0, bool padIfNeeded = false, double fill = 0, Generator? generator = null)
    {
        if (height <= 0 || width <= 0) throw new ArgumentException($"RandomCrop: size should be positive, got ({height}, {width}).");
        if (padding < 0) throw new ArgumentOutOfRangeException(nameof(padding), padding, "RandomCrop: padding should be non-negative.");
        (Height, Width, Padding, PadIfNeeded, Fill, _generator) = (height, width, padding, padIfNeeded, fill, generator);
    }

    /// <summary>The crop height.</summary>
    public long Height { get; }
    /// <summary>The crop width.</summary>
    public long Width { get; }
    /// <summary>The padding added on every border before cropping.</summary>
    public long Padding { get; }
    /// <summary>Whether images smaller than the crop are padded.</summary>
    public bool PadIfNeeded { get; }
    /// <summary>The value of padded pixels.</summary>
    public double Fill { get; }

    /// <inheritdoc/>
    public Tensor Invoke(Tensor input)
    {
        ImageOps.Dimensions(input, "RandomCrop");
        var img = ImageOps.Pad(input, Padding, Padding, Padding, Padding, Fill);
        var (_, h, w) = ImageOps.Dimensions(img, "RandomCrop");
        if (PadIfNeeded && w < Width) img = ImageOps.Pad(img, Width - w, 0, Width - w, 0, Fill);
        if (PadIfNeeded && h < Height) img = ImageOps.Pad(img, 0, Height - h, 0, Height - h, Fill);
        (_, h, w) = ImageOps.Dimensions(img, "RandomCrop");
        if (h < Height || w < Width)
            throw new ArgumentException(
                $"RandomCrop: required crop size ({Height}, {Width}) is larger than input image size ({h}, {w}) (input shape {input.Shape}, padding {Padding}).");
        if (h == Height && w == Width) return img;
        long top = Torch.RandInt(0, h - Height + 1, [1], generator: _generator).Item<long>();
        long left = Torch.RandInt(0, w - Width + 1, [1], generator: _generator).Item<long>();
        return ImageOps.Crop(img, top, left, Height, Width);
    }

    /// <inheritdoc/>
    public override string ToString() => $"RandomCrop(size=({Height}, {Width}), padding={Padding})";
}
