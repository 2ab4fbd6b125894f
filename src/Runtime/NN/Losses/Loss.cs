namespace StaticNet.NN;

/// <summary>
/// The base of the loss modules (PyTorch's <c>_Loss</c>): a module whose forward takes the prediction and the target,
/// <c>loss.Forward(pred, target)</c>. The one-argument <see cref="Forward(Tensor)"/> throws, since a loss needs a target.
/// </summary>
public abstract class Loss : Module
{
    /// <summary>Stores the reduction.</summary>
    protected Loss(LossReduction reduction) => Reduction = reduction;

    /// <summary>How the per-element losses are combined (Mean by default).</summary>
    public LossReduction Reduction { get; }

    /// <summary>The loss of <paramref name="input"/> against <paramref name="target"/>.</summary>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target (see each loss for its shape and dtype).</param>
    public abstract Tensor Forward(Tensor input, Tensor target);

    /// <summary>Always throws: a loss needs a target; call <see cref="Forward(Tensor, Tensor)"/>.</summary>
    public sealed override Tensor Forward(Tensor x) =>
        throw new InvalidOperationException($"{TypeName}.Forward needs a target: call Forward(input, target) (got only an input of shape {x.Shape}).");
}
