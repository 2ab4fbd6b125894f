namespace StaticNet.Tests.Tensors;

// Expected values are PyTorch 1.13's output for the same calls (or hand-derived where noted).
public class ReductionTests
{
    private static Tensor Seed000() => Torch.Tensor(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
    private static Tensor Doubles(double[,] data) => Torch.Tensor(data, DType.Float64);

    [Fact]
    public void SeedMeanValuesMatchPyTorch()
    {
        var x = Seed000().Double();
        Assert.Equal(3.5, x.Mean().Item<double>());
        Assert.Equal(0, x.Mean().Dim);
        Assert.Equal(new[] { 2.5, 3.5, 4.5 }, x.Mean(dim: 0).ToArray<double>());
        Assert.Equal(new[] { 2.0, 5.0 }, x.Mean(dim: 1).ToArray<double>());
        Assert.Equal(new long[] { 1, 3 }, x.Mean(dim: 0, keepDim: true).Shape.ToArray());
        Assert.Equal(new long[] { 2, 1 }, x.Mean(dim: 1, keepDim: true).Shape.ToArray());
        Assert.Equal(DType.Float64, x.Mean(1).DType);
        Assert.Equal(new[] { 2.0, 5.0 }, Torch.Mean(x, 1).ToArray<double>());
    }

    [Fact]
    public void SeedMaxOfArangeMatchesPyTorch()
    {
        var x = Torch.Arange(25).Reshape(5, 5);
        var max = x.Max();
        Assert.Equal(24L, max.Item<long>());
        Assert.Equal(DType.Int64, max.DType);
        Assert.Equal(0, max.Dim);
        var (values, indices) = x.Max(dim: 0);
        Assert.Equal(new long[] { 20, 21, 22, 23, 24 }, values.ToArray<long>());
        Assert.Equal(new long[] { 4, 4, 4, 4, 4 }, indices.ToArray<long>());
        Assert.Equal(DType.Int64, indices.DType);
        var (v1, i1) = Torch.Max(x, 1, keepDim: true);
        Assert.Equal(new long[] { 5, 1 }, v1.Shape.ToArray());
        Assert.Equal(new long[] { 4, 9, 14, 19, 24 }, v1.ToArray<long>());
        Assert.Equal(new long[] { 4, 4, 4, 4, 4 }, i1.ToArray<long>());
    }

    [Fact]
    public void SumOfIntegerAndBoolTensorsIsInt64()
    {
        var ints = Torch.Tensor(new[] { 1, 2, 3 }, DType.Int32);
        Assert.Equal(DType.Int64, ints.Sum().DType);
        Assert.Equal(6L, ints.Sum().Item<long>());
        var bools = Torch.Tensor(new[] { true, false, true, true });
        Assert.Equal(DType.Int64, bools.Sum().DType);
        Assert.Equal(3L, bools.Sum().Item<long>());
        Assert.Equal(DType.Int64, bools.Prod().DType);
        Assert.Equal(DType.Float32, Torch.Ones(2, 2).Sum(0).DType);
    }

    [Fact]
    public void SumWithDTypeConvertsTheInputFirst()
    {
        // torch.tensor([1.5, 2.7]).sum(dtype=torch.int64) == 3 (1 + 2), not 4.
        Assert.Equal(3L, Torch.Tensor(new[] { 1.5, 2.7 }).Sum(DType.Int64).Item<long>());
        var sum = Torch.Arange(6).Reshape(2, 3).Sum(0, dtype: DType.Float32);
        Assert.Equal(DType.Float32, sum.DType);
        Assert.Equal(new[] { 3f, 5f, 7f }, sum.ToArray<float>());
        // A Bool-typed sum is "any": torch.tensor([True, True]).sum(dtype=torch.bool) is True.
        Assert.True(Torch.Tensor(new[] { true, true }).Sum(DType.Bool).ItemBool());
    }

    [Fact]
    public void SumOverSeveralAndNegativeDimsKeepsDims()
    {
        var a = Torch.Arange(24).Reshape(2, 3, 4);
        Assert.Equal(new long[] { 60, 92, 124 }, a.Sum([0, 2]).ToArray<long>());
        Assert.Equal(new long[] { 1, 3, 1 }, a.Sum([0, -1], keepDim: true).Shape.ToArray());
        Assert.Equal(new long[] { 6, 22, 38, 54, 70, 86 }, a.Sum(-1).ToArray<long>());
        Assert.Equal(new long[] { 2, 3, 1 }, a.Sum(-1, keepDim: true).Shape.ToArray());
        Assert.Equal(new long[] { 12, 15, 18, 21, 48, 51, 54, 57 }, a.Sum(1).ToArray<long>());
        Assert.Equal(276L, a.Sum(Array.Empty<int>()).Item<long>()); // dim=[] reduces everything in 1.13
        Assert.Equal(new long[] { 60, 92, 124 }, Torch.Sum(a, [2, 0]).ToArray<long>());
    }

    [Fact]
    public void ReductionsOfTransposedAndPermutedInputsFollowLogicalOrder()
    {
        var y = Torch.Arange(0.0, 12.0).Reshape(3, 4).T; // [4, 3], strides [1, 4]
        Assert.False(y.IsContiguous);
        Assert.Equal(new[] { 6f, 22f, 38f }, y.Sum(0).ToArray<float>());
        Assert.Equal(new[] { 12f, 15f, 18f, 21f }, y.Sum(1).ToArray<float>());
        Assert.Equal(66f, y.Sum().Item<float>());
        Assert.Equal(new[] { 4f, 5f, 6f, 7f }, y.Mean(1).ToArray<float>());
        var (v, i) = y.Max(1);
        Assert.Equal(new[] { 8f, 9f, 10f, 11f }, v.ToArray<float>());
        Assert.Equal(new long[] { 2, 2, 2, 2 }, i.ToArray<long>());
        Assert.Equal(new long[] { 0, 0, 0 }, y.Argmin(0).ToArray<long>());

        var p = Torch.Arange(24).Reshape(2, 3, 4).Permute(2, 0, 1); // [4, 2, 3], strides [1, 12, 4]
        Assert.Equal(new long[] { 12, 20, 28, 14, 22, 30, 16, 24, 32, 18, 26, 34 }, p.Sum(1).ToArray<long>());
        Assert.Equal(new[] { 6f, 10, 14, 7, 11, 15, 8, 12, 16, 9, 13, 17 }, p.Float().Mean(1).ToArray<float>());
        var (pv, pi) = p.Max(1);
        Assert.Equal(new long[] { 12, 16, 20, 13, 17, 21, 14, 18, 22, 15, 19, 23 }, pv.ToArray<long>());
        Assert.All(pi.ToArray<long>(), idx => Assert.Equal(1L, idx));
    }

    [Fact]
    public void ProdMatchesPyTorch()
    {
        var x = Torch.Tensor(new double[,] { { 1, 2, 4 }, { 3, 5, 9 } });
        Assert.Equal(new[] { 8f, 135f }, x.Prod(1).ToArray<float>());
        Assert.Equal(120L, Torch.Arange(1, 6).Prod().Item<long>());
        Assert.Equal(new[] { 3f, 10f, 36f }, Torch.Prod(x, 0).ToArray<float>());
        Assert.Equal(1f, Torch.Zeros(0).Prod().Item<float>());
    }

    [Fact]
    public void VarianceAndStandardDeviationMatchPyTorch()
    {
        var x = Doubles(new double[,] { { 1, 2, 4 }, { 3, 5, 9 } });
        AssertClose(new[] { 2.333333333333333, 9.333333333333332 }, x.Var(1).ToArray<double>());
        AssertClose(new[] { 2.333333333333333, 9.333333333333332 }, x.T.Var(0).ToArray<double>());
        AssertClose(new[] { 1.0, 1.5, 2.5 }, x.Std(0, correction: 0).ToArray<double>());
        Assert.Equal(8.0, x.Var().Item<double>(), 12);
        Assert.Equal(2.581988897471611, x.Std(unbiased: false).Item<double>(), 12);
        var kept = x.Std(1, keepDim: true);
        Assert.Equal(new long[] { 2, 1 }, kept.Shape.ToArray());
        AssertClose(new[] { 1.5275252316519465, 3.055050463303893 }, kept.ToArray<double>());
        Assert.Equal(6.666666666666667, x.Var([0, 1], correction: 0).Item<double>(), 12);

        var z = Torch.Tensor(new double[,] { { 2, -1, 7, 0.5 }, { 3, 3, -2, 8 }, { 1, 9, 4, 4 } }); // float32
        AssertClose(new[] { 1.0, 25.33333396911621, 21.0, 14.083333015441895 }, z.Var(0).ToArray<float>().Select(f => (double)f).ToArray(), 1e-5);
        AssertClose(new[] { 3.4731109142303467, 4.082482814788818, 3.316624879837036 }, Torch.Std(z, 1).ToArray<float>().Select(f => (double)f).ToArray(), 1e-5);
        // One element with Bessel's correction: 0 / 0, NaN in PyTorch.
        Assert.True(double.IsNaN(Torch.Tensor(new[] { 5.0 }).Std().Item<double>()));
    }

    [Fact]
    public void MeanAndVarianceRejectIntegerInputsWithPyTorchsMessage()
    {
        var x = Torch.Arange(6).Reshape(2, 3);
        var e = Assert.Throws<ArgumentException>(() => x.Mean());
        Assert.Equal("mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long", e.Message);
        e = Assert.Throws<ArgumentException>(() => x.Mean(0, dtype: DType.Int32));
        Assert.Equal("mean(): could not infer output dtype. Optional dtype must be either a floating point or complex dtype. Got: Int", e.Message);
        Assert.Equal(2.5, x.Mean(DType.Float64).Item<double>());
        e = Assert.Throws<ArgumentException>(() => x.Var(0));
        Assert.StartsWith("std and var only support floating point and complex dtypes", e.Message);
    }

    [Fact]
    public void MaxAndMinPropagateNaNAndArgmaxPointsAtTheFirstNaN()
    {
        var v = Torch.Tensor(new[] { 1.0, double.NaN, 3.0, double.NaN });
        Assert.True(float.IsNaN(v.Max().Item<float>()));
        Assert.True(float.IsNaN(v.Min().Item<float>()));
        Assert.Equal(1L, v.Argmax().Item<long>());
        Assert.Equal(1L, v.Argmin().Item<long>());

        var m = Torch.Tensor(new[,] { { 1.0, double.NaN }, { 3.0, 2.0 } });
        var (values, indices) = m.Max(0);
        Assert.Equal(3f, values.ToArray<float>()[0]);
        Assert.True(float.IsNaN(values.ToArray<float>()[1]));
        Assert.Equal(new long[] { 1, 0 }, indices.ToArray<long>());
        var (minValues, minIndices) = m.Min(1);
        Assert.True(float.IsNaN(minValues.ToArray<float>()[0]));
        Assert.Equal(2f, minValues.ToArray<float>()[1]);
        Assert.Equal(new long[] { 1, 1 }, minIndices.ToArray<long>());
    }

    [Fact]
    public void TiesReturnTheFirstOccurrence()
    {
        Assert.Equal(0L, Torch.Tensor(new long[] { 3, 1, 3, 1 }).Argmax().Item<long>());
        Assert.Equal(1L, Torch.Tensor(new long[] { 3, 1, 3, 1 }).Argmin().Item<long>());
        var (_, i) = Torch.Tensor(new long[,] { { 3, 1 }, { 3, 1 } }).Max(0);
        Assert.Equal(new long[] { 0, 0 }, i.ToArray<long>());
        // Row-compare path (>= 4 columns) and strided path (transposed): every column ties.
        var wide = Torch.Full([3, 6], 5.0);
        Assert.All(wide.Argmax(0).ToArray<long>(), idx => Assert.Equal(0L, idx));
        Assert.All(wide.T.Argmin(1).ToArray<long>(), idx => Assert.Equal(0L, idx));
        // -0 and +0 are equal in PyTorch: torch.tensor([-0., 0.]).argmax() == 0.
        Assert.Equal(0L, Torch.Tensor(new[] { -0.0, 0.0 }).Argmax().Item<long>());
        Assert.Equal(0L, Torch.Tensor(new[] { 0.0, -0.0 }).Argmin().Item<long>());
    }

    [Fact]
    public void MaxAndMinKeepTheDType()
    {
        var ints = Torch.Tensor(new[] { 4, -2, 9 }, DType.Int32);
        Assert.Equal(DType.Int32, ints.Max().DType);
        Assert.Equal(9, ints.Max().Item<int>());
        Assert.Equal(-2, Torch.Min(ints).Item<int>());
        var bools = Torch.Tensor(new[] { true, false });
        Assert.Equal(DType.Bool, bools.Max().DType);
        Assert.True(bools.Max().ItemBool());
        Assert.False(bools.Min().ItemBool());
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance = 1e-12)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"[{i}]: expected {expected[i]}, got {actual[i]}");
    }
}
