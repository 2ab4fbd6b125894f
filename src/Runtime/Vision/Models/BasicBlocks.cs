namespace StaticNet.Vision.Models;

// torchvision's BasicBlock(inplanes, planes, stride, downsample) for each configuration ResNet-18/34 use. A declared
// model's layers are attribute constants, so each configuration is its own class; all print as "BasicBlock" and hold
// torchvision's state-dict names (conv1, bn1, conv2, bn2, downsample.0, downsample.1). Input is the size the block sees
// in a 224×224 network; shapes flow through a block at whatever size reaches it. Each fuses on its own, and a ResNet's
// plan inlines them (one plan for the whole network).

/// <summary>torchvision's <c>BasicBlock(64, 64)</c>.</summary>
[Model(Input = [64, 56, 56])]
public sealed partial class BasicBlock64
{
    [Conv2d(64, 64, kernel: 3, stride: 1, padding: 1, bias: false)] public partial Tensor Conv1(Tensor x);
    [BatchNorm2d(64)] public partial Tensor Bn1(Tensor x);
    [ReLU(inplace: true)] public partial Tensor Relu(Tensor x);
    [Conv2d(64, 64, kernel: 3, padding: 1, bias: false)] public partial Tensor Conv2(Tensor x);
    [BatchNorm2d(64)] public partial Tensor Bn2(Tensor x);

    /// <inheritdoc/>
    public override string TypeName => "BasicBlock";

    [Forward]
    private Tensor Network(Tensor x)
    {
        var identity = x;
        var y = Relu(Bn1(Conv1(x)));
        y = Bn2(Conv2(y));
        return Relu(y + identity);
    }
}

/// <summary>torchvision's <c>BasicBlock(64, 128, stride=2, downsample=Sequential(conv1x1, BatchNorm2d))</c>.</summary>
[Model(Input = [64, 56, 56])]
public sealed partial class BasicBlock64To128
{
    [Conv2d(64, 128, kernel: 3, stride: 2, padding: 1, bias: false)] public partial Tensor Conv1(Tensor x);
    [BatchNorm2d(128)] public partial Tensor Bn1(Tensor x);
    [ReLU(inplace: true)] public partial Tensor Relu(Tensor x);
    [Conv2d(128, 128, kernel: 3, padding: 1, bias: false)] public partial Tensor Conv2(Tensor x);
    [BatchNorm2d(128)] public partial Tensor Bn2(Tensor x);
    [Conv2d(64, 128, kernel: 1, stride: 2, bias: false)]
    [BatchNorm2d(128)]
    public partial Tensor Downsample(Tensor x);

    /// <inheritdoc/>
    public override string TypeName => "BasicBlock";

    [Forward]
    private Tensor Network(Tensor x)
    {
        var identity = Downsample(x);
        var y = Relu(Bn1(Conv1(x)));
        y = Bn2(Conv2(y));
        return Relu(y + identity);
    }
}

/// <summary>torchvision's <c>BasicBlock(128, 128)</c>.</summary>
[Model(Input = [128, 28, 28])]
public sealed partial class BasicBlock128
{
    [Conv2d(128, 128, kernel: 3, stride: 1, padding: 1, bias: false)] public partial Tensor Conv1(Tensor x);
    [BatchNorm2d(128)] public partial Tensor Bn1(Tensor x);
    [ReLU(inplace: true)] public partial Tensor Relu(Tensor x);
    [Conv2d(128, 128, kernel: 3, padding: 1, bias: false)] public partial Tensor Conv2(Tensor x);
    [BatchNorm2d(128)] public partial Tensor Bn2(Tensor x);

    /// <inheritdoc/>
    public override string TypeName => "BasicBlock";

    [Forward]
    private Tensor Network(Tensor x)
    {
        var identity = x;
        var y = Relu(Bn1(Conv1(x)));
        y = Bn2(Conv2(y));
        return Relu(y + identity);
    }
}

