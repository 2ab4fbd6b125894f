namespace StaticNet.Vision.Models;

/// <summary>
/// torchvision's <c>resnet34()</c> as a declared model: the same modules, names (<c>layer1.0.conv1.weight</c>),
/// state-dict keys and printed tree, so a torchvision-made checkpoint loads as is. Make one with
/// <see cref="Models.Resnet34"/>; <c>new Resnet34()</c> has 1000 classes.
/// </summary>
[Model(Input = [3, 224, 224])]
public sealed partial class Resnet34
{
    [Conv2d(3, 64, kernel: 7, stride: 2, padding: 3, bias: false)] public partial Tensor Conv1(Tensor x);
    [BatchNorm2d(64)] public partial Tensor Bn1(Tensor x);
    [ReLU(inplace: true)] public partial Tensor Relu(Tensor x);
    [MaxPool2d(3, stride: 2, padding: 1)] public partial Tensor Maxpool(Tensor x);
    [Block(typeof(BasicBlock64))]
    [Block(typeof(BasicBlock64))]
    [Block(typeof(BasicBlock64))]
    public partial Tensor Layer1(Tensor x);
    [Block(typeof(BasicBlock64To128))]
    [Block(typeof(BasicBlock128))]
    [Block(typeof(BasicBlock128))]
    [Block(typeof(BasicBlock128))]
    public partial Tensor Layer2(Tensor x);
    [Block(typeof(BasicBlock128To256))]
    [Block(typeof(BasicBlock256))]
    [Block(typeof(BasicBlock256))]
    [Block(typeof(BasicBlock256))]
    [Block(typeof(BasicBlock256))]
    [Block(typeof(BasicBlock256))]
    public partial Tensor Layer3(Tensor x);
    [Block(typeof(BasicBlock256To512))]
    [Block(typeof(BasicBlock512))]
    [Block(typeof(BasicBlock512))]
    public partial Tensor Layer4(Tensor x);
    [AdaptiveAvgPool2d(1, 1)] public partial Tensor Avgpool(Tensor x);
    [Linear(512, 1000)] public partial Tensor Fc(Tensor x);

    /// <inheritdoc/>
    public override string TypeName => "ResNet";

    [Forward]
    private Tensor Network(Tensor x)
    {
        x = Maxpool(Relu(Bn1(Conv1(x))));
        x = Layer4(Layer3(Layer2(Layer1(x))));
        x = Avgpool(x).Flatten(1);
        return Fc(x);
    }
}
