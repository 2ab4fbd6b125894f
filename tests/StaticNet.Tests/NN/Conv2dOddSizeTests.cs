using StaticNet.Fused;
using StaticNet.Kernels;
using StaticNet.Kernels.Cpu.Convolution;
using StaticNet.NN;

namespace StaticNet.Tests.NN;

/// <summary>
/// Conv2d forward and backward at odd sizes (1, 7, 63, 65 channels or columns), strides, padding, dilation and groups,
/// against a direct seven-loop convolution written here: covers the small-channel register-tile path (≤ 32 output
/// channels per group) and the im2col + GEMM path (more), with whole-vector and ragged row lengths.
/// </summary>
[Collection(StaticNet.Tests.RandomGeneration.RandomCollection.Name)] // seeds the default generator
public class Conv2dOddSizeTests
{
    [Theory]
    // n, c, o, h, w, kh, kw, sh, sw, ph, pw, dh, dw, groups
    [InlineData(1, 1, 1, 5, 65, 3, 3, 1, 1, 0, 0, 1, 1, 1)]
    [InlineData(3, 7, 7, 9, 63, 5, 3, 1, 1, 2, 1, 1, 1, 1)]
    [InlineData(3, 3, 65, 7, 7, 3, 3, 1, 1, 1, 1, 1, 1, 1)]
    [InlineData(1, 63, 7, 6, 7, 3, 3, 2, 2, 1, 1, 1, 1, 1)]
    [InlineData(3, 65, 6, 5, 5, 3, 3, 1, 1, 2, 2, 2, 2, 1)]
    [InlineData(3, 6, 16, 14, 14, 5, 5, 1, 1, 0, 0, 1, 1, 1)]
    [InlineData(3, 4, 6, 7, 65, 3, 3, 2, 1, 1, 0, 1, 2, 2)]
    [InlineData(1, 3, 63, 8, 8, 1, 1, 1, 1, 0, 0, 1, 1, 1)]
    [InlineData(3, 2, 7, 5, 7, 1, 1, 1, 1, 0, 0, 1, 1, 1)]
    [InlineData(3, 64, 64, 6, 6, 3, 3, 1, 1, 1, 1, 1, 1, 1)]
    [InlineData(4, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1)]
    // The sliding-window path (unit stride, no padding, rows filling ≥ 3/4 of their vectors): LeNet's first layer, a
    // ragged last vector (OW = 37 = 16 + 16 + 5 floats), 7 kernel columns (tiles of 5 + 2), 13 channels (6 + 6 + 1, and
    // 3 + 3 + 3 + 3 + 1 in the gradient), fewer than 4 output rows, one image per worker, groups.
    [InlineData(4, 3, 6, 32, 32, 5, 5, 1, 1, 0, 0, 1, 1, 1)]
    [InlineData(3, 2, 13, 9, 43, 3, 7, 1, 1, 0, 0, 1, 1, 1)]
    [InlineData(1, 1, 2, 3, 32, 2, 5, 1, 1, 0, 0, 1, 1, 1)]
    [InlineData(2, 4, 8, 6, 30, 3, 3, 1, 1, 0, 0, 1, 1, 2)]
    // Its grid layout (rows narrower than 3/4 of a vector but ≥ 2/3 of the input's width; LeNet's second layer is the
    // 6 → 16, 14×14 case above): 7 input channels (input-gradient tiles of 6 + 1), groups, a grid run of one partial vector.
    [InlineData(2, 7, 5, 9, 12, 3, 3, 1, 1, 0, 0, 1, 1, 1)]
    [InlineData(2, 4, 6, 8, 8, 3, 3, 1, 1, 0, 0, 1, 1, 2)]
    [InlineData(3, 3, 7, 11, 9, 3, 4, 1, 1, 0, 0, 1, 1, 1)]
    [InlineData(2, 2, 3, 4, 6, 2, 2, 1, 1, 0, 0, 1, 1, 1)]
    public void ForwardAndGradientsMatchADirectConvolution(int n, int c, int o, int h, int w, int kh, int kw, int sh, int sw,
        int ph, int pw, int dh, int dw, int groups)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            Torch.ManualSeed(7);
            var x = Torch.Randn([n, c, h, w], dtype: dtype).RequiresGrad_();
            var weight = Torch.Randn([o, c / groups, kh, kw], dtype: dtype).RequiresGrad_();
            var bias = Torch.Randn([o], dtype: dtype).RequiresGrad_();
            var y = F.Conv2d(x, weight, bias, (sh, sw), (ph, pw), (dh, dw), groups);
            var gy = Torch.Randn(y.Shape, dtype: dtype);
            y.Backward(gy);

