using StaticNet;
using static StaticNet.F;

namespace StaticNet.Generators.Tests.Models;

/// <summary>Seed 002's LeNet for CIFAR-10: 3×32×32 in, one MaxPool2d layer used twice, <c>x.View(-1, 16 * 5 * 5)</c>.</summary>
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
