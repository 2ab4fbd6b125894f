namespace StaticNet.Gpu.Tests;

/// <summary>Runs one computation on the CPU and on the device under test and compares the results.</summary>
internal static class Parity
{
    /// <summary>
    /// The device under test, read once from STATICNET_GPU_TEST_DEVICE (default <c>ilgpu-cpu</c>, what CI has): a
    /// machine with a GPU runs the same suite with STATICNET_GPU_TEST_DEVICE=cuda. Asking for cuda where no CUDA device
    /// exists throws here, so every test fails loudly instead of passing on the wrong device.
    /// </summary>
    public static readonly Device UnderTest = ReadDeviceUnderTest();

    private static Device ReadDeviceUnderTest()
    {
        string name = Environment.GetEnvironmentVariable("STATICNET_GPU_TEST_DEVICE") is { Length: > 0 } v ? v : "ilgpu-cpu";
        if (name.StartsWith("cuda", StringComparison.Ordinal) && !Torch.Cuda.IsAvailable())
            throw new InvalidOperationException($"STATICNET_GPU_TEST_DEVICE={name} but no CUDA device is available (Torch.Cuda.DeviceCount() = 0).");
        var device = Device.Parse(name);
        if (device == Device.Parse("cpu"))
            throw new InvalidOperationException("STATICNET_GPU_TEST_DEVICE=cpu compares the CPU with itself; name cuda, cuda:N or ilgpu-cpu.");
        return device;
    }

    /// <summary>Sizes that miss every tile and vector width: 1, 7, 33.</summary>
    public static readonly int[] OddSizes = [1, 7, 33];

    public static Tensor Random(DType dtype, params long[] shape) =>
        Torch.Randn(shape, dtype: dtype, generator: new Generator((ulong)shape.Sum() + 17));

    /// <summary>f on CPU inputs against f on the same inputs moved to the GPU device (the result copied back).</summary>
    public static void Check(Func<Tensor[], Tensor> f, double tolerance, params Tensor[] inputs)
    {
        var expected = f(inputs);
        var actual = f([.. inputs.Select(t => t.To(UnderTest))]);
        Assert.Equal(UnderTest, actual.Device);
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
