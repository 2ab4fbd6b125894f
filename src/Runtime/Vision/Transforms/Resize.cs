namespace StaticNet.Vision;

/// <summary>
/// Resizes an image <c>[..., H, W]</c> with bilinear interpolation (torchvision 0.14's <c>transforms.Resize</c> on
/// tensors: <c>align_corners=False</c>, no antialiasing, UInt8 images rounded back to UInt8).
/// </summary>
/// <remarks>
/// With one number the shorter side becomes <c>size</c> and the longer one <c>int(size · long / short)</c>
/// (truncated), keeping the aspect ratio; with <c>maxSize</c> the longer side is capped and the shorter one scaled
/// down to match. With a height and a width the output is exactly that. An image already of the output size is
/// returned as it is.
/// </remarks>
public sealed class Resize : ITransform<Tensor, Tensor>
{
    private readonly long _size, _height, _width;
    private readonly long? _maxSize;

    /// <summary>Matches the shorter side to <paramref name="size"/>, keeping the aspect ratio.</summary>
    /// <param name="size">The new length of the shorter side.</param>
    /// <param name="maxSize">If set, the most the longer side may be after resizing.</param>
    public Resize(long size, long? maxSize = null)
    {
        if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size), size, "Resize: size should be positive.");
        if (maxSize is { } m && m <= size)
            throw new ArgumentException($"Resize: max_size = {m} must be strictly greater than the requested size for the smaller edge size (size = {size}).");
        _size = size;
        _maxSize = maxSize;
    }

    /// <summary>Resizes to exactly <paramref name="height"/> × <paramref name="width"/>.</summary>
    public Resize(long height, long width)
    {
        if (height <= 0 || width <= 0)
            throw new ArgumentException($"Resize: size should be positive, got ({height}, {width}).");
        _height = height;
        _width = width;
    }

    /// <summary>The output (height, width) for an image of <paramref name="height"/> × <paramref name="width"/>
    /// (torchvision's <c>_compute_resized_output_size</c>).</summary>
    public (long Height, long Width) OutputSize(long height, long width)
    {
        if (_size == 0) return (_height, _width);
        bool portrait = width <= height;
        long shortSide = portrait ? width : height, longSide = portrait ? height : width;
        long newShort = _size, newLong = (long)(_size * (double)longSide / shortSide);
        if (_maxSize is { } max && newLong > max)
        {
            newShort = (long)(max * (double)newShort / newLong);
            newLong = max;
        }
        return portrait ? (newLong, newShort) : (newShort, newLong);
    }

    /// <inheritdoc/>
    public Tensor Invoke(Tensor input)
    {
        var (_, h, w) = ImageOps.Dimensions(input, "Resize");
        var (oh, ow) = OutputSize(h, w);
        return oh == h && ow == w ? input : BilinearResize.Resize(input, oh, ow);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        _size != 0 ? $"Resize(size={_size}, interpolation=bilinear, max_size={(_maxSize?.ToString() ?? "None")})"
                   : $"Resize(size=({_height}, {_width}), interpolation=bilinear)";
}
