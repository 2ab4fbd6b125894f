using StaticNet.NN;
using static StaticNet.Tests.NN.Conv2dTests;

namespace StaticNet.Tests.NN;

public class PoolingTests
{
    // The 5×7 plane of the PyTorch 1.13 scripts: x = ((torch.arange(35.) * 17) % 35 / 7 - 2).reshape(1, 1, 5, 7), a
    // permutation of distinct values, so max pooling has no ties.
    private static Tensor Plane() =>
        Torch.Tensor(Enumerable.Range(0, 35).Select(i => (i * 17 % 35) / 7f - 2f).ToArray()).Reshape(1, 1, 5, 7);

    private static Tensor UpstreamGradient(Size shape) => (Torch.Arange(0.0, shape.Numel()) + 1).Reshape(shape.ToArray());

    [Fact]
    public void MaxPoolWithPaddingAndCeilModeMatchesPyTorch()
    {
        var x = Plane().RequiresGrad_();
        var (y, indices) = F.MaxPool2dWithIndices(x, (2, 3), stride: 2, padding: 1, ceilMode: true);
        Assert.Equal(new Size(1, 1, 3, 4), y.Shape);
        Assert.Equal("MaxPool2DWithIndicesBackward0", y.GradFn!.Name);
        AssertClose([0.428571f, 2.857143f, 2.714286f, 2.571429f, 2.428571f, 2.428571f, 2.285714f, 2.142857f,
            1.428571f, 1.428571f, 1.285714f, 1.142857f], y, 1e-5f);
        Assert.Equal(new long[] { 1, 2, 4, 6, 8, 8, 10, 12, 22, 22, 24, 26 }, indices.ToArray<long>());
        y.Backward(UpstreamGradient(y.Shape));
        // Input 8 is the maximum of two windows (outputs 5 and 6): its gradient is their sum, 11.
        AssertClose([0, 1, 2, 0, 3, 0, 4, 0, 11, 0, 7, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 19, 0, 11, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0],
            x.Grad!, 1e-6f);
    }

    [Fact]
    public void DilatedMaxPoolMatchesPyTorch()
    {
        var (y, indices) = F.MaxPool2dWithIndices(Plane(), 3, stride: 1, dilation: 2);
        Assert.Equal(new Size(1, 1, 1, 3), y.Shape);
        AssertClose([2.857143f, 0.428571f, 2.857143f], y, 1e-5f);
        Assert.Equal(new long[] { 2, 1, 2 }, indices.ToArray<long>());
    }

    [Fact]
    public void MaxPoolCeilModeAddsAPartialWindow()
    {
        var y = F.MaxPool2d(Plane(), 2, ceilMode: true);
        Assert.Equal(new Size(1, 1, 3, 4), y.Shape);
        AssertClose([2.428571f, 2.857143f, 2.714286f, 2.571429f, 2.0f, 1.857143f, 1.714286f, 1.571429f,
            1.0f, 0.857143f, 0.714286f, 0.571429f], y, 1e-5f);
        Assert.Equal(new Size(1, 1, 4, 4), F.MaxPool2d(Torch.Randn(1, 1, 6, 6), 3, stride: 2, padding: 1, ceilMode: true).Shape);
        // The last window would start in the right padding, so ceil mode drops it.
        Assert.Equal(new Size(1, 1, 3, 3), F.MaxPool2d(Torch.Randn(1, 1, 5, 5), 2, stride: 2, padding: 1, ceilMode: true).Shape);
    }

    [Fact]
    public void MaxPoolPropagatesNaN()
    {
        var x = Torch.Tensor(new float[,,] { { { 1, float.NaN }, { 3, 2 } } });
        Assert.True(float.IsNaN(F.MaxPool2d(x, 2).Item<float>()));
    }

    [Fact]
    public void AvgPoolCountsPaddingByDefaultAndMatchesPyTorch()
    {
        var x = Plane().RequiresGrad_();
        var y = F.AvgPool2d(x, 3, stride: 2, padding: 1);
        Assert.Equal("AvgPool2DBackward0", y.GradFn!.Name);
        AssertClose([0.095238f, 0.904762f, 0.809524f, 0.492064f, 0.47619f, 0.746032f, 0.603175f, 0.238095f,
            -0.015873f, -0.095238f, -0.190476f, -0.174603f], y, 1e-5f);
        y.Backward(UpstreamGradient(y.Shape));
        AssertClose([0.111111f, 0.333333f, 0.222222f, 0.555556f, 0.333333f, 0.777778f, 0.444444f, 0.666667f, 1.555556f,
            0.888889f, 2.0f, 1.111111f, 2.444444f, 1.333333f, 0.555556f, 1.222222f, 0.666667f, 1.444444f, 0.777778f,
            1.666667f, 0.888889f, 1.555556f, 3.333333f, 1.777778f, 3.777778f, 2.0f, 4.222222f, 2.222222f, 1.0f,
            2.111111f, 1.111111f, 2.333333f, 1.222222f, 2.555556f, 1.333333f], x.Grad!, 1e-5f);
    }

