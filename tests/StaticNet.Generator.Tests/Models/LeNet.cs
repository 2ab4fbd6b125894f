using StaticNet;
using static StaticNet.F;

namespace StaticNet.Generators.Tests.Models;

/// <summary>Seed 002's LeNet: one 32×32 channel, 3×3 kernels, so 16 × 6 × 6 = 576 features reach fc1.</summary>
[Model(Input = [1, 32, 32])]
public partial class LeNet
{
    [Conv2d(1, 6, kernel: 3)] public partial Tensor Conv1(Tensor x);
    [Conv2d(6, 16, kernel: 3)] public partial Tensor Conv2(Tensor x);
    [Linear(16 * 6 * 6, 120)] public partial Tensor Fc1(Tensor x);
    [Linear(120, 84)] public partial Tensor Fc2(Tensor x);
    [Linear(84, 10)] public partial Tensor Fc3(Tensor x);

    [Forward]
    private Tensor Network(Tensor x)
    {
        x = MaxPool2d(Relu(Conv1(x)), (2, 2));
        x = MaxPool2d(Relu(Conv2(x)), 2);
        x = x.View(-1, 16 * 6 * 6);
        x = Relu(Fc1(x));
        x = Relu(Fc2(x));
        return Fc3(x);
    }
}
