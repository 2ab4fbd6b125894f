namespace StaticNet.Tests.IO;

/// <summary>The state dict tests/data/make_io_data.py saves as pytorch113_plain.pth, built the same way in StaticNet.</summary>
internal static class SampleTensors
{
    public static StateDict Plain()
    {
        var @base = Torch.Arange(12, dtype: DType.Float64).Reshape(3, 4);
        return new StateDict
        {
            ["f32"] = Torch.Arange(6, dtype: DType.Float32).Reshape(2, 3),
            ["f64_t"] = @base.T,
            ["f64_row"] = @base.Select(0, 1),
            ["i64"] = Torch.Tensor(new long[] { -1, 1L << 40 }),
            ["i32"] = Torch.Tensor(new int[,] { { 7 }, { -8 } }, DType.Int32),
            ["u8"] = Torch.Tensor(new byte[] { 0, 255 }, DType.UInt8),
            ["bool"] = Torch.Tensor(new[] { true, false, true }),
            ["scalar"] = Torch.Tensor(3.5),
            ["empty"] = Torch.Zeros([0, 3]),
        };
    }

    /// <summary>Checks dtype, shape and every element (exact: all values are representable).</summary>
    public static void AssertEqual(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        Assert.Equal(expected.To(DType.Float64).ToArray<double>(), actual.To(DType.Float64).ToArray<double>());
    }

    public static void AssertEqual(StateDict expected, StateDict actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (k, t) in expected) AssertEqual(t, actual[k]);
    }
}
