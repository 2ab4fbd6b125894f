using StaticNet;

namespace StaticNet.Generators.Tests.Models;

/// <summary>Seed 003's variant that also returns the hidden activations: <c>return output, hidden2</c>.</summary>
[Model(Input = [2])]
public partial class MyNeuralNetWithHidden
{
    [Linear(2, 8)] public partial Tensor InputToHiddenLayer(Tensor x);
    [ReLU] public partial Tensor HiddenLayerActivation(Tensor x);
    [Linear(8, 1)] public partial Tensor HiddenToOutputLayer(Tensor x);

    // A tuple return has no fused plan: the analyzers' SN0104 says so; this model tests the eager multi-output path.
#pragma warning disable SN0104
    [Forward]
    private (Tensor Output, Tensor Hidden) Network(Tensor x)
    {
        var hidden1 = InputToHiddenLayer(x);
        var hidden2 = HiddenLayerActivation(hidden1);
        var output = HiddenToOutputLayer(hidden2);
        return (output, hidden2);
    }
#pragma warning restore SN0104
}