    [Fact]
    public void AvgPoolWithoutPaddingInTheDivisorMatchesPyTorch()
    {
        var y = F.AvgPool2d(Plane(), 3, stride: 2, padding: 1, countIncludePad: false);
        AssertClose([0.214286f, 1.357143f, 1.214286f, 1.107143f, 0.714286f, 0.746032f, 0.603175f, 0.357143f,
            -0.035714f, -0.142857f, -0.285714f, -0.392857f], y, 1e-5f);
    }

    [Fact]
    public void AvgPoolCeilModeAndDivisorOverrideMatchPyTorch()
    {
        var ceil = F.AvgPool2d(Plane(), 2, ceilMode: true);
        Assert.Equal(new Size(1, 1, 3, 4), ceil.Shape);
        // Partial windows at the right and bottom edges divide by their in-bounds size.
        AssertClose([0.214286f, 1.321429f, 1.178571f, 1.071429f, 0.464286f, 0.321429f, 0.178571f, 0.071429f,
            -0.285714f, -0.428571f, -0.571429f, 0.571429f], ceil, 1e-5f);
        var divided = F.AvgPool2d(Plane(), 2, divisorOverride: 3);
        Assert.Equal(new Size(1, 1, 2, 3), divided.Shape);
        AssertClose([0.285714f, 1.761905f, 1.571429f, 0.619048f, 0.428571f, 0.238095f], divided, 1e-5f);
    }

    [Fact]
    public void AdaptiveAvgPoolWithNonDivisibleSizesMatchesPyTorch()
    {
        var x = Plane().RequiresGrad_();
        var y = F.AdaptiveAvgPool2d(x, (3, 4));
        Assert.Equal("AdaptiveAvgPool2DBackward0", y.GradFn!.Name);
        AssertClose([0.214286f, 1.357143f, 1.214286f, 1.107143f, 0.714286f, 0.746032f, 0.603175f, 0.357143f,
            -0.035714f, -0.142857f, -0.285714f, -0.392857f], y, 1e-5f);
        y.Backward(UpstreamGradient(y.Shape));
        AssertClose([0.25f, 0.583333f, 0.333333f, 0.833333f, 0.5f, 1.5f, 1.0f, 1.083333f, 2.083333f, 1.0f, 2.277778f,
            1.277778f, 3.611111f, 2.333333f, 0.833333f, 1.5f, 0.666667f, 1.444444f, 0.777778f, 2.111111f, 1.333333f,
            3.083333f, 5.416667f, 2.333333f, 4.944445f, 2.611111f, 6.944445f, 4.333333f, 2.25f, 3.916667f, 1.666667f,
            3.5f, 1.833333f, 4.833333f, 3.0f], x.Grad!, 1e-5f);
        var up = F.AdaptiveAvgPool2d(Plane(), (7, 9));
        Assert.Equal(new Size(1, 1, 7, 9), up.Shape);
        AssertClose([-2.0f, -0.785714f, 1.642857f, 1.571429f, 0.285714f, 1.5f, 1.428571f, 1.357143f, 2.571429f], up[0, 0, 0], 1e-5f);
        Assert.Equal(new Size(1, 1, 0, 0), F.AdaptiveAvgPool2d(Plane(), 0).Shape);
    }

    [Fact]
    public void UnbatchedAndEmptyBatchInputsKeepTheirRank()
    {
        Assert.Equal(new Size(3, 4, 4), F.MaxPool2d(Torch.Randn(3, 8, 8), 2).Shape);
        Assert.Equal(new Size(3, 4, 4), F.AvgPool2d(Torch.Randn(3, 8, 8), 2).Shape);
        Assert.Equal(new Size(3, 2, 5), F.AdaptiveAvgPool2d(Torch.Randn(3, 8, 8), (2, 5)).Shape);
        Assert.Equal(new Size(0, 1, 2, 2), F.MaxPool2d(Torch.Randn(0, 1, 4, 4), 2).Shape);
        Assert.Equal(new Size(0, 1, 2, 2), F.AdaptiveAvgPool2d(Torch.Randn(0, 1, 3, 3), 2).Shape);
    }

