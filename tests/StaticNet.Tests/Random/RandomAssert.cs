namespace StaticNet.Tests.RandomGeneration;

/// <summary>Tests that seed <see cref="Generator.Default"/> run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RandomCollection
{
    public const string Name = "Generator.Default";
}

internal static class RandomAssert
{
    public static void Exact(float[] expected, Tensor actual)
    {
        Assert.Equal(DType.Float32, actual.DType);
        Assert.Equal(expected, actual.ToArray<float>());
    }

    public static void Exact(double[] expected, Tensor actual)
    {
        Assert.Equal(DType.Float64, actual.DType);
        Assert.Equal(expected, actual.ToArray<double>());
    }

    // Float64 through the platform's log/sin/cos: equal to PyTorch on the same C library, within 1e-15 relative elsewhere.
    public static void Close(double[] expected, Tensor actual)
    {
        Assert.Equal(DType.Float64, actual.DType);
        Close(expected, actual.ToArray<double>());
    }

    public static void Close(double[] expected, double[] values)
    {
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(values[i] - expected[i]) <= 1e-15 * Math.Abs(expected[i]), $"element {i}: expected {expected[i]:R}, got {values[i]:R}");
    }

    // A position-weighted sum of the bit patterns, mod 2^64: equal only if every element is bit-identical.
    // PyTorch side: (x.view(int32).numpy().astype(int64).view(uint64) * arange(1, n + 1)).sum() with wrap-around.
    public static ulong Hash(float[] values)
    {
        ulong h = 0;
        for (int i = 0; i < values.Length; i++) h += (ulong)(long)BitConverter.SingleToInt32Bits(values[i]) * (ulong)(i + 1);
        return h;
    }

    public static ulong Hash(double[] values)
    {
        ulong h = 0;
        for (int i = 0; i < values.Length; i++) h += (ulong)BitConverter.DoubleToInt64Bits(values[i]) * (ulong)(i + 1);
        return h;
    }
}
