using StaticNet;
using static StaticNet.F;

namespace StaticNet.Generators.Tests.Models;

/// <summary>
/// A squeeze-and-excitation block: x scaled per channel by a gate computed from its own average, <c>[B, 4, 6, 6] *
/// [B, 4, 1, 1]</c>, a broadcasting product inside a block that the outer plan inlines.
/// </summary>
[Model(Input = [4, 6, 6])]
public partial class SqueezeExcitationBlock
{
    [AdaptiveAvgPool2d(1)] public partial Tensor Squeeze(Tensor x);
    [Linear(4, 4)] public partial Tensor Excite(Tensor x);

    [Forward]
    internal Tensor Network(Tensor x) => x * Sigmoid(Excite(Squeeze(x).Flatten(1))).View(-1, 4, 1, 1);
}

/// <summary>Two inlined squeeze-and-excitation blocks, then a Cat of their result with their input along the channels.</summary>
[Model(Input = [2, 6, 6])]
public partial class SqueezeExcitationNet
{
    [Conv2d(2, 4, kernel: 3, padding: 1)] public partial Tensor Conv(Tensor x);
    [Block(typeof(SqueezeExcitationBlock))]
    [Block(typeof(SqueezeExcitationBlock))]
    public partial Tensor Stage(Tensor x);
    [Linear(8 * 6 * 6, 3)] public partial Tensor Fc(Tensor x);

    [Forward]
    internal Tensor Network(Tensor x)
    {
        var c = Tanh(Conv(x));
        return Fc(Torch.Cat([Stage(c), c], 1).Flatten(1));
    }
}
