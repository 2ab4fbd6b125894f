using StaticNet;

namespace StaticNet.Generators.Tests.Models;

/// <summary>Seed 001's LeNet: one 32×32 channel, 5×5 kernels (32 → 28 → 14 → 10 → 5), flattened with <c>x.Flatten(1)</c>.</summary>
[Model(Input = [1, 32, 32])]
public partial class LeNet5
{
    [Conv2d(1, 6, kernel: 5)] public partial Tensor Conv1(Tensor x);
    [Conv2d(6, 16, kernel: 5)] public partial Tensor Conv2(Tensor x);
    [Linear(16 * 5 * 5, 120)] public partial Tensor Fc1(Tensor x);
    [Linear(120, 84)] public partial Tensor Fc2(Tensor x);
    [Linear(84, 10)] public partial Tensor Fc3(Tensor x);

    [Forward]
    private Tensor Network(Tensor x)
    {
        x = F.MaxPool2d(F.Relu(Conv1(x)), (2, 2));
        x = F.MaxPool2d(F.Relu(Conv2(x)), 2);
        x = x.Flatten(1);
        x = F.Relu(Fc1(x));
        x = F.Relu(Fc2(x));
        return Fc3(x);
    }
}
