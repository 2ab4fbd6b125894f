namespace StaticNet.NN;

/// <summary>log(softmax(x)) along <see cref="Dim"/> (PyTorch's <c>nn.LogSoftmax</c>), computed by log-sum-exp.</summary>
/// <remarks>
/// Shape: input <c>(*)</c>, output the same shape. Without a dim the deprecated implicit choice applies
/// (0 for 0-, 1- and 3-D inputs, else 1), with PyTorch's warning.
/// </remarks>
public sealed class LogSoftmax(int? dim = null) : Module
{
    /// <summary>The dimension normalised, or null for the implicit choice.</summary>
    public int? Dim { get; } = dim;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => Traced(F.LogSoftmax(x, Dim ?? F.LegacySoftmaxDim("log_softmax", x.Dim)));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"dim={(Dim is { } d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "None")}";
}
