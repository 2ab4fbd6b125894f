namespace StaticNet.Autograd;

/// <summary>
/// What a backward node remembers about an input without keeping the tensor: its shape and dtype, so a gradient
/// can be summed back over broadcast dimensions and converted to the input's dtype (PyTorch's InputMetadata).
/// </summary>
internal readonly struct InputInfo(Tensor t)
{
    public readonly long[] Shape = t.ShapeArray;
    public readonly DType DType = t.DType;
    public readonly bool RequiresGrad = t.RequiresGrad;

    /// <summary>The gradient reduced to this input's shape and dtype, or null when the input needs none.</summary>
    public Tensor? Reduce(Tensor gradient) => RequiresGrad ? Graph.SumTo(gradient, Shape).To(DType) : null;
}
