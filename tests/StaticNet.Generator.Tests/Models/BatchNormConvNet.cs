using StaticNet;
using static StaticNet.F;

namespace StaticNet.Generators.Tests.Models;

/// <summary>
/// BatchNorm2d in a residual convolution: bn1 (ReLU in its epilogue) and bn2 (not affine, momentum 0.2) each read only their
/// convolution's output, so Predict folds both into the convolutions; h is read by conv2 and the skip +.
/// </summary>
[Model(Input = [2, 5, 5])]
public partial class BatchNormConvNet
{
    [Conv2d(2, 3, kernel: 3, padding: 1)] public partial Tensor Conv1(Tensor x);
    [BatchNorm2d(3)] public partial Tensor Bn1(Tensor x);
    [Conv2d(3, 3, kernel: 3, padding: 1, bias: false)] public partial Tensor Conv2(Tensor x);
    [BatchNorm2d(3, momentum: 0.2, affine: false)] public partial Tensor Bn2(Tensor x);
    [Linear(3 * 5 * 5, 4)] public partial Tensor Fc(Tensor x);

    // Internal so tests can run the same body eagerly, through the layer methods and autograd.
    [Forward]
    internal Tensor Network(Tensor x)
    {
        var h = Relu(Bn1(Conv1(x)));
        var y = Tanh(Bn2(Conv2(h)) + h);
        return Fc(y.Flatten(1));
    }
}
