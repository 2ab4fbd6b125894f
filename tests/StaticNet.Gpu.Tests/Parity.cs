namespace StaticNet.Gpu.Tests;

/// <summary>Runs one computation on the CPU and on <c>ilgpu-cpu</c> and compares the results.</summary>
internal static class Parity
{
    public static readonly Device IlgpuCpu = Device.Parse("ilgpu-cpu");

    /// <summary>Sizes that miss every tile and vector width: 1, 7, 33.</summary>
    public static readonly int[] OddSizes = [1, 7, 33];

    public static Tensor Random(DType dtype, params long[] shape) =>
        Torch.Randn(shape, dtype: dtype, generator: new Generator((ulong)shape.Sum() + 17));

    /// <summary>f on CPU inputs against f on the same inputs moved to the GPU device (the result copied back).</summary>
    public static void Check(Func<Tensor[], Tensor> f, double tolerance, params Tensor[] inputs)
    {
        var expected = f(inputs);
        var actual = f([.. inputs.Select(t => t.To(IlgpuCpu))]);
        Assert.Equal(IlgpuCpu, actual.Device);
        AssertClose(expected, actual.Cpu(), tolerance);
    }

    public static void AssertClose(Tensor expected, Tensor actual, double tolerance)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.DType, actual.DType);
        var e = expected.ToArray<double>();
        var a = actual.ToArray<double>();
        for (int i = 0; i < e.Length; i++)
        {
            if (double.IsNaN(e[i])) { Assert.True(double.IsNaN(a[i]), $"element {i}: expected NaN, got {a[i]}"); continue; }
            double tol = tolerance * Math.Max(1, Math.Abs(e[i]));
            Assert.True(Math.Abs(e[i] - a[i]) <= tol, $"element {i} of {Size.Format(expected.ShapeArray)}: expected {e[i]}, got {a[i]} (tolerance {tol})");
        }
    }

    /// <summary>Per-dtype tolerance: float32 kernels may order sums differently and use other transcendental code.</summary>
    public static double Tol(DType dtype, double f32 = 1e-5, double f64 = 1e-12) => dtype == DType.Float32 ? f32 : f64;
}
