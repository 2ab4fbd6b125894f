using StaticNet.NN;

namespace StaticNet.Bench.Models;

/// <summary>
/// torchvision's <c>resnet18(num_classes=...)</c> built from the runtime's eager modules, for W7's <c>eager</c> variant: the
/// same layers, names and order as the zoo's declared <see cref="StaticNet.Vision.Models.Resnet18"/> (whose fused plan the
/// <c>generated</c> variant measures), run through autograd op by op.
/// </summary>
public sealed class EagerResnet18 : Module
{
    private readonly Module _conv1, _bn1, _maxpool, _layer1, _layer2, _layer3, _layer4, _avgpool, _fc;

    /// <summary>Creates the layers in torchvision's order (conv1, bn1, relu, maxpool, layer1-4, avgpool, fc).</summary>
    /// <param name="numClasses">The width of <c>fc</c>.</param>
    public EagerResnet18(int numClasses)
    {
        _conv1 = Register("conv1", new Conv2d(3, 64, 7, stride: 2, padding: 3, bias: false));
        _bn1 = Register("bn1", new BatchNorm2d(64));
        Register("relu", new ReLU(inplace: true));
        _maxpool = Register("maxpool", new MaxPool2d(3, stride: 2, padding: 1));
        _layer1 = Register("layer1", new Sequential(new EagerBasicBlock(64, 64, 1), new EagerBasicBlock(64, 64, 1)));
        _layer2 = Register("layer2", new Sequential(new EagerBasicBlock(64, 128, 2), new EagerBasicBlock(128, 128, 1)));
        _layer3 = Register("layer3", new Sequential(new EagerBasicBlock(128, 256, 2), new EagerBasicBlock(256, 256, 1)));
        _layer4 = Register("layer4", new Sequential(new EagerBasicBlock(256, 512, 2), new EagerBasicBlock(512, 512, 1)));
        _avgpool = Register("avgpool", new AdaptiveAvgPool2d(1));
        _fc = Register("fc", new Linear(512, numClasses));
    }

    /// <inheritdoc />
    public override Tensor Forward(Tensor x)
    {
        x = _maxpool.Forward(F.Relu(_bn1.Forward(_conv1.Forward(x))));
        x = _layer4.Forward(_layer3.Forward(_layer2.Forward(_layer1.Forward(x))));
        return _fc.Forward(_avgpool.Forward(x).Flatten(1));
    }
}

/// <summary>torchvision's <c>BasicBlock(inplanes, planes, stride)</c>, with the 1×1 conv + BatchNorm downsample when the shape changes.</summary>
public sealed class EagerBasicBlock : Module
{
    private readonly Conv2d _conv1, _conv2;
    private readonly BatchNorm2d _bn1, _bn2;
    private readonly Sequential? _downsample;

    /// <summary>Creates conv1, bn1, relu, conv2, bn2 (and downsample) as torchvision names them.</summary>
    public EagerBasicBlock(int inPlanes, int planes, int stride)
    {
        _conv1 = Register("conv1", new Conv2d(inPlanes, planes, 3, stride: stride, padding: 1, bias: false));
        _bn1 = Register("bn1", new BatchNorm2d(planes));
        Register("relu", new ReLU(inplace: true));
        _conv2 = Register("conv2", new Conv2d(planes, planes, 3, padding: 1, bias: false));
        _bn2 = Register("bn2", new BatchNorm2d(planes));
        if (stride != 1 || inPlanes != planes)
            _downsample = Register("downsample", new Sequential(new Conv2d(inPlanes, planes, 1, stride: stride, bias: false), new BatchNorm2d(planes)));
    }

    /// <inheritdoc />
    public override Tensor Forward(Tensor x)
    {
        var identity = _downsample?.Forward(x) ?? x;
        var y = F.Relu(_bn1.Forward(_conv1.Forward(x)));
        y = _bn2.Forward(_conv2.Forward(y));
        return F.Relu(y + identity);
    }
}
