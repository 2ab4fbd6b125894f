namespace StaticNet.NN;

public abstract partial class Module
{
    /// <summary>
    /// Converts every floating-point parameter, its gradient, and every floating-point buffer to <paramref name="dtype"/>
    /// in place (<c>model.to(torch.float64)</c>): the Parameter objects stay the same (an optimizer holding them keeps
    /// working) and keep <c>RequiresGrad</c>; integer buffers (BatchNorm's <c>num_batches_tracked</c>) are left alone.
    /// Returns this module.
    /// </summary>
    /// <param name="dtype">Float32 or Float64.</param>
    /// <exception cref="ArgumentException"><paramref name="dtype"/> is not a floating-point dtype.</exception>
    public Module To(DType dtype)
    {
        if (!dtype.IsFloatingPoint())
            throw new ArgumentException($"nn.Module.to only accepts floating point or complex dtypes, but got desired dtype={dtype.PyTorchName()}", nameof(dtype));
        foreach (var p in Parameters())
        {
            if (!p.DType.IsFloatingPoint()) continue;
            p.ConvertStorageInPlace(dtype);
            p.GradInternal?.ConvertStorageInPlace(dtype);
            p.DropSpareGrad();
        }
        foreach (var b in Buffers())
            if (b.DType.IsFloatingPoint()) b.ConvertStorageInPlace(dtype);
        return this;
    }

    /// <summary>Converts floating-point parameters and buffers to Float64 (<c>model.double()</c>); returns this module.</summary>
    public Module Double() => To(DType.Float64);

    /// <summary>Converts floating-point parameters and buffers to Float32 (<c>model.float()</c>); returns this module.</summary>
    public Module Float() => To(DType.Float32);
}
