namespace StaticNet.NN;

/// <summary>exp(x) / Σ exp(x) along <see cref="Dim"/> (PyTorch's <c>nn.Softmax</c>), numerically stable.</summary>
/// <remarks>
/// Shape: input <c>(*)</c>, output the same shape; every slice along <c>dim</c> sums to 1. Without a dim the
/// deprecated implicit choice applies (0 for 0-, 1- and 3-D inputs, else 1), with PyTorch's warning.
/// </remarks>
public sealed class Softmax(int? dim = null) : Module
{
    /// <summary>The dimension normalised, or null for the implicit choice.</summary>
    public int? Dim { get; } = dim;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => Traced(F.Softmax(x, Dim ?? F.LegacySoftmaxDim("softmax", x.Dim)));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"dim={(Dim is { } d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "None")}";
}