            var r = new Reference(n, c, o, h, w, kh, kw, sh, sw, ph, pw, dh, dw, groups);
            var (ry, rdx, rdw, rdb) = r.Run(Values(x), Values(weight), Values(bias), Values(gy));
            double tol = dtype == DType.Float32 ? 2e-4 : 1e-10;
            Assert.Equal(new Size(n, o, r.OH, r.OW), y.Shape);
            AssertClose(ry, y, tol, "output");
            AssertClose(rdx, x.Grad!, tol, "input gradient");
            AssertClose(rdw, weight.Grad!, tol, "weight gradient");
            AssertClose(rdb, bias.Grad!, tol, "bias gradient");
        }
    }

    [Fact]
    public void FusedConvolutionReluKeepsNaNAndZeroesNegatives()
    {
        // The small-channel path applies ReLU as its store epilogue: NaN must propagate as F.Relu does.
        var layer = new Conv2d(1, 1, 1);
        using (Torch.NoGrad())
        {
            layer.Weight.Fill_(1);
            layer.Bias!.Fill_(0);
        }
        float[] input = [float.NaN, -1, 2, -0.5f, 3, 0, 7, -8, 9];
        var output = new float[9];
        FusedOps.Conv2d<float>(input, 1, 3, 3, layer, FusedActivation.Relu, output);
        Assert.True(float.IsNaN(output[0]));
        Assert.Equal([0f, 2, 0, 3, 0, 7, 0, 9], output[1..]);

        // A 16-wide row takes the sliding-window path (one whole vector per row), which fuses ReLU the same way.
        float[] row = [float.NaN, -1, 2, -0.5f, 3, 0, 7, -8, 9, -10, 11, -12, 13, -14, 15, -16];
        var rowOutput = new float[16];
        FusedOps.Conv2d<float>(row, 1, 1, 16, layer, FusedActivation.Relu, rowOutput);
        Assert.True(float.IsNaN(rowOutput[0]));
        Assert.Equal([0f, 2, 0, 3, 0, 7, 0, 9, 0, 11, 0, 13, 0, 15, 0], rowOutput[1..]);

        // Two rows of 10 take its grid layout (10 of 16 lanes per row), which stores through a scratch grid.
        float[] narrow = [-1, float.NaN, 2, -3, 4, -5, 6, -7, 8, -9, 10, -11, 12, -13, 14, -15, 16, -17, 18, float.NaN];
        var narrowOutput = new float[20];
        FusedOps.Conv2d<float>(narrow, 1, 2, 10, layer, FusedActivation.Relu, narrowOutput);
        Assert.True(float.IsNaN(narrowOutput[1]) && float.IsNaN(narrowOutput[19]));
        Assert.Equal([2f, 0, 4, 0, 6, 0, 8, 0, 10, 0, 12, 0, 14, 0, 16, 0, 18], narrowOutput[2..19]);
        Assert.Equal(0f, narrowOutput[0]);
    }

    [Theory]
    [InlineData(4, 3, 6, 32, 32, 5, 5, "Rows")]
    [InlineData(3, 2, 13, 9, 43, 3, 7, "Rows")]
    [InlineData(3, 6, 16, 14, 14, 5, 5, "Grid")]
    [InlineData(2, 7, 5, 9, 12, 3, 3, "Grid")]
    [InlineData(3, 3, 7, 11, 9, 3, 4, "Grid")]
    [InlineData(1, 2, 3, 6, 9, 3, 3, "Grid")]
    [InlineData(1, 1, 1, 5, 19, 3, 9, "None")]
    public void SlidingPathTakesTheLayersItWasWrittenFor(int n, int c, int o, int h, int w, int kh, int kw, string expected)
    {
        // Guards the cases above (Float32): if the path's condition drifted they would silently test another path instead.
        var g = new Conv2dGeometry(n, c, h, w, o, 1, kh, kw, 1, 1, 0, 0, 1, 1);
        var layout = System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? Enum.Parse<SlidingLayout>(expected) : SlidingLayout.None;
        Assert.Equal(layout, SlidingConv.LayoutOf<float>(g));
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void AnInfiniteInputReachesOnlyTheWeightsThatMeetIt(DType dtype)
    {
        // A 9-wide input with a 3×3 kernel has 7 output columns: the grid layout (Float32) computes 9 per row and drops 2.
        // Input column 8 meets only kernel column 2 (output column 6); on the grid it also sits under the dropped lanes of
        // kernel columns 0 and 1, where dY is zero: their weight gradients must stay finite, not become 0·∞ = NaN.
        Torch.ManualSeed(11);
        var x = Torch.Randn([1, 2, 6, 9], dtype: dtype);
        using (Torch.NoGrad()) x[0, 1, 2, 8] = double.PositiveInfinity;
        x.RequiresGrad_();
        var weight = Torch.Randn([3, 2, 3, 3], dtype: dtype).RequiresGrad_();
        var bias = Torch.Randn([3], dtype: dtype).RequiresGrad_();
        var y = F.Conv2d(x, weight, bias);
        var gy = Torch.Randn(y.Shape, dtype: dtype);
        y.Backward(gy);

        var (ry, _, rdw, _) = new Reference(1, 2, 3, 6, 9, 3, 3, 1, 1, 0, 0, 1, 1, 1).Run(Values(x), Values(weight), Values(bias), Values(gy));
        AssertSameNonFinite(ry, y, "output");
        AssertSameNonFinite(rdw, weight.Grad!, "weight gradient");
        Assert.Contains(rdw, double.IsInfinity);
        Assert.Contains(Values(weight.Grad!), double.IsFinite);
    }

    [Avx512Fact]
    public void TheWeightGradientNeverReadsTheUnclearedGapsOfItsDyCopy()
    {
        // The grid layout's weight gradient copies dY onto the input's row pitch, in scratch rented on the calling thread from
        // ArrayPool<float>.Shared, and does not clear it: the lanes between the rows (x ≥ OW) and past the run must be masked
        // off in every load. Scratch left full of NaN by an earlier renter (this thread's pool slot of every size) must give
        // the reference's gradient, to the bit the gradient computed with clean scratch.
        Assert.Equal(SlidingLayout.Grid, SlidingConv.LayoutOf<float>(new Conv2dGeometry(3, 6, 14, 14, 16, 1, 5, 5, 1, 1, 0, 0, 1, 1)));
        Torch.ManualSeed(5);
        var x = Torch.Randn([3, 6, 14, 14]);
        var weight = Torch.Randn([16, 6, 5, 5]).RequiresGrad_();
        var gy = Torch.Randn([3, 16, 10, 10]);
        double[] Gradient()
        {
            weight.Grad = null;
            F.Conv2d(x, weight).Backward(gy);
            return Values(weight.Grad!);
        }
        var clean = Gradient();
        for (int length = 16; length <= 1 << 22; length *= 2)
        {
            var stale = System.Buffers.ArrayPool<float>.Shared.Rent(length);
            Array.Fill(stale, float.NaN);
            System.Buffers.ArrayPool<float>.Shared.Return(stale);
        }
        var poisoned = Gradient();
        Assert.Equal(clean, poisoned);
        var (_, _, rdw, _) = new Reference(3, 6, 16, 14, 14, 5, 5, 1, 1, 0, 0, 1, 1, 1).Run(Values(x), Values(weight), new double[16], Values(gy));
        AssertClose(rdw, weight.Grad!, 2e-4, "weight gradient");
    }

    /// <summary>NaN where the reference has NaN, the same infinity where it has one, else within tolerance.</summary>
    private static void AssertSameNonFinite(double[] expected, Tensor actual, string what)
    {
        var values = Values(actual);
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(expected[i])) Assert.True(double.IsNaN(values[i]), $"{what} element {i}: expected NaN, got {values[i]}");
            else if (double.IsInfinity(expected[i])) Assert.True(expected[i] == values[i], $"{what} element {i}: expected {expected[i]}, got {values[i]}");
            else Assert.True(Math.Abs(expected[i] - values[i]) <= 2e-4 * (1 + Math.Abs(expected[i])), $"{what} element {i}: expected {expected[i]}, got {values[i]}");
        }
    }

    private static double[] Values(Tensor t) => t.Detach().To(DType.Float64).Contiguous().ToArray<double>();

    private static void AssertClose(double[] expected, Tensor actual, double tolerance, string what)
    {
        var values = Values(actual);
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(expected[i] - values[i]) <= tolerance * (1 + Math.Abs(expected[i])),
                $"{what} element {i}: expected {expected[i]}, got {values[i]}");
    }

    /// <summary>The textbook convolution and its adjoints, in double, one multiply-add per (n, o, oh, ow, c, kh, kw).</summary>
    private sealed record Reference(int N, int C, int O, int H, int W, int KH, int KW, int SH, int SW, int PH, int PW, int DH, int DW, int G)
    {
        public int OH => (H + 2 * PH - DH * (KH - 1) - 1) / SH + 1;
        public int OW => (W + 2 * PW - DW * (KW - 1) - 1) / SW + 1;

        public (double[] Y, double[] DX, double[] DW, double[] DB) Run(double[] x, double[] w, double[] b, double[] gy)
        {
            int cg = C / G, og = O / G, oh = OH, ow = OW;
            var y = new double[N * O * oh * ow];
            var dx = new double[x.Length];
            var dw = new double[w.Length];
            var db = new double[O];
            for (int n = 0; n < N; n++)
            for (int o = 0; o < O; o++)
            for (int i = 0; i < oh; i++)
            for (int j = 0; j < ow; j++)
            {
                int yi = ((n * O + o) * oh + i) * ow + j;
                double sum = b[o], g = gy[yi];
                db[o] += g;
                for (int ci = 0; ci < cg; ci++)
                for (int ki = 0; ki < KH; ki++)
                for (int kj = 0; kj < KW; kj++)
                {
                    int ih = i * SH - PH + ki * DH, iw = j * SW - PW + kj * DW;
                    if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                    int xi = ((n * C + o / og * cg + ci) * H + ih) * W + iw, wi = ((o * cg + ci) * KH + ki) * KW + kj;
                    sum += w[wi] * x[xi];
                    dx[xi] += w[wi] * g;
                    dw[wi] += x[xi] * g;
                }
                y[yi] = sum;
            }
            return (y, dx, dw, db);
        }
    }
}
