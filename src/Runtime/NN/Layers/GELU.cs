namespace StaticNet.NN;

/// <summary>The Gaussian error linear unit x·Φ(x) (PyTorch's <c>nn.GELU</c>).</summary>
/// <remarks>Shape: input <c>(*)</c>, output the same shape.</remarks>
public sealed class GELU : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="approximate"><c>"none"</c> for the exact erf form, <c>"tanh"</c> for ½x(1 + tanh(√(2/π)(x + 0.044715x³))).</param>
    public GELU(string approximate = "none")
    {
        F.GeluUsesTanh(approximate); // reject an unknown mode here rather than at the first Forward
        Approximate = approximate;
    }

    /// <summary><c>"none"</c> or <c>"tanh"</c>.</summary>
    public string Approximate { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => Traced(F.Gelu(x, Approximate));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"approximate='{Approximate}'";
}
