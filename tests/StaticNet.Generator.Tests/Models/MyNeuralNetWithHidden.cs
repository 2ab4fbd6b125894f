using StaticNet;

namespace StaticNet.Generators.Tests.Models;

/// <summary>Seed 003's variant that also returns the hidden activations: <c>return output, hidden2</c>.</summary>
[Model(Input = [2])]
public partial class MyNeuralNetWithHidden
{
    [Linear(2, 8)] public partial Tensor InputToHiddenLayer(Tensor x);
    [ReLU] public partial Tensor HiddenLayerActivation(Tensor x);
    [Linear(8, 1)] public partial Tensor HiddenToOutputLayer(Tensor x);

    // A tuple return fuses into one plan whose node has two outputs; internal so tests can run the body eagerly.
    [Forward]
    internal (Tensor Output, Tensor Hidden) Network(Tensor x)
    {
        var hidden1 = InputToHiddenLayer(x);
        var hidden2 = HiddenLayerActivation(hidden1);
        var output = HiddenToOutputLayer(hidden2);
        return (output, hidden2);
    }
}
