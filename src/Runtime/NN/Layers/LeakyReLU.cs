namespace StaticNet.NN;

/// <summary>x for x &gt; 0, negative_slope·x otherwise (PyTorch's <c>nn.LeakyReLU</c>).</summary>
/// <remarks>Shape: input <c>(*)</c>, output the same shape.</remarks>
public sealed class LeakyReLU(double negativeSlope = 0.01, bool inplace = false) : Module
{
    /// <summary>The slope for negative inputs.</summary>
    public double NegativeSlope { get; } = negativeSlope;

    /// <summary>Whether Forward overwrites its input.</summary>
    public bool Inplace { get; } = inplace;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => Traced(F.LeakyRelu(x, NegativeSlope, Inplace));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"negative_slope={Py(NegativeSlope)}" + (Inplace ? ", inplace=True" : "");
}