    [Fact]
    public void LayersPrintLikePyTorch()
    {
        Assert.Equal("MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)", new MaxPool2d(2).ToString());
        Assert.Equal("MaxPool2d(kernel_size=(2, 3), stride=(2, 3), padding=0, dilation=1, ceil_mode=False)", new MaxPool2d((2, 3)).ToString());
        Assert.Equal("MaxPool2d(kernel_size=3, stride=1, padding=1, dilation=2, ceil_mode=True)",
            new MaxPool2d(3, stride: 1, padding: 1, dilation: 2, ceilMode: true).ToString());
        Assert.Equal("AvgPool2d(kernel_size=2, stride=2, padding=0)", new AvgPool2d(2).ToString());
        Assert.Equal("AvgPool2d(kernel_size=3, stride=2, padding=1)",
            new AvgPool2d(3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false).ToString());
        Assert.Equal("AvgPool2d(kernel_size=(2, 3), stride=(2, 3), padding=0)", new AvgPool2d((2, 3), divisorOverride: 3).ToString());
        Assert.Equal("AdaptiveAvgPool2d(output_size=5)", new AdaptiveAvgPool2d(5).ToString());
        Assert.Equal("AdaptiveAvgPool2d(output_size=(5, 7))", new AdaptiveAvgPool2d((5, 7)).ToString());
    }

    [Fact]
    public void LayersForwardToTheFunctionalForms()
    {
        AssertClose(F.MaxPool2d(Plane(), 2, ceilMode: true).ToArray<float>(), new MaxPool2d(2, ceilMode: true).Forward(Plane()), 0);
        AssertClose([0.285714f, 1.761905f, 1.571429f, 0.619048f, 0.428571f, 0.238095f], new AvgPool2d(2, divisorOverride: 3).Forward(Plane()), 1e-5f);
        Assert.Equal(new Size(1, 1, 3, 4), new AdaptiveAvgPool2d((3, 4)).Forward(Plane()).Shape);
    }

    [Fact]
    public void MisuseRaisesPyTorchsMessages()
    {
        Assert.Equal("max_pool2d: Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got: [2, 3]",
            Assert.Throws<ArgumentException>(() => F.MaxPool2d(Torch.Randn(2, 3), 2)).Message);
        Assert.Equal("max_pool2d: Given input size: (1x1x1). Calculated output size: (1x0x0). Output size is too small",
            Assert.Throws<ArgumentException>(() => F.MaxPool2d(Torch.Randn(1, 1, 1, 1), 2)).Message);
        Assert.Equal("avg_pool2d: pad should be at most half of kernel size, but got pad=2 and kernel_size=2",
            Assert.Throws<ArgumentException>(() => F.AvgPool2d(Torch.Randn(1, 1, 4, 4), 2, padding: 2)).Message);
        Assert.Equal("max_pool2d: stride should not be zero",
            Assert.Throws<ArgumentException>(() => F.MaxPool2d(Torch.Randn(1, 1, 4, 4), 2, stride: 0)).Message);
        Assert.Equal("max_pool2d: dilation should be greater than zero, but got dilationH: 0 dilationW: 0",
            Assert.Throws<ArgumentException>(() => F.MaxPool2d(Torch.Randn(1, 1, 4, 4), 2, dilation: 0)).Message);
        Assert.Equal("avg_pool2d: divisor must be not zero",
            Assert.Throws<ArgumentException>(() => F.AvgPool2d(Torch.Randn(1, 1, 4, 4), 2, divisorOverride: 0)).Message);
        Assert.Equal("adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got [2, 3]",
            Assert.Throws<ArgumentException>(() => F.AdaptiveAvgPool2d(Torch.Randn(2, 3), 2)).Message);
        Assert.Equal("adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes [1, 1, 0, 3] with dimension 2 being empty",
            Assert.Throws<ArgumentException>(() => F.AdaptiveAvgPool2d(Torch.Randn(1, 1, 0, 3), 2)).Message);
        Assert.Equal("adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {-1, -1}",
            Assert.Throws<ArgumentException>(() => F.AdaptiveAvgPool2d(Torch.Randn(1, 1, 3, 3), -1)).Message);
        Assert.Equal("\"max_pool2d\" not implemented for 'int64'",
            Assert.Throws<NotSupportedException>(() => F.MaxPool2d(Torch.Zeros([1, 1, 4, 4], DType.Int64), 2)).Message);
    }
}
