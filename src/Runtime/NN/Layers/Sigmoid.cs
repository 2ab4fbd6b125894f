namespace StaticNet.NN;

/// <summary>1 / (1 + e^−x) element-wise (PyTorch's <c>nn.Sigmoid</c>).</summary>
/// <remarks>Shape: input <c>(*)</c>, output the same shape.</remarks>
public sealed class Sigmoid : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => Traced(x.Sigmoid());
}
