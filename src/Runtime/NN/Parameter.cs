namespace StaticNet.NN;

/// <summary>
/// A tensor that is a module's learnable parameter (PyTorch's <c>nn.Parameter</c>): it requires grad by default and
/// is found by <see cref="Module.Parameters"/>. It shares storage with the tensor it was made from.
/// </summary>
public sealed class Parameter : Tensor
{
    /// <summary>Wraps <paramref name="data"/> (detached from any graph) as a parameter.</summary>
    public Parameter(Tensor data, bool requiresGrad = true)
        : base(data.Storage, data.ShapeArray, data.StridesArray, data.StorageOffset)
    {
        RequiresGrad = requiresGrad;
    }

    /// <summary>Prints as PyTorch does: <c>Parameter containing:</c> then the tensor.</summary>
    public override string ToString() => "Parameter containing:\n" + base.ToString();
}
