using StaticNet;
using static StaticNet.F;

namespace StaticNet.Generators.Tests.Models;

/// <summary>
/// A value graph that is not a chain: h is read three times (Fc2, the residual +, the gate's Sigmoid), x twice (Fc1 and
/// the last +), so gradients add up on both; Fc2's ReLU joins its epilogue, the Sigmoid on h cannot (h has several readers).
/// </summary>
[Model(Input = [6])]
public partial class ResidualNet
{
    [Linear(6, 6)] public partial Tensor Fc1(Tensor x);
    [Linear(6, 6)] public partial Tensor Fc2(Tensor x);
    [Linear(6, 3)] public partial Tensor Head(Tensor x);

    // Internal so tests can run the same body eagerly, through the layer methods and autograd.
    [Forward]
    internal Tensor Network(Tensor x)
    {
        var h = Relu(Fc1(x));
        var r = Relu(Fc2(h)) + h;
        var g = r * Sigmoid(h);
        return Head(g + x);
    }
}

/// <summary>
/// Residual convolutions: x read by Conv1 and by the skip +, y by a max, an average and an adaptive average pooling (6×6
/// to 3×3: even windows), so the convolution's and the poolings' input gradients add into values another op also reads.
/// </summary>
[Model(Input = [2, 6, 6])]
public partial class ConvResidualNet
{
    [Conv2d(2, 2, kernel: 3, padding: 1)] public partial Tensor Conv1(Tensor x);
    [Conv2d(2, 2, kernel: 3, padding: 1)] public partial Tensor Conv2(Tensor x);
    [AdaptiveAvgPool2d(3)] public partial Tensor Adaptive(Tensor x);
    [Linear(2 * 3 * 3, 4)] public partial Tensor Fc(Tensor x);

    [Forward]
    internal Tensor Network(Tensor x)
    {
        var y = Tanh(Conv2(Relu(Conv1(x))) + x); // Tanh, not ReLU: no ties of zeros in the pooling windows for GradCheck
        var p = MaxPool2d(y, 2) + AvgPool2d(y, 2) * Adaptive(y); // y read by three poolings
        return Fc(p.Flatten(1));
    }
}

/// <summary>Softmax and LogSoftmax over the last dimension, one functional and one a layer; p is read by Fc2 and the +.</summary>
[Model(Input = [5])]
public partial class SoftmaxNet
{
    [Linear(5, 4)] public partial Tensor Fc1(Tensor x);
    [Linear(4, 4)] public partial Tensor Fc2(Tensor x);
    [LogSoftmax(1)] public partial Tensor LogProbabilities(Tensor x);

    [Forward]
    internal Tensor Network(Tensor x)
    {
        var p = Softmax(Fc1(x), -1);
        return LogProbabilities(Fc2(p) + p);
    }
}
