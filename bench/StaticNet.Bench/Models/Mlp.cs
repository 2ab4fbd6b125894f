using StaticNet.NN;

namespace StaticNet.Bench.Models;

/// <summary>The W2/W5/W6 MLP (seed 000's quickstart network), declared: the generator gives it the fused plan and Predict.</summary>
[Model(Input = [1, 28, 28])]
public partial class DeclaredMlp
{
    [Flatten]
    public partial Tensor Flatten(Tensor x);

    [Linear(28 * 28, 512), ReLU, Linear(512, 256), ReLU, Linear(256, 10), Dropout(0.2)]
    public partial Tensor LinearReluStack(Tensor x);

    [Forward]
    private Tensor Network(Tensor x) => LinearReluStack(Flatten(x));
}

/// <summary>The same MLP built from nn layers, as the peers' <c>make_mlp()</c> builds it.</summary>
public static class EagerMlp
{
    /// <summary>Flatten → Linear(784,512) → ReLU → Linear(512,256) → ReLU → Linear(256,10) → Dropout(0.2).</summary>
    public static Sequential Create() => new(
        new Flatten(),
        new Linear(784, 512), new ReLU(),
        new Linear(512, 256), new ReLU(),
        new Linear(256, 10),
        new Dropout(0.2));
}
