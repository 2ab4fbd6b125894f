namespace StaticNet;

public partial class Tensor
{
    /// <summary>
    /// PyTorch's repr of this tensor: <c>tensor([[1., 2.],\n        [3., 4.]], dtype=float64)</c>, with its number
    /// formatting (4 decimals, integer-valued floats as <c>1.</c>, scientific notation when the range demands it),
    /// <c>...</c> summarization of large tensors, and the <c>dtype=</c>, <c>device=</c>, <c>requires_grad=True</c>
    /// suffixes. <see cref="Torch.SetPrintOptions"/> changes the precision, threshold and line width.
    /// </summary>
    public override string ToString() => TensorFormatter.Format(this, Torch.PrintOptions, GradFnNameForPrinting());

    /// <summary>
    /// The name printed as <c>grad_fn=&lt;MulBackward0&gt;</c>, or null when the tensor has no autograd node (a leaf or
    /// a tensor outside autograd); a leaf that requires grad prints <c>requires_grad=True</c> instead.
    /// </summary>
    internal string? GradFnNameForPrinting() => GradFn?.Name;
}
