namespace StaticNet.Tests.LinearAlgebra;

/// <summary>Dot, Mm, Mv, Outer, Bmm and Addmm: values from PyTorch 1.13 and its error messages.</summary>
public class MatrixProductTests
{
    [Fact]
    public void SeedDotOfDoubleVectors()
    {
        var x = Torch.Tensor(new[] { 1.0, 2, 3 }, DType.Float64);
        var y = Torch.Tensor(new[] { 4.0, 5, 6 }, DType.Float64);
        var r = x.Dot(y);
        Assert.Equal(0, r.Dim);
        Assert.Equal(DType.Float64, r.DType);
        Assert.Equal(32.0, r.Item<double>());
        Assert.Equal(32.0, Torch.Dot(x, y).Item<double>());
    }

    [Fact]
    public void DotOfStridedAndIntegerVectors()
    {
        var x = Torch.Arange(10).Narrow(0, 1, 9).Narrow(0, 0, 3); // [1, 2, 3]
        Assert.Equal(32L, x.Dot(Torch.Tensor(new long[] { 4, 5, 6 })).Item<long>());
        var u = Torch.Tensor(new byte[] { 1, 2, 3 });
        Assert.Equal((byte)88, u.Dot(Torch.Tensor(new byte[] { 100, 100, 100 })).Item<byte>()); // 600 mod 256
    }

    [Fact]
    public void DotRejectsMatricesNamingBothRanks()
    {
        var e = Assert.Throws<ArgumentException>(() => Torch.Ones(2, 3).Dot(Torch.Ones(2, 3)));
        Assert.Equal("1D tensors expected, but got 2D and 2D tensors", e.Message);
    }

    [Fact]
    public void DotRejectsDifferentLengths()
    {
        var e = Assert.Throws<ArgumentException>(() => Torch.Ones(3).Dot(Torch.Ones(4)));
        Assert.Equal("inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively", e.Message);
    }

    [Fact]
    public void DotRejectsMixedDtypesAndBool()
    {
        var e = Assert.Throws<ArgumentException>(() => Torch.Ones(3).Dot(Torch.Ones([3], DType.Float64)));
        Assert.Equal("dot : expected both vectors to have same dtype, but found Float and Double", e.Message);
        var b = Torch.Ones([2], DType.Bool);
        Assert.Equal("\"dot\" not implemented for 'Bool'", Assert.Throws<NotSupportedException>(() => b.Dot(b)).Message);
    }

    [Fact]
    public void MmMultipliesMatrices()
    {
        var a = Torch.Tensor(new[,] { { 1.0, 2 }, { 3, 4 } });
        var b = Torch.Tensor(new[,] { { 5.0, 6 }, { 7, 8 } });
        Assert.Equal(new float[] { 19, 22, 43, 50 }, a.Mm(b).ToArray<float>());
        Assert.Equal(new float[] { 19, 22, 43, 50 }, Torch.Mm(a, b).ToArray<float>());
    }

