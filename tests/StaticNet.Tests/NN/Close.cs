namespace StaticNet.Tests.NN;

/// <summary>Element-wise comparison with an absolute tolerance, reporting the first differing index.</summary>
internal static class Close
{
    public static void Equal(double[] expected, Tensor actual, double tolerance)
    {
        var values = actual.To(DType.Float64).Contiguous().ToArray<double>();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - values[i]) <= tolerance || expected[i].Equals(values[i]),
                $"element {i}: expected {expected[i]:R}, got {values[i]:R}");
    }
}
