namespace StaticNet.NN;

/// <summary>The hyperbolic tangent element-wise (PyTorch's <c>nn.Tanh</c>).</summary>
/// <remarks>Shape: input <c>(*)</c>, output the same shape.</remarks>
public sealed class Tanh : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => Traced(x.Tanh());
}
