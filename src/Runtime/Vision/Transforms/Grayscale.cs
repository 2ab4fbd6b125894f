namespace StaticNet.Vision;

/// <summary>
/// Converts an RGB image <c>[..., 3, H, W]</c> to grayscale (torchvision's <c>transforms.Grayscale</c> on tensors):
/// <c>L = 0.2989·R + 0.587·G + 0.114·B</c> in Float32 (Float64 for a Float64 image), cast back to the image's dtype
/// (a UInt8 result is truncated, as <c>.to(torch.uint8)</c> truncates). A one-channel image is copied.
/// </summary>
/// <remarks>Shape: output <c>[..., numOutputChannels, H, W]</c>; with 3 output channels the gray plane is repeated.</remarks>
public sealed class Grayscale : ITransform<Tensor, Tensor>
{
    /// <summary>Produces <paramref name="numOutputChannels"/> (1 or 3) channels.</summary>
    public Grayscale(int numOutputChannels = 1)
    {
        if (numOutputChannels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(numOutputChannels), numOutputChannels, "Grayscale: num_output_channels should be either 1 or 3.");
        NumOutputChannels = numOutputChannels;
    }

    /// <summary>The number of output channels.</summary>
    public int NumOutputChannels { get; }

    /// <inheritdoc/>
    public Tensor Invoke(Tensor input)
    {
        ImageOps.Dimensions(input, "Grayscale");
        if (input.Dim < 3)
            throw new ArgumentException($"Grayscale: input image tensor should have at least 3 dimensions [..., C, H, W], but found shape {input.Shape}.");
        long channels = input.Size(-3);
        if (channels is not (1 or 3))
            throw new ArgumentException($"Grayscale: input image tensor permitted channel values are [1, 3], but found {channels} (shape {input.Shape}).");
        Tensor gray;
        if (channels == 3)
        {
            var compute = input.DType == DType.Float64 ? DType.Float64 : DType.Float32;
            var rgb = input.To(compute);
            var r = rgb.Select(-3, 0);
            var g = rgb.Select(-3, 1);
            var b = rgb.Select(-3, 2);
            gray = (r * 0.2989 + g * 0.587 + b * 0.114).To(input.DType).Unsqueeze(-3);
        }
        else gray = input.Clone();
        if (NumOutputChannels == 1) return gray;
        var shape = input.Shape.ToArray();
        shape[^3] = 3;
        return gray.Expand(shape);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Grayscale(num_output_channels={NumOutputChannels})";
}
