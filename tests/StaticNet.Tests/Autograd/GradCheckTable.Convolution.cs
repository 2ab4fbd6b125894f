namespace StaticNet.Tests.Autograd;

public static partial class GradCheckTable
{
    /// <summary>A non-contiguous [n, c, h, w] Float64 input: a [n, c, w, h] tensor with its last two dimensions swapped.</summary>
    private static Tensor RImage(long n, long c, long h, long w) =>
        Torch.Randn([n, c, w, h], DType.Float64, generator: G).Transpose(2, 3).Detach().RequiresGrad_();

    internal static readonly GradCase[] Convolution =
    [
        new("ConvolutionBackward0", "input, weight and bias", t => F.Conv2d(t[0], t[1], t[2]), () => [R(1, 2, 4, 4), R(3, 2, 2, 2), R(3)]),
        new("ConvolutionBackward0", "stride 2, padding 1, batch of 2", t => F.Conv2d(t[0], t[1], t[2], stride: 2, padding: 1),
            () => [R(2, 2, 5, 5), R(2, 2, 3, 3), R(2)]),
        new("ConvolutionBackward0", "dilation (2, 1), rectangular kernel and padding, transposed input",
            t => F.Conv2d(t[0], t[1], null, stride: (1, 2), padding: (1, 2), dilation: (2, 1)), () => [RImage(1, 1, 5, 6), R(2, 1, 2, 3)]),
        new("ConvolutionBackward0", "groups 2", t => F.Conv2d(t[0], t[1], t[2], groups: 2), () => [R(1, 4, 3, 3), R(4, 2, 2, 2), R(4)]),
        new("ConvolutionBackward0", "1x1 kernel (the input is the column matrix)", t => F.Conv2d(t[0], t[1], t[2]),
            () => [R(2, 3, 2, 2), R(2, 3, 1, 1), R(2)]),
        new("ConvolutionBackward0", "unbatched input", t => F.Conv2d(t[0], t[1], null, padding: 1), () => [R(2, 3, 3), R(2, 2, 2, 2)]),
        new("ConvolutionBackward0", "weight only (constant input)", t => F.Conv2d(t[0], t[1], t[2], stride: (2, 1)),
            () => [C(1, 2, 4, 3), R(2, 2, 2, 2), C(2)]),
    ];

    // Random normal inputs: ties inside a max-pool window have probability 0.
    internal static readonly GradCase[] Pooling =
    [
        new("MaxPool2DWithIndicesBackward0", "2x2 windows", t => F.MaxPool2d(t[0], 2), () => [R(1, 2, 4, 4)]),
        new("MaxPool2DWithIndicesBackward0", "overlapping windows, padding, dilation, ceil mode, transposed input",
            t => F.MaxPool2d(t[0], 3, stride: 2, padding: 1, dilation: (1, 2), ceilMode: true), () => [RImage(1, 1, 6, 7)]),
        new("MaxPool2DWithIndicesBackward0", "unbatched, (2, 3) kernel", t => F.MaxPool2d(t[0], (2, 3), stride: 1), () => [R(2, 3, 4)]),
        new("AvgPool2DBackward0", "padding counted in the divisor", t => F.AvgPool2d(t[0], 3, stride: 2, padding: 1), () => [R(1, 2, 5, 5)]),
        new("AvgPool2DBackward0", "padding not counted, ceil mode, transposed input",
            t => F.AvgPool2d(t[0], 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false), () => [RImage(1, 1, 6, 5)]),
        new("AvgPool2DBackward0", "divisor override, unbatched", t => F.AvgPool2d(t[0], (2, 3), divisorOverride: 4), () => [R(2, 4, 6)]),
        new("AdaptiveAvgPool2DBackward0", "5x7 to 3x4 (overlapping windows)", t => F.AdaptiveAvgPool2d(t[0], (3, 4)), () => [R(1, 2, 5, 7)]),
        new("AdaptiveAvgPool2DBackward0", "3x2 up to 4x5, unbatched", t => F.AdaptiveAvgPool2d(t[0], (4, 5)), () => [R(1, 3, 2)]),
        new("AdaptiveAvgPool2DBackward0", "to 1x1, transposed input", t => F.AdaptiveAvgPool2d(t[0], 1), () => [RImage(2, 1, 3, 4)]),
    ];
}
