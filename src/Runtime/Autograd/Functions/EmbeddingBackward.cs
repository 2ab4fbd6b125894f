using StaticNet.Kernels;

namespace StaticNet.Autograd;

/// <summary>
/// y[i] = W[idx[i]]: dW[r] = Σ over i with idx[i] = r of g[i] (repeated indices accumulate); the padding row gets no
/// gradient. The indices are not differentiable, so the node has one edge, to the weight.
/// </summary>
internal sealed class EmbeddingBackward0(Tensor weight, long[] indices, long? paddingIdx) : Node
{
    private readonly InputInfo _weight = new(weight);
    public override string Name => "EmbeddingBackward0";

    internal override Tensor?[] Apply(Tensor g) =>
        [Backends.Of(g).EmbeddingBackward(g, indices, _weight.Shape[0], _weight.Shape[1], paddingIdx, _weight.DType)];
}
