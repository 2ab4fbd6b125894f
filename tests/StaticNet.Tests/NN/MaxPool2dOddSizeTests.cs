namespace StaticNet.Tests.NN;

/// <summary>
/// MaxPool2d at odd sizes against a direct window scan written here, with ties and NaNs planted: covers the unrolled
/// 2×2 stride-2 path and the general one (ceil mode's clipped last window, padding, 3×3).
/// </summary>
[Collection(StaticNet.Tests.RandomGeneration.RandomCollection.Name)] // seeds the default generator
public class MaxPool2dOddSizeTests
{
    [Theory]
    // h, w, k, s, p, ceil
    [InlineData(7, 9, 2, 2, 0, false)]
    [InlineData(28, 28, 2, 2, 0, false)]
    [InlineData(1, 65, 1, 1, 0, false)]
    [InlineData(7, 9, 2, 2, 0, true)]
    [InlineData(9, 63, 3, 2, 1, false)]
    public void OutputsIndicesAndGradientMatchADirectScan(int h, int w, int k, int s, int p, bool ceil)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            Torch.ManualSeed(3);
            // Rounded to halves so windows hold ties; a few NaNs (two in one window where possible).
            var values = ((Torch.Randn([3, 2, h, w], dtype: DType.Float64) * 2).Round() / 2).Contiguous().ToArray<double>();
            for (int i = 5; i < values.Length; i += 37) values[i] = double.NaN;
            if (values.Length > 6) values[6] = double.NaN;
            var x = Torch.Tensor(values).To(dtype).Reshape(3, 2, h, w).Detach().RequiresGrad_();
            var (y, indices) = F.MaxPool2dWithIndices(x, k, s, p, ceilMode: ceil);
            int oh = (int)y.Size(2), ow = (int)y.Size(3);
            var gy = Torch.Randn(y.Shape, dtype: dtype);
            y.Backward(gy);

            var gyv = gy.To(DType.Float64).Contiguous().ToArray<double>();
            var yv = y.Detach().To(DType.Float64).Contiguous().ToArray<double>();
            var iv = indices.Contiguous().ToArray<long>();
            var expectedGrad = new double[values.Length];
            for (int plane = 0; plane < 6; plane++)
            for (int i = 0; i < oh; i++)
            for (int j = 0; j < ow; j++)
            {
                double max = double.NegativeInfinity;
                long arg = -1;
                for (int ih = i * s - p; ih < i * s - p + k; ih++)
                for (int iw = j * s - p; iw < j * s - p + k; iw++)
                {
                    if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                    double v = values[(plane * h + ih) * w + iw];
                    if (arg < 0 || v > max || double.IsNaN(v)) { max = v; arg = (long)ih * w + iw; }
                }
                int o = (plane * oh + i) * ow + j;
                Assert.Equal(arg, iv[o]);
                if (double.IsNaN(max)) Assert.True(double.IsNaN(yv[o]), $"output {o} should be NaN");
                else Assert.Equal(max, yv[o]);
                expectedGrad[plane * h * w + arg] += gyv[o];
            }
            var grad = x.Grad!.To(DType.Float64).Contiguous().ToArray<double>();
            for (int i = 0; i < grad.Length; i++)
                Assert.True(Math.Abs(grad[i] - expectedGrad[i]) <= 1e-6 * (1 + Math.Abs(expectedGrad[i])), $"gradient {i}: expected {expectedGrad[i]}, got {grad[i]}");
        }
    }
}
