using static StaticNet.F;

namespace StaticNet.Gpu.Tests.Models;

// Small declared models whose generated plans GeneratedPlanTests runs on the device under test: every plan op kind (Linear,
// Conv2d, max/average/adaptive pooling, BatchNorm with its Predict folding, activations, Dropout, Softmax/LogSoftmax,
// residual sums and products) appears at least once, at sizes the CPU accelerator (which simulates every GPU thread) runs
// quickly. ResidualNet, ConvResidualNet, SoftmaxNet and BatchNormConvNet are the generator tests' own declarations,
// compiled into this project too (see the .csproj), so the CPU and the device run the very same models.

/// <summary>Seed 000's network with 8×8 inputs and 16 hidden units (its layers, activations and Dropout(0.2)).</summary>
[Model(Input = [1, 8, 8])]
public partial class Seed000Net
{
    [Flatten]
    public partial Tensor Flatten(Tensor x);

    [Linear(8 * 8, 16), ReLU, Linear(16, 16), ReLU, Linear(16, 10), Dropout(0.2)]
    public partial Tensor LinearReluStack(Tensor x);

    [Forward]
    private Tensor Network(Tensor x) => LinearReluStack(Flatten(x));
}

/// <summary>A LeNet on 12×12 images: two Conv2d-ReLU-MaxPool2d stages (10×10 → 5×5, 4×4 → 2×2) and two Linear layers.</summary>
[Model(Input = [1, 12, 12])]
public partial class SmallLeNet
{
    [Conv2d(1, 3, kernel: 3)] public partial Tensor Conv1(Tensor x);
    [Conv2d(3, 4, kernel: 2)] public partial Tensor Conv2(Tensor x);
    [Linear(4 * 2 * 2, 12)] public partial Tensor Fc1(Tensor x);
    [Linear(12, 10)] public partial Tensor Fc2(Tensor x);

    [Forward]
    private Tensor Network(Tensor x)
    {
        x = MaxPool2d(Relu(Conv1(x)), 2);
        x = MaxPool2d(Relu(Conv2(x)), 2);
        x = x.View(-1, 4 * 2 * 2);
        return Fc2(Relu(Fc1(x)));
    }
}

/// <summary>torchvision's BasicBlock(2, 2) on 4×4 maps: two 3×3 convolutions with BatchNorm and the identity as the skip.</summary>
[Model(Input = [2, 4, 4])]
public partial class TinyBlock
{
    [Conv2d(2, 2, kernel: 3, padding: 1, bias: false)] public partial Tensor Conv1(Tensor x);
    [BatchNorm2d(2)] public partial Tensor Bn1(Tensor x);
    [ReLU(inplace: true)] public partial Tensor Relu(Tensor x);
    [Conv2d(2, 2, kernel: 3, padding: 1, bias: false)] public partial Tensor Conv2(Tensor x);
    [BatchNorm2d(2)] public partial Tensor Bn2(Tensor x);

    [Forward]
    private Tensor Network(Tensor x)
    {
        var identity = x;
        var y = Relu(Bn1(Conv1(x)));
        y = Bn2(Conv2(y));
        return Relu(y + identity);
    }
}

/// <summary>A ResNet stem, two <see cref="TinyBlock"/>s inlined into the outer plan, adaptive average pooling and a Linear.</summary>
[Model(Input = [1, 8, 8])]
public partial class ComposedNet
{
    [Conv2d(1, 2, kernel: 3, stride: 2, padding: 1, bias: false)] public partial Tensor Conv1(Tensor x);
    [BatchNorm2d(2)] public partial Tensor Bn1(Tensor x);
    [ReLU(inplace: true)] public partial Tensor Relu(Tensor x);
    [Block(typeof(TinyBlock))]
    [Block(typeof(TinyBlock))]
    public partial Tensor Layer1(Tensor x);
    [AdaptiveAvgPool2d(1)] public partial Tensor Avgpool(Tensor x);
    [Linear(2, 3)] public partial Tensor Fc(Tensor x);

    [Forward]
    private Tensor Network(Tensor x)
    {
        x = Relu(Bn1(Conv1(x)));
        x = Layer1(x);
        return Fc(Avgpool(x).Flatten(1));
    }
}

/// <summary>
/// The layout ops on a device: a channel gate that broadcasts ([B, 3, 4, 4] * [B, 3, 1, 1]), a Cat of the gated image with
/// the input along the channels (read twice: x also feeds conv1), and a per-row shift that broadcasts ([B, 6] + [B, 1]).
/// </summary>
[Model(Input = [2, 4, 4])]
public partial class BroadcastCatNet
{
    [Conv2d(2, 3, kernel: 3, padding: 1)] public partial Tensor Conv1(Tensor x);
    [AdaptiveAvgPool2d(1, 1)] public partial Tensor Squeeze(Tensor x);
    [Linear(5 * 4 * 4, 6)] public partial Tensor Fc(Tensor x);
    [Linear(6, 1)] public partial Tensor Shift(Tensor x);

    [Forward]
    private Tensor Network(Tensor x)
    {
        var h = Relu(Conv1(x));                         // [B, 3, 4, 4]
        var y = Torch.Cat([h * Sigmoid(Squeeze(h)), x], 1); // [B, 5, 4, 4]
        var z = Tanh(Fc(y.Flatten(1)));                 // [B, 6]
        return z + Shift(z);                            // [B, 6] + [B, 1]
    }
}

/// <summary>Seed 003's two outputs (<c>return output, hidden</c>): one node of two outputs on the device.</summary>
[Model(Input = [3])]
public partial class TwoOutputNet
{
    [Linear(3, 5)] public partial Tensor InputToHidden(Tensor x);
    [Linear(5, 2)] public partial Tensor HiddenToOutput(Tensor x);

    [Forward]
    private (Tensor Output, Tensor Hidden) Network(Tensor x)
    {
        var hidden = Relu(InputToHidden(x));
        return (HiddenToOutput(hidden), hidden);
    }
}
