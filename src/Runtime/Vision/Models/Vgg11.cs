namespace StaticNet.Vision.Models;

/// <summary>
/// torchvision's <c>vgg11()</c> as a declared model: <c>features</c>, <c>avgpool</c> (7×7) and <c>classifier</c> with
/// torchvision's indices (<c>features.0.weight</c>, <c>classifier.6.bias</c>), printed as torchvision prints it. Make one
/// with <see cref="Models.Vgg11"/>; <c>new Vgg11()</c> has 1000 classes.
/// </summary>
[Model(Input = [3, 224, 224])]
public sealed partial class Vgg11
{
    [Conv2d(3, 64, kernel: 3, padding: 1)]
    [ReLU(inplace: true)]
    [MaxPool2d(2, stride: 2)]
    [Conv2d(64, 128, kernel: 3, padding: 1)]
    [ReLU(inplace: true)]
    [MaxPool2d(2, stride: 2)]
    [Conv2d(128, 256, kernel: 3, padding: 1)]
    [ReLU(inplace: true)]
    [Conv2d(256, 256, kernel: 3, padding: 1)]
    [ReLU(inplace: true)]
    [MaxPool2d(2, stride: 2)]
    [Conv2d(256, 512, kernel: 3, padding: 1)]
    [ReLU(inplace: true)]
    [Conv2d(512, 512, kernel: 3, padding: 1)]
    [ReLU(inplace: true)]
    [MaxPool2d(2, stride: 2)]
    [Conv2d(512, 512, kernel: 3, padding: 1)]
    [ReLU(inplace: true)]
    [Conv2d(512, 512, kernel: 3, padding: 1)]
    [ReLU(inplace: true)]
    [MaxPool2d(2, stride: 2)]
    public partial Tensor Features(Tensor x);

    [AdaptiveAvgPool2d(7, 7)] public partial Tensor Avgpool(Tensor x);

    [Linear(512 * 7 * 7, 4096)]
    [ReLU(inplace: true)]
    [Dropout(0.5)]
    [Linear(4096, 4096)]
    [ReLU(inplace: true)]
    [Dropout(0.5)]
    [Linear(4096, 1000)]
    public partial Tensor Classifier(Tensor x);

    /// <inheritdoc/>
    public override string TypeName => "VGG";

    [Forward]
    private Tensor Network(Tensor x)
    {
        x = Avgpool(Features(x));
        return Classifier(x.Flatten(1));
    }
}
