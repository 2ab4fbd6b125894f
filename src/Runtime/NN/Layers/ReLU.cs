namespace StaticNet.NN;

/// <summary>max(x, 0) element-wise (PyTorch's <c>nn.ReLU</c>).</summary>
/// <remarks>Shape: input <c>(*)</c>, output the same shape.</remarks>
public sealed class ReLU(bool inplace = false) : Module
{
    /// <summary>Whether Forward overwrites its input.</summary>
    public bool Inplace { get; } = inplace;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => Traced(F.Relu(x, Inplace));

    /// <inheritdoc/>
    public override string ExtraRepr() => Inplace ? "inplace=True" : "";
}
