using StaticNet;

namespace RegressionSample;

/// <summary>Seed 003's regression network, declared: 2 inputs, 8 hidden units with ReLU, 1 output.</summary>
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

/// <summary>Seed 003's <c>NeuralNet</c> whose forward also returns the hidden activations (<c>return output, hidden2</c>).</summary>
[Model(Input = [2])]
public partial class NeuralNet
{
    [Linear(2, 8)] public partial Tensor InputToHiddenLayer(Tensor x);
    [ReLU] public partial Tensor HiddenLayerActivation(Tensor x);
    [Linear(8, 1)] public partial Tensor HiddenToOutputLayer(Tensor x);

    // A tuple return runs eagerly (SN0104 says so); this sample shows the multi-output Forward.
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
