namespace StaticNet;

/// <summary>
/// The functional forms of layers, activations and losses (PyTorch's <c>torch.nn.functional</c>); bring them into
/// scope with <c>using static StaticNet.F;</c>.
/// </summary>
public static partial class F
{
    /// <summary>max(x, 0); with <paramref name="inplace"/> x is overwritten and returned (<c>F.relu(x, inplace=True)</c>).</summary>
    public static Tensor Relu(Tensor x, bool inplace = false) => inplace ? x.Relu_() : x.Relu();

    /// <summary>1 / (1 + e^-x).</summary>
    public static Tensor Sigmoid(Tensor x) => x.Sigmoid();

    /// <summary>Hyperbolic tangent.</summary>
    public static Tensor Tanh(Tensor x) => x.Tanh();
}