    [Fact]
    public void MmRejectsMismatchedShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Torch.Ones(2, 3).Mm(Torch.Ones(4, 5)));
        Assert.Equal("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)", e.Message);
    }

    [Fact]
    public void MmRejectsVectorsAndMixedDtypes()
    {
        Assert.StartsWith("mm: self must be a matrix", Assert.Throws<ArgumentException>(() => Torch.Ones(3).Mm(Torch.Ones(3, 2))).Message);
        Assert.StartsWith("mm: mat2 must be a matrix", Assert.Throws<ArgumentException>(() => Torch.Ones(2, 3).Mm(Torch.Ones(3))).Message);
        var e = Assert.Throws<ArgumentException>(() => Torch.Ones(2, 3).Mm(Torch.Ones([3, 2], DType.Float64)));
        Assert.Equal("mm: expected m1 and m2 to have the same dtype, but got: float != double", e.Message);
        var b = Torch.Ones([2, 2], DType.Bool);
        Assert.Equal("\"mm\" not implemented for 'Bool'", Assert.Throws<NotSupportedException>(() => b.Mm(b)).Message);
    }

    [Fact]
    public void MvMultipliesMatrixByVector()
    {
        var r = Torch.Arange(0.0, 6.0).View(2, 3).Mv(Torch.Tensor(new[] { 1.0, 2, 3 }));
        Assert.Equal(new long[] { 2 }, r.Shape.ToArray());
        Assert.Equal(new float[] { 8, 26 }, r.ToArray<float>());
        var t = Torch.Arange(0.0, 6.0).View(3, 2).T.Mv(Torch.Tensor(new[] { 1.0, 2, 3 })); // transposed matrix
        Assert.Equal(new float[] { 16, 22 }, t.ToArray<float>());
    }

    [Fact]
    public void MvRejectsBadShapes()
    {
        Assert.StartsWith("vector + matrix @ vector expected, got 2D and 2D tensors",
            Assert.Throws<ArgumentException>(() => Torch.Ones(2, 3).Mv(Torch.Ones(3, 1))).Message);
        Assert.Equal("size mismatch, got input (2x3) and vec (4)",
            Assert.Throws<ArgumentException>(() => Torch.Ones(2, 3).Mv(Torch.Ones(4))).Message);
    }

    [Fact]
    public void OuterPromotesDtypes()
    {
        var r = Torch.Tensor(new long[] { 1, 2 }).Outer(Torch.Tensor(new[] { 1.5, 2.0 }));
        Assert.Equal(DType.Float32, r.DType);
        Assert.Equal(new float[] { 1.5f, 2, 3, 4 }, r.ToArray<float>());
        Assert.StartsWith("outer: Expected 1-D argument self, but got 2-D",
            Assert.Throws<ArgumentException>(() => Torch.Outer(Torch.Ones(2, 2), Torch.Ones(3))).Message);
    }

    [Fact]
    public void BmmMultipliesEachBatch()
    {
        var r = Torch.Bmm(Torch.Arange(0.0, 12.0).View(2, 2, 3), Torch.Arange(0.0, 18.0).View(2, 3, 3));
        Assert.Equal(new long[] { 2, 2, 3 }, r.Shape.ToArray());
        Assert.Equal(new float[] { 15, 18, 21, 42, 54, 66, 258, 279, 300, 366, 396, 426 }, r.ToArray<float>());
    }

    [Fact]
    public void BmmRejectsBadShapes()
    {
        Assert.StartsWith("batch1 must be a 3D tensor", Assert.Throws<ArgumentException>(() => Torch.Ones(2, 3).Bmm(Torch.Ones(2, 3, 4))).Message);
        Assert.StartsWith("batch2 must be a 3D tensor", Assert.Throws<ArgumentException>(() => Torch.Ones(2, 2, 3).Bmm(Torch.Ones(3, 4))).Message);
        Assert.Equal("Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [3, 3].",
            Assert.Throws<ArgumentException>(() => Torch.Ones(2, 2, 3).Bmm(Torch.Ones(3, 3, 4))).Message);
    }

    [Fact]
    public void ManySmallBatchesMatchHandValues()
    {
        // 64 batches of ones(5, 7) @ (b · ones(7, 3)): every element is 7b (runs one batch per task).
        var scale = Torch.Arange(0.0, 64.0, dtype: DType.Float64).View(64, 1, 1);
        var r = Torch.Ones([64, 5, 7], DType.Float64).Bmm(Torch.Ones([64, 7, 3], DType.Float64) * scale);
        var v = r.ToArray<double>();
        for (int b = 0; b < 64; b++) Assert.Equal(7.0 * b, v[b * 15 + 14]);
    }

    [Fact]
    public void AddmmScalesBiasAndProduct()
    {
        var r = Torch.Addmm(Torch.Tensor(new[] { 1.0, 2 }), Torch.Tensor(new[,] { { 1.0, 2 }, { 3, 4 } }),
            Torch.Tensor(new[,] { { 5.0, 6 }, { 7, 8 } }), beta: 0.5, alpha: 2);
        Assert.Equal(new float[] { 38.5f, 45, 86.5f, 101 }, r.ToArray<float>());
    }

    [Fact]
    public void AddmmWithBetaZeroIgnoresNaNBias()
    {
        var r = Torch.Full([2, 2], double.NaN).Addmm(Torch.Ones(2, 3), Torch.Ones(3, 2), beta: 0);
        Assert.Equal(new float[] { 3, 3, 3, 3 }, r.ToArray<float>());
    }

    [Fact]
    public void AddmmRejectsBadBiasAndDtypes()
    {
        var e = Assert.Throws<ArgumentException>(() => Torch.Addmm(Torch.Ones(3, 5), Torch.Ones(2, 3), Torch.Ones(3, 5)));
        Assert.Contains("Target sizes: [2, 5]. Tensor sizes: [3, 5]", e.Message);
        var d = Assert.Throws<ArgumentException>(() => Torch.Addmm(Torch.Ones([2, 5], DType.Float64), Torch.Ones(2, 3), Torch.Ones(3, 5)));
        Assert.Equal("addmm: expected self and mat1 to have the same dtype, but got: double != float", d.Message);
    }

    [Fact]
    public void LinearWithBiasMatchesPyTorchWhenTheProductAddsTheBias()
    {
        // F.linear(x, w, b) in float64 (x = arange(12).view(3, 4) / 4 - 1, w = arange(20).view(5, 4) / 7 - 1.5): the
        // bias is added by the GEMM's epilogue; addmm with alpha = 2 and a k = 0 product too.
        var x = (Torch.Arange(0.0, 12.0, dtype: DType.Float64).View(3, 4) / 4) - 1;
        var w = (Torch.Arange(0.0, 20.0, dtype: DType.Float64).View(5, 4) / 7) - 1.5;
        var b = Torch.Tensor(new[] { 0.5, -1, 2, 0.25, -3 }, DType.Float64);
        double[] linear =
        [
            3.892857142857143, 0.9642857142857142, 2.5357142857142856, -0.6428571428571428, -5.321428571428571,
            -1.25, -1.8928571428571428, 1.9642857142857144, 1.0714285714285714, -1.3214285714285712,
            -6.392857142857143, -4.75, 1.3928571428571428, 2.7857142857142856, 2.678571428571429,
        ];
        double[] addmm =
        [
            7.285714285714286, 2.9285714285714284, 3.071428571428571, -1.5357142857142856, -7.642857142857142,
            -3.0, -2.7857142857142856, 1.9285714285714286, 1.8928571428571428, 0.35714285714285765,
            -13.285714285714286, -8.5, 0.7857142857142856, 5.321428571428571, 8.357142857142858,
        ];
        Assert.Equal(linear, F.Linear(x, w, b).ToArray<double>(), new DoubleTolerance(1e-12));
        Assert.Equal(addmm, Torch.Addmm(b, x, w.T, alpha: 2).ToArray<double>(), new DoubleTolerance(1e-12));
        var empty = F.Linear(x.Slice(1, 0, 0), w.Slice(1, 0, 0), b).ToArray<double>();
        for (int i = 0; i < 15; i++) Assert.Equal(b.ToArray<double>()[i % 5], empty[i]);
    }

    [Fact]
    public void LinearWithBiasOverWholeTilesMatchesPyTorch()
    {
        // x = arange(2800).view(70, 40) % 7 - 3, w = arange(2000).view(50, 40) % 5 - 2, b = arange(50) - 25 (float32,
        // exact in integers): 70 rows = 5 full 12-row tiles and a 10-row edge; 50 columns a full tile and an edge.
        var xs = new float[70, 40];
        var ws = new float[50, 40];
        for (int i = 0; i < 70 * 40; i++) xs[i / 40, i % 40] = i % 7 - 3;
        for (int i = 0; i < 50 * 40; i++) ws[i / 40, i % 40] = i % 5 - 2;
        var b = Torch.Arange(0.0, 50.0) - 25;
        var y = F.Linear(Torch.Tensor(xs), Torch.Tensor(ws), b);
        var v = y.ToArray<float>();
        Assert.Equal(new float[] { -15, -14, -13, -12, -11 }, v[..5]);
        Assert.Equal(new float[] { 30, 31, 32, 33, 34 }, v[^5..]);
        Assert.Equal(-1750f, y.Sum().Item<float>());
        Assert.Equal(23870f, y.Relu().Sum().Item<float>());
    }

    private sealed class DoubleTolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;

        public int GetHashCode(double value) => 0;
    }
}
