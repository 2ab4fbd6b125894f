namespace StaticNet.NN;

/// <summary>
/// Runs its children one after another (PyTorch's <c>nn.Sequential</c>). Children are named <c>0</c>, <c>1</c>, ...,
/// so parameters are <c>linear_relu_stack.0.weight</c>; the container is indexable and can grow with <c>Append</c>.
/// </summary>
public sealed class Sequential(params Module[] layers) : ModuleSequence<Sequential>(layers)
{
    /// <summary>Feeds <paramref name="x"/> through every layer in order.</summary>
    public override Tensor Forward(Tensor x)
    {
        foreach (var layer in Items) x = layer.Forward(x);
        return x;
    }
}
