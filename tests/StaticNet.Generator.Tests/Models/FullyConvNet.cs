using StaticNet;
using static StaticNet.F;

namespace StaticNet.Generators.Tests.Models;

/// <summary>
/// A fully convolutional network declared at 3×16×16 that takes any image size, as a ResNet does: a BatchNorm, a residual
/// +, a Cat along the channels of a max pooling and a strided convolution (3×3, stride 2, padding 1 on both, so their
/// sizes agree at odd sizes too), then AdaptiveAvgPool2d(1) → Flatten → Linear. Its fused plan computes every spatial
/// size from the input's at run time.
/// </summary>
[Model(Input = [3, 16, 16])]
public partial class FullyConvNet
{
    [Conv2d(3, 4, kernel: 3, padding: 1)] public partial Tensor Conv1(Tensor x);
    [BatchNorm2d(4)] public partial Tensor Bn1(Tensor x);
    [Conv2d(4, 4, kernel: 3, padding: 1)] public partial Tensor Conv2(Tensor x);
    [Conv2d(4, 2, kernel: 3, stride: 2, padding: 1)] public partial Tensor Down(Tensor x);
    [AdaptiveAvgPool2d(1)] public partial Tensor Pool(Tensor x);
    [Linear(6, 5)] public partial Tensor Fc(Tensor x);

    // Internal so tests can run the same body eagerly, through the layer methods and autograd.
    [Forward]
    internal Tensor Network(Tensor x)
    {
        var h = Tanh(Bn1(Conv1(x)));
        var r = Tanh(Conv2(h) + h); // Tanh, not ReLU: no ties in the max pooling's windows for GradCheck
        var c = Torch.Cat([MaxPool2d(r, 3, stride: 2, padding: 1), Tanh(Down(r))], 1);
        return Fc(Pool(c).Flatten(1));
    }
}
