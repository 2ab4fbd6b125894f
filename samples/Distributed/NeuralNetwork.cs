using StaticNet;

namespace DistributedSample;

/// <summary>Seed 000's quickstart network, declared: the generator writes the layers, parameters and fused backward.</summary>
[Model(Input = [1, 28, 28])]
public partial class NeuralNetwork
{
    [Flatten]
    public partial Tensor Flatten(Tensor x);

    [Linear(28 * 28, 512), ReLU, Linear(512, 256), ReLU, Linear(256, 10), Dropout(0.2)]
    public partial Tensor LinearReluStack(Tensor x);

    [Forward]
    private Tensor Network(Tensor x) => LinearReluStack(Flatten(x));
}
