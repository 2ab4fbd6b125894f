using System.Numerics.Tensors;

namespace StaticNet.Vision;

/// <summary>
/// Converts a decoded image to a float tensor in [0, 1] (torchvision's <c>transforms.ToTensor</c>).
/// </summary>
/// <remarks>
/// StaticNet's decoded image is a UInt8 tensor <c>[C, H, W]</c>, the layout of torchvision's <c>read_image</c>
/// (<see cref="Image.Read"/>, and the raw samples of every vision dataset); a UInt8 <c>[H, W]</c> is one channel.
/// ToTensor divides by 255 into a new contiguous Float32 <c>[C, H, W]</c> (<c>img.float().div(255)</c>, bit for
/// bit). A floating-point image is returned unchanged, as torchvision returns a float
/// array. Other dtypes are refused.
/// </remarks>
public sealed class ToTensor : ITransform<Tensor, Tensor>
{
    /// <summary>Converts <paramref name="input"/> (UInt8 <c>[C, H, W]</c> or <c>[H, W]</c>) to Float32 <c>[C, H, W]</c> in [0, 1].</summary>
    public Tensor Invoke(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Dim is not (2 or 3))
            throw new ArgumentException($"ToTensor: pic should be 2/3 dimensional. Got {input.Dim} dimensions (shape {input.Shape}).");
        if (input.DType.IsFloatingPoint()) return input.Dim == 2 ? input.Unsqueeze(0) : input;
        if (input.DType != DType.UInt8)
            throw new ArgumentException($"ToTensor: expected a uint8 image (or a floating-point one, returned unchanged), got dtype {input.DType.PyTorchName()}.");
        var shape = input.Dim == 2 ? new[] { 1L, input.Size(0), input.Size(1) } : input.Shape.ToArray();
        var source = input.Contiguous().ContiguousSpan<byte>();
        var result = new Tensor(shape, DType.Float32, zeroed: false);
        var destination = result.ContiguousSpan<float>();
        // Widened to float and divided by 255 as vectors: each lane's division is correctly rounded, the same bits as
        // the scalar x / 255f (and as PyTorch's img.float().div(255)).
        TensorPrimitives.ConvertTruncating<byte, float>(source, destination);
        TensorPrimitives.Divide(destination, 255f, destination);
        return result;
    }

    /// <inheritdoc/>
    public override string ToString() => "ToTensor()";
}
