using StaticNet;

namespace StaticNet.Generators.Tests.Models;

/// <summary>
/// The other fused kinds: a strided, padded, dilated Conv2d with Tanh, average pooling in ceil mode without the padding
/// in the divisor, an activation on its own after the pooling, then an AvgPool2d layer, Flatten and a Linear.
/// </summary>
[Model(Input = [2, 11, 11])]
public partial class PaddedAvgPoolNet
{
    [Conv2d(2, 3, kernel: 3, stride: 2, padding: 2, dilation: 2)] public partial Tensor Conv(Tensor x);
    [AvgPool2d(2)] public partial Tensor Pool(Tensor x);
    [Linear(12, 4)] public partial Tensor Fc(Tensor x);

    [Forward]
    private Tensor Network(Tensor x)
    {
        x = F.Tanh(Conv(x));                                                                  // [B, 3, 6, 6]
        x = F.AvgPool2d(x, 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false); // [B, 3, 4, 4]
        x = F.Sigmoid(x);
        x = Pool(x);                                                                          // [B, 3, 2, 2]
        return Fc(x.Flatten(1));
    }
}
