namespace StaticNet.Compiler.Model;

/// <summary>
/// One layer as its attribute declares it (<c>[Linear(784, 512)]</c>). A layer method with several attributes is a
/// Sequential of these, in order. <see cref="TypeName"/> is the class PyTorch and the runtime print.
/// </summary>
internal abstract record LayerKindSpec(string TypeName)
{
    /// <summary>The attribute, for diagnostics inside a Sequential and for code fixes.</summary>
    public LocationInfo? Location { get; init; }
}

internal sealed record LinearSpec(long In, long Out, bool Bias) : LayerKindSpec("Linear");

internal sealed record Conv2dSpec(long In, long Out, long Kernel, long Stride, long Padding, long Dilation, long Groups, bool Bias)
    : LayerKindSpec("Conv2d");

/// <summary>Max or average pooling with a square window; <see cref="Stride"/> 0 means the window size.</summary>
internal sealed record Pool2dSpec(bool IsMax, long Kernel, long Stride, long Padding) : LayerKindSpec(IsMax ? "MaxPool2d" : "AvgPool2d")
{
    public long EffectiveStride => Stride == 0 ? Kernel : Stride;
}

/// <summary><see cref="IsPair"/>: both sizes were written (<c>[AdaptiveAvgPool2d(1, 1)]</c>), so it prints <c>output_size=(1, 1)</c> as torchvision's does.</summary>
internal sealed record AdaptiveAvgPool2dSpec(long Height, long Width) : LayerKindSpec("AdaptiveAvgPool2d")
{
    public bool IsPair { get; init; }
}

internal sealed record FlattenSpec(long StartDim, long EndDim) : LayerKindSpec("Flatten");

internal sealed record DropoutSpec(double P) : LayerKindSpec("Dropout");

/// <summary>
/// BatchNorm1d (<see cref="Dims"/> 1: [B, C] or [B, C, L]) or BatchNorm2d (2: [B, C, H, W]), tracking running statistics;
/// <see cref="Affine"/>: a learnable weight and bias; <see cref="CumulativeAverage"/>: PyTorch's <c>momentum=None</c>.
/// </summary>
internal sealed record BatchNormSpec(int Dims, long NumFeatures, double Eps, double Momentum, bool Affine = true, bool CumulativeAverage = false)
    : LayerKindSpec(Dims == 1 ? "BatchNorm1d" : "BatchNorm2d");

/// <summary>An element-wise activation: ReLU, Sigmoid, Tanh; <see cref="Inplace"/> only for ReLU (it prints, it does not change values).</summary>
internal sealed record ActivationSpec(string Name, bool Inplace = false) : LayerKindSpec(Name);

internal sealed record LeakyReLUSpec(double NegativeSlope) : LayerKindSpec("LeakyReLU");

internal sealed record GELUSpec(string Approximate) : LayerKindSpec("GELU");

/// <summary>Softmax or LogSoftmax over <see cref="Dim"/>.</summary>
internal sealed record SoftmaxSpec(bool IsLog, long Dim) : LayerKindSpec(IsLog ? "LogSoftmax" : "Softmax");
