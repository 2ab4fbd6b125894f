using StaticNet.NN;

namespace StaticNet.Bench.Models;

/// <summary>The W4 regression network (seed 003's MyNeuralNet), declared as one chain so the fused plan can take it.</summary>
[Model(Input = [2])]
public partial class DeclaredTiny
{
    [Linear(2, 8), ReLU, Linear(8, 1)]
    public partial Tensor Stack(Tensor x);

    [Forward]
    private Tensor Network(Tensor x) => Stack(x);
}

/// <summary>The same network built from nn layers: Linear(2,8) → ReLU → Linear(8,1).</summary>
public static class EagerTiny
{
    /// <summary>A new Sequential with fresh parameters from the default generator.</summary>
    public static Sequential Create() => new(new Linear(2, 8), new ReLU(), new Linear(8, 1));
}
