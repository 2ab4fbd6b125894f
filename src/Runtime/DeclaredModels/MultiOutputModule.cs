namespace StaticNet.NN;

/// <summary>
/// The base of a declared model whose <c>[Forward]</c> returns a named tuple (seed 003's <c>(output, hidden2)</c>): the
/// generated class hides <see cref="Module.Forward"/> with one returning the tuple, and code that sees the model as a
/// <see cref="Module"/> (a Sequential, <c>Summary</c>, a training loop) gets the tuple's first item.
/// </summary>
public abstract class MultiOutputModule : Module
{
    /// <summary>The first output of the model's forward pass.</summary>
    /// <param name="x">The input batch.</param>
    public sealed override Tensor Forward(Tensor x) => ForwardFirst(x);

    /// <summary>Implemented by the generator: the first item of the tuple the <c>[Forward]</c> method returns.</summary>
    /// <param name="x">The input batch.</param>
    protected abstract Tensor ForwardFirst(Tensor x);
}
