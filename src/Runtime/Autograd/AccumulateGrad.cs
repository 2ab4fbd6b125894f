namespace StaticNet.Autograd;

/// <summary>The node at a leaf tensor that requires grad: it adds incoming gradients into the leaf's <c>Grad</c>.</summary>
public sealed class AccumulateGrad : Node
{
    internal AccumulateGrad(Tensor variable) => Variable = variable;

    /// <inheritdoc/>
    public override string Name => "AccumulateGrad";

    /// <summary>The leaf tensor whose <c>Grad</c> this node accumulates (PyTorch's <c>.variable</c>).</summary>
    public Tensor Variable { get; }

    internal override Tensor?[] Apply(Tensor gradOutput)
    {
        Accumulate(Variable, gradOutput);
        Variable.RunPostAccumulateGradHooks();
        return [];
    }

    /// <summary>
    /// Grad = grad (a copy: the same gradient tensor may reach several leaves; written into the buffer a previous
    /// <c>ZeroGrad</c> dropped when it can be reused) on the first backward, then added in place, so optimizers can keep
    /// a reference to <c>Grad</c> across steps.
    /// </summary>
    internal static void Accumulate(Tensor variable, Tensor gradient)
    {
        if (variable.GradInternal is { } grad) grad.Add_(gradient);
        else variable.SetFirstGrad(gradient);
    }
}
