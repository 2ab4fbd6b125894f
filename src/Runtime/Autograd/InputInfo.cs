namespace StaticNet.Autograd;

/// <summary>
/// What a backward node remembers about an input without keeping the tensor: its shape, dtype and device, so a
/// gradient can be summed back over broadcast dimensions and converted to the input's dtype and device (PyTorch's InputMetadata).
/// </summary>
internal readonly struct InputInfo(Tensor t)
{
    public readonly long[] Shape = t.ShapeArray;
    public readonly DType DType = t.DType;
    public readonly bool RequiresGrad = t.RequiresGrad;
    public readonly Device Device = t.Device;

    /// <summary>The gradient reduced to this input's shape, dtype and device, or null when the input needs none.</summary>
    public Tensor? Reduce(Tensor gradient) => RequiresGrad ? Graph.SumTo(gradient, Shape).To(DType).To(Device) : null;
}
