namespace StaticNet.NN;

/// <summary>Flattens the dimensions start_dim..end_dim into one (PyTorch's <c>nn.Flatten</c>); a view when it can be.</summary>
/// <remarks>Shape: input <c>(*, S_start, ..., S_end, *)</c>, output <c>(*, S_start·...·S_end, *)</c>; by default
/// <c>(N, *dims)</c> becomes <c>(N, ∏dims)</c>.</remarks>
public sealed class Flatten(int startDim = 1, int endDim = -1) : Module
{
    /// <summary>The first dimension flattened.</summary>
    public int StartDim { get; } = startDim;

    /// <summary>The last dimension flattened.</summary>
    public int EndDim { get; } = endDim;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => Traced(x.Flatten(StartDim, EndDim));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"start_dim={StartDim}, end_dim={EndDim}";
}
