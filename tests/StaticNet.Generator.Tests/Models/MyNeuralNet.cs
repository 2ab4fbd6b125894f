using StaticNet;

namespace StaticNet.Generators.Tests.Models;

/// <summary>Seed 003's regression network: the activation is a named layer (<c>hidden_layer_activation</c>).</summary>
[Model(Input = [2])]
public partial class MyNeuralNet
{
    [Linear(2, 8)] public partial Tensor InputToHiddenLayer(Tensor x);
    [ReLU] public partial Tensor HiddenLayerActivation(Tensor x);
    [Linear(8, 1)] public partial Tensor HiddenToOutputLayer(Tensor x);

    [Forward]
    private Tensor Network(Tensor x)
    {
        x = InputToHiddenLayer(x);
        x = HiddenLayerActivation(x);
        x = HiddenToOutputLayer(x);
        return x;
    }
}
