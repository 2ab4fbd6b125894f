namespace StaticNet.Vision;

/// <summary>Image utilities (torchvision's <c>utils</c>).</summary>
public static class Utils
{
    /// <summary>
    /// Lays a batch of images out in a grid (torchvision 0.14's <c>make_grid</c>, step for step): <c>nrow</c> images per
    /// row, <paramref name="padding"/> pixels of <paramref name="padValue"/> around and between them.
    /// </summary>
    /// <param name="images"><c>[B, C, H, W]</c>, or one image <c>[C, H, W]</c> / <c>[H, W]</c>. One-channel images
    /// are repeated into 3 channels.</param>
    /// <param name="nrow">Images per row (the grid has <c>ceil(B / nrow)</c> rows).</param>
    /// <param name="padding">Padding pixels around each image.</param>
    /// <param name="normalize">Shift the values to [0, 1] using <paramref name="valueRange"/>, or the minimum and
    /// maximum of the images when it is null (clamping first).</param>
    /// <param name="valueRange">The (min, max) that normalization maps to (0, 1).</param>
    /// <param name="scaleEach">Normalize each image by its own range rather than the batch's.</param>
    /// <param name="padValue">The value of the padding pixels.</param>
    /// <returns><c>[C', (H + padding)·rows + padding, (W + padding)·min(nrow, B) + padding]</c> with C' = 3 for
    /// one-channel input; a batch of one is returned as that single image, without padding.</returns>
    public static Tensor MakeGrid(Tensor images, int nrow = 8, int padding = 2, bool normalize = false,
        (double Min, double Max)? valueRange = null, bool scaleEach = false, double padValue = 0)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (nrow < 1) throw new ArgumentOutOfRangeException(nameof(nrow), nrow, "MakeGrid: nrow must be at least 1.");
        if (padding < 0) throw new ArgumentOutOfRangeException(nameof(padding), padding, "MakeGrid: padding must be non-negative.");
        using var _ = Torch.NoGrad();
        var tensor = images;
        if (tensor.Dim == 2) tensor = tensor.Unsqueeze(0);
        if (tensor.Dim == 3)
        {
            if (tensor.Size(0) == 1) tensor = Torch.Cat([tensor, tensor, tensor], 0);
            tensor = tensor.Unsqueeze(0);
        }
        if (tensor.Dim != 4)
            throw new ArgumentException($"MakeGrid: expected images [B, C, H, W] (or one image [C, H, W] or [H, W]), got shape {images.Shape}.");
        if (tensor.Size(1) == 1) tensor = Torch.Cat([tensor, tensor, tensor], 1);
        if (tensor.Size(0) == 0) throw new ArgumentException($"MakeGrid: the batch is empty (shape {images.Shape}).");
        if (normalize)
        {
            tensor = tensor.Clone();
            if (scaleEach)
                for (long k = 0; k < tensor.Size(0); k++) NormalizeRange(tensor.Select(0, k), valueRange);
            else NormalizeRange(tensor, valueRange);
        }
        if (tensor.Size(0) == 1) return tensor.Squeeze(0);

        long count = tensor.Size(0);
        long columns = Math.Min(nrow, count);
        long rows = (count + columns - 1) / columns;
        long height = tensor.Size(2) + padding, width = tensor.Size(3) + padding;
        var grid = tensor.NewFull([tensor.Size(1), height * rows + padding, width * columns + padding], padValue);
        long index = 0;
        for (long y = 0; y < rows; y++)
            for (long x = 0; x < columns && index < count; x++, index++)
                grid.Narrow(1, y * height + padding, height - padding)
                    .Narrow(2, x * width + padding, width - padding)
                    .Copy_(tensor.Select(0, index));
        return grid;
    }

    /// <summary>Lays a list of same-shaped images <c>[C, H, W]</c> out in a grid (stacks them, then as above).</summary>
    public static Tensor MakeGrid(IReadOnlyList<Tensor> images, int nrow = 8, int padding = 2, bool normalize = false,
        (double Min, double Max)? valueRange = null, bool scaleEach = false, double padValue = 0)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0) throw new ArgumentException("MakeGrid: the list of images is empty.");
        return MakeGrid(Torch.Stack(images, 0), nrow, padding, normalize, valueRange, scaleEach, padValue);
    }

    // norm_ip: clamp to [low, high], then map to [0, 1] (dividing by at least 1e-5, as torchvision does).
    private static void NormalizeRange(Tensor t, (double Min, double Max)? range)
    {
        double low = range?.Min ?? t.Min().Item<double>();
        double high = range?.Max ?? t.Max().Item<double>();
        t.Clamp_(low, high);
        t.Sub_(low).Div_(Math.Max(high - low, 1e-5));
    }
}
