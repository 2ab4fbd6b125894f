namespace StaticNet.Autograd;

/// <summary>
/// y = cat(x_1, ..., x_n, dim): each dy/dx_k is the identity on x_k's block, so x_k's gradient is the block of g
/// it was copied to (a narrowed view), converted to x_k's dtype. An input skipped as a legacy empty [0] tensor
/// keeps its edge and gets an empty [0] gradient, as PyTorch's cat_tensors_backward gives.
/// </summary>
internal sealed class CatBackward0 : Node
{
    private readonly InputInfo[] _inputs;
    private readonly bool[] _skipped;
    private readonly int _dim;

    /// <param name="inputs">The tensors in the order they were joined.</param>
    /// <param name="skipped">Which inputs the forward skipped (1-D with no elements).</param>
    /// <param name="dim">The normalized dimension they were joined along.</param>
    public CatBackward0(IReadOnlyList<Tensor> inputs, bool[] skipped, int dim)
    {
        _inputs = new InputInfo[inputs.Count];
        for (int i = 0; i < _inputs.Length; i++) _inputs[i] = new(inputs[i]);
        _skipped = skipped;
        _dim = dim;
    }

    public override string Name => "CatBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var grads = new Tensor?[_inputs.Length];
        long offset = 0;
        for (int i = 0; i < _inputs.Length; i++)
        {
            var input = _inputs[i];
            if (_skipped[i])
            {
                if (input.RequiresGrad) grads[i] = Torch.Zeros([0], input.DType, g.Device);
                continue;
            }
            long length = input.Shape[_dim];
            if (input.RequiresGrad) grads[i] = g.Narrow(_dim, offset, length).To(input.DType);
            offset += length;
        }
        return grads;
    }
}

/// <summary>y = stack(x_1, ..., x_n, dim): x_k's gradient is g's slice k along the new dimension, in x_k's dtype.</summary>
internal sealed class StackBackward0 : Node
{
    private readonly InputInfo[] _inputs;
    private readonly int _dim;

    /// <param name="inputs">The stacked tensors.</param>
    /// <param name="dim">The normalized position of the new dimension in the result.</param>
    public StackBackward0(IReadOnlyList<Tensor> inputs, int dim)
    {
        _inputs = new InputInfo[inputs.Count];
        for (int i = 0; i < _inputs.Length; i++) _inputs[i] = new(inputs[i]);
        _dim = dim;
    }

    public override string Name => "StackBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var grads = new Tensor?[_inputs.Length];
        for (int i = 0; i < grads.Length; i++)
            if (_inputs[i].RequiresGrad) grads[i] = g.Select(_dim, i).To(_inputs[i].DType);
        return grads;
    }
}
