namespace StaticNet;

public sealed partial class Tensor
{
    private bool _requiresGrad;

    /// <summary>
    /// Whether operations on this tensor are recorded for automatic differentiation (PyTorch's <c>requires_grad</c>).
    /// Only floating tensors can require gradients.
    /// </summary>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (value && !DType.IsFloatingPoint())
                throw new InvalidOperationException(
                    $"only Tensors of floating point dtype can require gradients (this tensor is {DType.PyTorchName()}, shape {Shape}).");
            _requiresGrad = value;
        }
    }

    /// <summary>Sets <see cref="RequiresGrad"/> in place and returns this tensor (<c>x.requires_grad_()</c>).</summary>
    public Tensor RequiresGrad_(bool requiresGrad = true)
    {
        RequiresGrad = requiresGrad;
        return this;
    }

    /// <summary>The accumulated gradient: null until a backward pass reaches this tensor (PyTorch's <c>.grad</c>).</summary>
    public Tensor? Grad { get; set; }

    internal Tensor WithRequiresGrad(bool requiresGrad)
    {
        if (requiresGrad) RequiresGrad = true;
        return this;
    }
}
