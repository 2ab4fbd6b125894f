namespace StaticNet.Tests.LinearAlgebra;

/// <summary>Matmul's dimension rules (PyTorch's torch.matmul), with values printed by PyTorch 1.13.</summary>
public class MatmulShapeTests
{
    private static Tensor Range(double count, params long[] shape) =>
        Torch.Arange(0.0, count, dtype: DType.Float32).View(shape);

    [Fact]
    public void SeedMatmulOfLongMatrixAndColumnGivesColumn()
    {
        var x = Torch.Tensor(new long[,] { { 1, 2, 3, 4 }, { 5, 6, 7, 8 } });
        var y = Torch.Tensor(new long[] { 2, 3, 1, 0 }).View(4, 1);
        var r = x.Matmul(y);
        Assert.Equal(new long[] { 2, 1 }, r.Shape.ToArray());
        Assert.Equal(DType.Int64, r.DType);
        Assert.Equal(new long[] { 11, 35 }, r.ToArray<long>()); // 1·2+2·3+3·1 and 5·2+6·3+7·1
    }

    [Fact]
    public void BatchDimensionsBroadcast()
    {
        var r = Range(24, 2, 1, 3, 4).Matmul(Range(40, 5, 4, 2));
        Assert.Equal(new long[] { 2, 5, 3, 2 }, r.Shape.ToArray());
        var values = r.ToArray<float>();
        Assert.Equal(54420.0, values.Sum(v => (double)v));
        Assert.Equal(2317200.0, values.Select((v, i) => (double)v * i).Sum());
        Assert.Equal(new float[] { 2332, 2418 }, r.Select(0, 1).Select(0, 3).Select(0, 2).ToArray<float>());
    }

    [Fact]
    public void VectorTimesBatchedMatrixDropsRowDimension()
    {
        var r = Torch.Matmul(Range(3, 3), Range(12, 2, 3, 2));
        Assert.Equal(new long[] { 2, 2 }, r.Shape.ToArray());
        Assert.Equal(new float[] { 10, 13, 28, 31 }, r.ToArray<float>());
    }

    [Fact]
    public void BatchedMatrixTimesVectorDropsColumnDimension()
    {
        var r = Range(12, 2, 2, 3).Matmul(Range(3, 3));
        Assert.Equal(new long[] { 2, 2 }, r.Shape.ToArray());
        Assert.Equal(new float[] { 5, 14, 23, 32 }, r.ToArray<float>());
    }

    [Fact]
    public void VectorTimesMatrixIsVector()
    {
        var r = Range(3, 3).Matmul(Range(6, 3, 2));
        Assert.Equal(new long[] { 2 }, r.Shape.ToArray());
        Assert.Equal(new float[] { 10, 13 }, r.ToArray<float>());
    }

    [Fact]
    public void VectorDotVectorIsZeroDim()
    {
        var r = Range(3, 3).Matmul(Range(3, 3));
        Assert.Equal(0, r.Dim);
        Assert.Equal(5f, r.Item<float>());
    }

    [Fact]
    public void TransposedAndSlicedViewsNeedNoCopy()
    {
        var t = Torch.Arange(6).View(2, 3);
        Assert.Equal(new long[] { 9, 12, 15, 12, 17, 22, 15, 22, 29 }, t.T.Matmul(t).ToArray<long>());
        var x = Range(10, 2, 5).Narrow(1, 1, 3);
        Assert.Equal(new float[] { 14, 44, 44, 149 }, x.Matmul(x.T).ToArray<float>());
        var d = Range(10, 2, 5).Double().Narrow(1, 1, 3);
        Assert.Equal(new double[] { 14, 44, 44, 149 }, d.Matmul(d.T).ToArray<double>());
    }

    [Fact]
    public void FoldedBatchTimesMatrixMatchesPerBatchValues()
    {
        // [2, 2, 3] @ [3, 2] runs as one [4, 3] @ [3, 2] product; the values are the per-batch ones.
        var r = Range(12, 2, 2, 3).Matmul(Range(6, 3, 2));
        Assert.Equal(new long[] { 2, 2, 2 }, r.Shape.ToArray());
        // row [a, b, c] @ [[0,1],[2,3],[4,5]] = [2b + 4c, a + 3b + 5c]
        Assert.Equal(new float[] { 10, 13, 28, 40, 46, 67, 64, 94 }, r.ToArray<float>());
    }

    [Fact]
    public void EmptyInnerDimensionGivesZeros()
    {
        var r = Torch.Matmul(Torch.Ones(2, 3, 0), Torch.Ones(0, 4));
        Assert.Equal(new long[] { 2, 3, 4 }, r.Shape.ToArray());
        Assert.All(r.ToArray<float>(), v => Assert.Equal(0f, v));
        var e = Torch.Zeros(2, 0).Mm(Torch.Zeros(0, 3));
        Assert.Equal(new float[6], e.ToArray<float>());
    }

    [Fact]
    public void LargeMatmulMatchesRowSums()
    {
        // ones(300, 200) @ B: every row of the result is the column sums of B.
        var b = Torch.Arange(0.0, 200 * 150, dtype: DType.Float64).View(200, 150);
        var r = Torch.Ones([300, 200], DType.Float64).Matmul(b);
        var v = r.ToArray<double>();
        for (int j = 0; j < 150; j++)
        {
            double want = 200 * j + 150.0 * 200 * 199 / 2; // sum over i of (150 i + j)
            Assert.Equal(want, v[j]);
            Assert.Equal(want, v[299 * 150 + j]);
        }
    }

    [Fact]
    public void ZeroDimOperandIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Torch.Tensor(1.0).Matmul(Torch.Ones(3)));
        Assert.Equal("both arguments to matmul need to be at least 1D, but they are 0D and 1D", e.Message);
    }

    [Fact]
    public void BatchedInnerMismatchNamesMatrixShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Torch.Ones(2, 2, 3).Matmul(Torch.Ones(2, 4, 5)));
        Assert.StartsWith("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)", e.Message);
        Assert.Contains("[2, 2, 3] and [2, 4, 5]", e.Message);
    }

    [Fact]
    public void UnbroadcastableBatchDimensionsAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Torch.Ones(2, 2, 3).Matmul(Torch.Ones(3, 3, 5)));
        Assert.Contains("[2] and [3]", e.Message);
    }

    [Fact]
    public void MixedDtypesAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Torch.Ones(2, 2, 3).Matmul(Torch.Ones([2, 3, 5], DType.Float64)));
        Assert.Equal("matmul: expected m1 and m2 to have the same dtype, but got: float != double", e.Message);
    }
}
