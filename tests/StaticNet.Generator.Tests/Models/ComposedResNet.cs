using StaticNet;
using static StaticNet.F;

namespace StaticNet.Generators.Tests.Models;

// Each of these models fuses (no SN0104, which warnings-as-errors would fail the build on): an outer model's plan inlines
// its blocks' graphs; ComposedModelTests compares the plans with hand-written eager trees and checks them with GradCheck.

/// <summary>torchvision's BasicBlock(4, 4): two 3×3 convolutions with BatchNorm and the identity as the skip.</summary>
[Model(Input = [4, 6, 6])]
public partial class TinyBlock
{
    [Conv2d(4, 4, kernel: 3, padding: 1, bias: false)] public partial Tensor Conv1(Tensor x);
    [BatchNorm2d(4)] public partial Tensor Bn1(Tensor x);
    [ReLU(inplace: true)] public partial Tensor Relu(Tensor x);
    [Conv2d(4, 4, kernel: 3, padding: 1, bias: false)] public partial Tensor Conv2(Tensor x);
    [BatchNorm2d(4)] public partial Tensor Bn2(Tensor x);

    /// <summary>Printed as torchvision prints it.</summary>
    public override string TypeName => "BasicBlock";

    [Forward]
    internal Tensor Network(Tensor x)
    {
        var identity = x;
        var y = Relu(Bn1(Conv1(x)));
        y = Bn2(Conv2(y));
        return Relu(y + identity);
    }
}

/// <summary>torchvision's BasicBlock(4, 8, stride=2, downsample=Sequential(conv1x1, BatchNorm2d)).</summary>
[Model(Input = [4, 6, 6])]
public partial class TinyDownBlock
{
    [Conv2d(4, 8, kernel: 3, stride: 2, padding: 1, bias: false)] public partial Tensor Conv1(Tensor x);
    [BatchNorm2d(8)] public partial Tensor Bn1(Tensor x);
    [ReLU(inplace: true)] public partial Tensor Relu(Tensor x);
    [Conv2d(8, 8, kernel: 3, padding: 1, bias: false)] public partial Tensor Conv2(Tensor x);
    [BatchNorm2d(8)] public partial Tensor Bn2(Tensor x);
    [Conv2d(4, 8, kernel: 1, stride: 2, bias: false)]
    [BatchNorm2d(8)]
    public partial Tensor Downsample(Tensor x);

    public override string TypeName => "BasicBlock";

    [Forward]
    internal Tensor Network(Tensor x)
    {
        var identity = Downsample(x);
        var y = Relu(Bn1(Conv1(x)));
        y = Bn2(Conv2(y));
        return Relu(y + identity);
    }
}

/// <summary>A two-stage ResNet declared from the blocks above: layer1 keeps 4 channels, layer2 halves the size to 8.</summary>
[Model(Input = [3, 12, 12])]
public partial class ComposedResNet
{
    [Conv2d(3, 4, kernel: 3, stride: 2, padding: 1, bias: false)] public partial Tensor Conv1(Tensor x);
    [BatchNorm2d(4)] public partial Tensor Bn1(Tensor x);
    [ReLU(inplace: true)] public partial Tensor Relu(Tensor x);
    [Block(typeof(TinyBlock))]
    [Block(typeof(TinyBlock))]
    public partial Tensor Layer1(Tensor x);
    [Block(typeof(TinyDownBlock))]
    [Block(typeof(TinyBlock8))]
    public partial Tensor Layer2(Tensor x);
    [AdaptiveAvgPool2d(1)] public partial Tensor Avgpool(Tensor x);
    [Linear(8, 5)] public partial Tensor Fc(Tensor x);

    [Forward]
    internal Tensor Network(Tensor x)
    {
        x = Relu(Bn1(Conv1(x)));
        x = Layer2(Layer1(x));
        x = Avgpool(x).Flatten(1);
        return Fc(x);
    }
}

/// <summary>BasicBlock(8, 8).</summary>
[Model(Input = [8, 3, 3])]
public partial class TinyBlock8
{
    [Conv2d(8, 8, kernel: 3, padding: 1, bias: false)] public partial Tensor Conv1(Tensor x);
    [BatchNorm2d(8)] public partial Tensor Bn1(Tensor x);
    [ReLU(inplace: true)] public partial Tensor Relu(Tensor x);
    [Conv2d(8, 8, kernel: 3, padding: 1, bias: false)] public partial Tensor Conv2(Tensor x);
    [BatchNorm2d(8)] public partial Tensor Bn2(Tensor x);

    public override string TypeName => "BasicBlock";

    [Forward]
    internal Tensor Network(Tensor x)
    {
        var identity = x;
        var y = Relu(Bn1(Conv1(x)));
        y = Bn2(Conv2(y));
        return Relu(y + identity);
    }
}

/// <summary>A block without BatchNorm (it fuses alone) used twice by <see cref="ComposedMlp"/>.</summary>
[Model(Input = [6])]
public partial class MlpBlock
{
    [Linear(6, 6)] public partial Tensor Fc(Tensor x);

    [Forward]
    internal Tensor Network(Tensor x) => F.Relu(Fc(x)) + x;
}

/// <summary>Blocks that fuse on their own inside a model, one of them in a Sequential with a Linear: one plan for all.</summary>
[Model(Input = [6])]
public partial class ComposedMlp
{
    [Block(typeof(MlpBlock))] public partial Tensor First(Tensor x);
    [Block(typeof(MlpBlock))][Linear(6, 3)] public partial Tensor Rest(Tensor x);

    [Forward]
    internal Tensor Network(Tensor x) => Rest(First(x));
}
