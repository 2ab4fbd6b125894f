using StaticNet.NN;
using static StaticNet.Gpu.Tests.Parity;

namespace StaticNet.Gpu.Tests;

/// <summary>
/// Finite differences (Float64) through ilgpu-cpu: the inputs live on the CPU, where GradCheck perturbs them, and each
/// function moves them to ilgpu-cpu, so both the forward kernels and the backward kernels under test run there.
/// </summary>
public class GradCheckTests
{
    private static Tensor Leaf(params long[] shape) => Random(DType.Float64, shape).RequiresGrad_();

    private static Tensor G(Tensor t) => t.To(UnderTest);

    private static void AssertGradCheck(Func<Tensor[], Tensor> onDevice, params Tensor[] inputs) =>
        Assert.True(Torch.Autograd.GradCheck(t =>
        {
            var y = onDevice(t);
            Assert.Equal(UnderTest, y.Device);
            return y.Cpu();
        }, inputs));

    [Fact]
    public void Conv2d_with_stride_padding_dilation_and_groups() =>
        AssertGradCheck(t => F.Conv2d(G(t[0]), G(t[1]), G(t[2]), stride: (2, 1), padding: (1, 2), dilation: (1, 2), groups: 2),
            Leaf(2, 4, 5, 4), Leaf(4, 2, 3, 2), Leaf(4));

    [Fact]
    public void Max_pool2d_with_overlapping_windows() =>
        // Distinct values keep every maximum away from a tie under the ±eps perturbation.
        AssertGradCheck(t => F.MaxPool2d(G(t[0]), 3, stride: 2, padding: 1),
            Torch.RandPerm(2 * 2 * 5 * 6, generator: new Generator(3)).To(DType.Float64).View([2, 2, 5, 6]).RequiresGrad_());

    [Fact]
    public void Avg_and_adaptive_avg_pool2d()
    {
        AssertGradCheck(t => F.AvgPool2d(G(t[0]), 3, stride: 2, padding: 1, countIncludePad: false), Leaf(1, 2, 5, 6));
        AssertGradCheck(t => F.AdaptiveAvgPool2d(G(t[0]), (3, 4)), Leaf(1, 2, 5, 6));
    }

    [Fact]
    public void Embedding_weight_gradient_with_repeats()
    {
        var index = Torch.FromArray(new long[] { 4, 1, 4, 0, 2, 4 }).View([2, 3]);
        // No padding index: its row's gradient is zero by definition, not the derivative (the parity tests cover it).
        AssertGradCheck(t => F.Embedding(G(index), G(t[0])), Leaf(5, 3));
    }

    [Fact]
    public void Batch_norm_in_training_and_evaluation()
    {
        AssertGradCheck(t => F.BatchNorm(G(t[0]), null, null, G(t[1]), G(t[2]), training: true), Leaf(3, 2, 2, 3), Leaf(2), Leaf(2));
        var mean = Torch.FromArray(new[] { 0.5, -0.25 });
        var variance = Torch.FromArray(new[] { 2.0, 0.75 });
        AssertGradCheck(t => F.BatchNorm(G(t[0]), G(mean), G(variance), G(t[1]), G(t[2])), Leaf(3, 2, 2, 3), Leaf(2), Leaf(2));
    }

    [Fact]
    public void Pow_with_tensor_and_number_exponents()
    {
        // Positive bases keep x^y and ln x smooth under the ±eps perturbation.
        AssertGradCheck(t => (G(t[0]).Abs() + 0.5).Pow(G(t[1])), Leaf(3, 7), Leaf(7));
        AssertGradCheck(t => G(t[0]).Pow(3), Leaf(3, 7));
        AssertGradCheck(t => (G(t[0]).Abs() + 0.5).Pow(-1.5), Leaf(3, 7));
        AssertGradCheck(t => Torch.Pow(2.0, G(t[0])), Leaf(3, 7));
    }

    [Fact]
    public void Leaky_relu_and_gelu()
    {
        AssertGradCheck(t => F.LeakyRelu(G(t[0]), 0.1), Leaf(3, 7));
        AssertGradCheck(t => F.Gelu(G(t[0])), Leaf(3, 7));
        AssertGradCheck(t => F.Gelu(G(t[0]), approximate: "tanh"), Leaf(3, 7));
    }
}
