using StaticNet.NN;
using static StaticNet.Gpu.Tests.Parity;

namespace StaticNet.Gpu.Tests;

/// <summary>
/// Convolution, pooling, the parameterized activations, indexing and embedding on ilgpu-cpu against the CPU
/// backend, forward and backward, on odd shapes with padding, stride, dilation and groups.
/// </summary>
public class LayerParityTests
{
    public static TheoryData<DType> FloatTypes() => [DType.Float32, DType.Float64];

    /// <summary>"N C H W O kernel stride padding dilation groups" (H and W differ; odd sizes miss the 4×4 GEMM tiles).</summary>
    public static TheoryData<DType, string> ConvCases()
    {
        var data = new TheoryData<DType, string>();
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            data.Add(dtype, "2 3 7 6 5 3 1 0 1 1");
            data.Add(dtype, "1 4 9 7 6 3 2 1 1 2");   // stride, padding, groups
            data.Add(dtype, "3 2 8 9 3 2 1 2 2 1");   // dilation with padding wider than the kernel reach
            data.Add(dtype, "2 6 5 5 6 1 1 0 1 3");   // 1×1 (pointwise) grouped
            data.Add(dtype, "1 1 1 1 1 1 1 0 1 1");   // one pixel
        }
        return data;
    }

    [Theory, MemberData(nameof(ConvCases))]
    public void Conv2d_forward_and_backward_match(DType dtype, string geometry)
    {
        var (n, c, h, w, o, k, stride, padding, dilation, groups) = Parse(geometry);
        var x = Random(dtype, n, c, h, w);
        var weight = Random(dtype, o, c / groups, k, k);
        var bias = Random(dtype, o);
        double tol = Tol(dtype, f32: 1e-4);
        Gradients.Check(t => F.Conv2d(t[0], t[1], t[2], stride, padding, dilation, groups), tol, x, weight, bias);
        Gradients.Check(t => F.Conv2d(t[0], t[1], null, stride, padding, dilation, groups), tol, x, weight);
    }

    private static (int, int, int, int, int, int, int, int, int, int) Parse(string geometry)
    {
        var v = geometry.Split(' ').Select(int.Parse).ToArray();
        return (v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }

    [Theory, MemberData(nameof(FloatTypes))]
    public void Conv2d_with_rectangular_kernel_and_strides_and_non_contiguous_input(DType dtype)
    {
        var x = Random(dtype, 2, 7, 3, 9).Transpose(1, 2);  // [2, 3, 7, 9], not contiguous
        var weight = Random(dtype, 4, 3, 2, 3);
        double tol = Tol(dtype, f32: 1e-4);
        Gradients.Check(t => F.Conv2d(t[0].Transpose(1, 2), t[1], null, (2, 1), (1, 2), (1, 2)), tol, Random(dtype, 2, 7, 3, 9), weight);
        Check(t => F.Conv2d(t[0], t[1], null, (1, 2), (0, 1)), tol, x, weight);
    }

    [Fact]
    public void Conv2d_with_operands_on_two_devices_names_both()
    {
        var x = Random(DType.Float32, 1, 2, 4, 4).To(UnderTest);
        var e = Assert.Throws<ArgumentException>(() => F.Conv2d(x, Random(DType.Float32, 3, 2, 3, 3)));
        Assert.Contains("conv2d", e.Message);
        Assert.Contains("ilgpu-cpu and cpu", e.Message);
    }

    [Fact]
    public void Conv2d_unbatched_input_matches()
    {
        Gradients.Check(t => F.Conv2d(t[0], t[1], t[2], padding: 1), 1e-4, Random(DType.Float32, 2, 5, 4), Random(DType.Float32, 3, 2, 3, 3), Random(DType.Float32, 3));
    }

    [Theory, MemberData(nameof(FloatTypes))]
    public void Max_pool2d_forward_indices_and_backward_match(DType dtype)
    {
        var x = Random(dtype, 2, 3, 9, 7);
        double tol = Tol(dtype);
        Gradients.Check(t => F.MaxPool2d(t[0], 2), tol, x);
        Gradients.Check(t => F.MaxPool2d(t[0], 3, stride: 1, padding: 1), tol, x);      // overlapping windows
        Gradients.Check(t => F.MaxPool2d(t[0], (3, 2), stride: (2, 1), padding: (1, 1), dilation: (2, 1)), tol, x);
        Gradients.Check(t => F.MaxPool2d(t[0], 2, ceilMode: true), tol, x);
        Check(t => F.MaxPool2dWithIndices(t[0], 3, 2, 1).Indices, 0, x);
        // Ties keep the first element and NaN wins, as on the CPU.
        var ties = Torch.FromArray(new[] { 1.0, 1, 0, double.NaN, 2, 2, 2, 2, 5, 5, 3, 5, 0, 0, 0, 0 }).View([1, 1, 4, 4]).To(dtype);
        Check(t => F.MaxPool2dWithIndices(t[0], 2).Indices, 0, ties);
        Check(t => F.MaxPool2d(t[0], 2), 0, ties);
    }

    [Theory, MemberData(nameof(FloatTypes))]
    public void Avg_pool2d_forward_and_backward_match_every_divisor_rule(DType dtype)
    {
        var x = Random(dtype, 2, 2, 7, 8);
        double tol = Tol(dtype);
        Gradients.Check(t => F.AvgPool2d(t[0], 2), tol, x);
        Gradients.Check(t => F.AvgPool2d(t[0], 3, stride: 2, padding: 1), tol, x);
        Gradients.Check(t => F.AvgPool2d(t[0], 3, stride: 2, padding: 1, countIncludePad: false), tol, x);
        Gradients.Check(t => F.AvgPool2d(t[0], (3, 2), stride: 1, padding: (1, 0), divisorOverride: 5), tol, x);
        Gradients.Check(t => F.AvgPool2d(t[0], 3, stride: 2, ceilMode: true, countIncludePad: false), tol, x);
    }

    [Theory, MemberData(nameof(FloatTypes))]
    public void Adaptive_avg_pool2d_forward_and_backward_match(DType dtype)
    {
        var x = Random(dtype, 2, 3, 7, 5);
        double tol = Tol(dtype);
        Gradients.Check(t => F.AdaptiveAvgPool2d(t[0], 1), tol, x);
        Gradients.Check(t => F.AdaptiveAvgPool2d(t[0], (3, 2)), tol, x);  // windows of different sizes
        Gradients.Check(t => F.AdaptiveAvgPool2d(t[0], (7, 9)), tol, x);  // more outputs than inputs: overlapping windows
    }

    [Theory, MemberData(nameof(FloatTypes))]
    public void Leaky_relu_and_gelu_match_forward_and_backward(DType dtype)
    {
        var x = Random(dtype, 33, 7) * 3;
        double tol = Tol(dtype, f32: 1e-6);
        Gradients.Check(t => F.LeakyRelu(t[0], 0.2), tol, x);
        Gradients.Check(t => F.LeakyRelu(t[0].T, 0.01), tol, x);  // strided
        Gradients.Check(t => F.Gelu(t[0]), tol, x);
        Gradients.Check(t => F.Gelu(t[0], approximate: "tanh"), tol, x);
        Check(t => F.LeakyRelu(t[0].Clone(), 0.3, inplace: true), tol, x);
        // Far tails take erf's continued fraction and its saturated branch.
        var tails = Torch.FromArray(new[] { -7.0, -4, -2.6, -0.1, 0, 0.3, 2.4, 3.1, 5.9, 8, double.NaN }).To(dtype);
        Check(t => F.Gelu(t[0]), tol, tails);
    }

    [Theory, MemberData(nameof(FloatTypes))]
    public void Indexing_gather_and_scatter_match(DType dtype)
    {
        var a = Random(dtype, 7, 5);
        var rows = Torch.FromArray(new long[] { 6, 0, 3, 3, 1 });
        var cols = Torch.FromArray(new long[] { 4, 2, 0, 1, 3 });
        double tol = Tol(dtype);
        Check(t => t[0][t[1]], 0, a, rows);
        Check(t => t[0].Gather(1, t[1].View([5, 1]).Expand([5, 3])), 0, a.Narrow(0, 0, 5), cols);
        Check(t => IndexPut(t[0], t[1], t[2], accumulate: true), tol, a, rows, Random(dtype, 5, 5));   // row 3 twice
        Check(t => IndexPut(t[0], t[1], t[2], accumulate: false), 0, a, cols, Random(dtype, 5, 5));                      // distinct rows
        Check(t => Torch.ZerosLike(t[0]).Scatter(1, t[1].View([5, 1]), t[2]), 0, a.Narrow(0, 0, 5), cols, Random(dtype, 5, 1));
        Check(t => Torch.ZerosLike(t[0]).ScatterAdd(0, t[1].View([5, 1]).Expand([5, 5]), t[2]), tol, a, rows, Random(dtype, 5, 5));
        Gradients.Check(t => t[0][t[1]], tol, a, rows);
    }

    [Fact]
    public void Integer_and_bool_accumulating_puts_match()
    {
        var rows = Torch.FromArray(new long[] { 2, 0, 2, 2 });
        Check(t => IndexPut(t[0], t[1], t[2], accumulate: true), 0, Torch.Arange(12).View([4, 3]), rows, Torch.Arange(12).View([4, 3]));
        Check(t => IndexPut(t[0], t[1], t[2], accumulate: true), 0,
            Torch.Arange(12).View([4, 3]).To(DType.Int32), rows, Torch.Arange(12).View([4, 3]).To(DType.Int32));
        Check(t => IndexPut(t[0], t[1], t[2], accumulate: true), 0,
            Torch.Arange(12).View([4, 3]).To(DType.UInt8), rows, (Torch.Arange(12).View([4, 3]) * 40).To(DType.UInt8));
        Check(t => IndexPut(t[0], t[1], t[2], accumulate: true), 0,
            Torch.Zeros([4, 3], DType.Bool), rows, Random(DType.Float64, 4, 3) > 0);
    }

    [Theory, MemberData(nameof(FloatTypes))]
    public void Embedding_forward_and_backward_match_with_repeats_and_padding(DType dtype)
    {
        var weight = Random(dtype, 9, 7);
        var index = Torch.FromArray(new long[] { 3, 0, 8, 3, 3, 5, 0, 2 }).View([2, 4]);
        double tol = Tol(dtype);
        Gradients.Check(t => F.Embedding(index.To(t[0].Device), t[0]), tol, weight);
        Gradients.Check(t => F.Embedding(index.To(t[0].Device), t[0], paddingIdx: 3), tol, weight);
        var bad = Torch.FromArray(new long[] { 1, 9 }).To(UnderTest);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => F.Embedding(bad, weight.To(UnderTest)));
        Assert.Contains("index 9 is out of range", e.Message);
    }

    [Theory, MemberData(nameof(FloatTypes))]
    public void Batch_norm_train_and_eval_match_forward_backward_and_running_statistics(DType dtype)
    {
        var x = Random(dtype, 3, 4, 5, 2);
        var weight = Random(dtype, 4);
        var bias = Random(dtype, 4);
        double tol = Tol(dtype, f32: 1e-5);
        Gradients.Check(t => F.BatchNorm(t[0], null, null, t[1], t[2], training: true), tol, x, weight, bias);
        Gradients.Check(t => F.BatchNorm(t[0], Torch.Full([4], 0.5, dtype).To(t[0].Device), Torch.Full([4], 2.0, dtype).To(t[0].Device), t[1], t[2]), tol, x, weight, bias);
        var (cpuMean, cpuVar) = RunningStatistics(Device.Cpu, x, dtype);
        var (gpuMean, gpuVar) = RunningStatistics(UnderTest, x, dtype);
        AssertClose(cpuMean, gpuMean, tol);
        AssertClose(cpuVar, gpuVar, tol);
    }

    /// <summary>A BatchNorm2d's running mean and variance after two training batches on <paramref name="device"/>.</summary>
    private static (Tensor Mean, Tensor Variance) RunningStatistics(Device device, Tensor x, DType dtype)
    {
        var norm = new BatchNorm2d(4, dtype: dtype).To(device);
        norm.Forward(x.To(device));
        norm.Forward((x * 2 + 1).To(device));
        return (norm.RunningMean!.Cpu(), norm.RunningVar!.Cpu());
    }

    /// <summary>index_put_ on a copy of <paramref name="self"/> along dimension 0.</summary>
    private static Tensor IndexPut(Tensor self, Tensor rows, Tensor values, bool accumulate)
    {
        var copy = self.Clone();
        AdvancedIndex.Put(copy, [rows, null], values, accumulate);
        return copy;
    }

    private static void Capture(BatchNorm2d norm, out Tensor? mean, out Tensor? variance)
    {
        mean = norm.RunningMean!.Cpu();
        variance = norm.RunningVar!.Cpu();
    }
}