/// <summary>torchvision's <c>BasicBlock(128, 256, stride=2, downsample=Sequential(conv1x1, BatchNorm2d))</c>.</summary>
[Model(Input = [128, 28, 28])]
public sealed partial class BasicBlock128To256
{
    [Conv2d(128, 256, kernel: 3, stride: 2, padding: 1, bias: false)] public partial Tensor Conv1(Tensor x);
    [BatchNorm2d(256)] public partial Tensor Bn1(Tensor x);
    [ReLU(inplace: true)] public partial Tensor Relu(Tensor x);
    [Conv2d(256, 256, kernel: 3, padding: 1, bias: false)] public partial Tensor Conv2(Tensor x);
    [BatchNorm2d(256)] public partial Tensor Bn2(Tensor x);
    [Conv2d(128, 256, kernel: 1, stride: 2, bias: false)]
    [BatchNorm2d(256)]
    public partial Tensor Downsample(Tensor x);

    /// <inheritdoc/>
    public override string TypeName => "BasicBlock";

    [Forward]
    private Tensor Network(Tensor x)
    {
        var identity = Downsample(x);
        var y = Relu(Bn1(Conv1(x)));
        y = Bn2(Conv2(y));
        return Relu(y + identity);
    }
}

/// <summary>torchvision's <c>BasicBlock(256, 256)</c>.</summary>
[Model(Input = [256, 14, 14])]
public sealed partial class BasicBlock256
{
    [Conv2d(256, 256, kernel: 3, stride: 1, padding: 1, bias: false)] public partial Tensor Conv1(Tensor x);
    [BatchNorm2d(256)] public partial Tensor Bn1(Tensor x);
    [ReLU(inplace: true)] public partial Tensor Relu(Tensor x);
    [Conv2d(256, 256, kernel: 3, padding: 1, bias: false)] public partial Tensor Conv2(Tensor x);
    [BatchNorm2d(256)] public partial Tensor Bn2(Tensor x);

    /// <inheritdoc/>
    public override string TypeName => "BasicBlock";

    [Forward]
    private Tensor Network(Tensor x)
    {
        var identity = x;
        var y = Relu(Bn1(Conv1(x)));
        y = Bn2(Conv2(y));
        return Relu(y + identity);
    }
}

/// <summary>torchvision's <c>BasicBlock(256, 512, stride=2, downsample=Sequential(conv1x1, BatchNorm2d))</c>.</summary>
[Model(Input = [256, 14, 14])]
public sealed partial class BasicBlock256To512
{
    [Conv2d(256, 512, kernel: 3, stride: 2, padding: 1, bias: false)] public partial Tensor Conv1(Tensor x);
    [BatchNorm2d(512)] public partial Tensor Bn1(Tensor x);
    [ReLU(inplace: true)] public partial Tensor Relu(Tensor x);
    [Conv2d(512, 512, kernel: 3, padding: 1, bias: false)] public partial Tensor Conv2(Tensor x);
    [BatchNorm2d(512)] public partial Tensor Bn2(Tensor x);
    [Conv2d(256, 512, kernel: 1, stride: 2, bias: false)]
    [BatchNorm2d(512)]
    public partial Tensor Downsample(Tensor x);

    /// <inheritdoc/>
    public override string TypeName => "BasicBlock";

    [Forward]
    private Tensor Network(Tensor x)
    {
        var identity = Downsample(x);
        var y = Relu(Bn1(Conv1(x)));
        y = Bn2(Conv2(y));
        return Relu(y + identity);
    }
}

/// <summary>torchvision's <c>BasicBlock(512, 512)</c>.</summary>
[Model(Input = [512, 7, 7])]
public sealed partial class BasicBlock512
{
    [Conv2d(512, 512, kernel: 3, stride: 1, padding: 1, bias: false)] public partial Tensor Conv1(Tensor x);
    [BatchNorm2d(512)] public partial Tensor Bn1(Tensor x);
    [ReLU(inplace: true)] public partial Tensor Relu(Tensor x);
    [Conv2d(512, 512, kernel: 3, padding: 1, bias: false)] public partial Tensor Conv2(Tensor x);
    [BatchNorm2d(512)] public partial Tensor Bn2(Tensor x);

    /// <inheritdoc/>
    public override string TypeName => "BasicBlock";

    [Forward]
    private Tensor Network(Tensor x)
    {
        var identity = x;
        var y = Relu(Bn1(Conv1(x)));
        y = Bn2(Conv2(y));
        return Relu(y + identity);
    }
}
