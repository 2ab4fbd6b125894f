namespace StaticNet.NN;

/// <summary>Splits dimension <see cref="Dim"/> into <see cref="UnflattenedSize"/> (PyTorch's <c>nn.Unflatten</c>).</summary>
/// <remarks>Shape: input <c>(*, S_dim, *)</c>, output <c>(*, U_1, ..., U_n, *)</c> with ∏U = S_dim (one U may be −1).</remarks>
public sealed class Unflatten(int dim, long[] unflattenedSize) : Module
{
    /// <summary>The dimension split.</summary>
    public int Dim { get; } = dim;

    /// <summary>The sizes it is split into.</summary>
    public long[] UnflattenedSize { get; } = (long[])unflattenedSize.Clone();

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => Traced(x.Unflatten(Dim, UnflattenedSize));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"dim={Dim}, unflattened_size={PythonRepr.Tuple(UnflattenedSize)}";
}
