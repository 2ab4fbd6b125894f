using static StaticNet.F;

namespace StaticNet.OnnxTests;

/// <summary>Seed 000's quickstart network (samples/FashionMnist): Flatten, then a Sequential of Linear/ReLU and a Dropout.</summary>
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

/// <summary>Seed 001's LeNet: 1×32×32 in, 5×5 convolutions, 2×2 max pooling, three linear layers.</summary>
[Model(Input = [1, 32, 32])]
public partial class LeNet
{
    [Conv2d(1, 6, kernel: 5)] public partial Tensor Conv1(Tensor x);
    [Conv2d(6, 16, kernel: 5)] public partial Tensor Conv2(Tensor x);
    [Linear(16 * 5 * 5, 120)] public partial Tensor Fc1(Tensor x);
    [Linear(120, 84)] public partial Tensor Fc2(Tensor x);
    [Linear(84, 10)] public partial Tensor Fc3(Tensor x);

    [Forward]
    private Tensor Network(Tensor x)
    {
        x = MaxPool2d(Relu(Conv1(x)), (2, 2));
        x = MaxPool2d(Relu(Conv2(x)), 2);
        x = x.View(-1, 16 * 5 * 5);
        x = Relu(Fc1(x));
        x = Relu(Fc2(x));
        return Fc3(x);
    }
}

/// <summary>Seed 002's LeNet for CIFAR-10 (samples/Cifar10).</summary>
[Model(Input = [3, 32, 32])]
public partial class CifarNet
{
    [Conv2d(3, 6, kernel: 5)] public partial Tensor Conv1(Tensor x);
    [MaxPool2d(2)] public partial Tensor Pool(Tensor x);
    [Conv2d(6, 16, kernel: 5)] public partial Tensor Conv2(Tensor x);
    [Linear(16 * 5 * 5, 120)] public partial Tensor Fc1(Tensor x);
    [Linear(120, 84)] public partial Tensor Fc2(Tensor x);
    [Linear(84, 10)] public partial Tensor Fc3(Tensor x);

    [Forward]
    private Tensor Network(Tensor x)
    {
        x = Pool(Relu(Conv1(x)));
        x = Pool(Relu(Conv2(x)));
        x = x.View(-1, 16 * 5 * 5);
        x = Relu(Fc1(x));
        x = Relu(Fc2(x));
        return Fc3(x);
    }
}

/// <summary>Seed 003's regression network (samples/Regression).</summary>
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
