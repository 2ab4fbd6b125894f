namespace StaticNet.Tests.Tensors;

[Collection(StaticNet.Tests.RandomGeneration.RandomCollection.Name)] // seeds the default generator
public class CreationTests
{
    [Fact]
    public void ZerosOnesFullAndEmptyHaveShapeAndDtype()
    {
        Assert.Equal(new Size(2, 3), Torch.Empty(2, 3).Shape);
        Assert.Equal(DType.Float32, Torch.Zeros(2, 3).DType);
        var z = Torch.Zeros([2, 3], DType.Int64);
        Assert.Equal(DType.Int64, z.DType);
        Assert.All(z.ToArray<long>(), v => Assert.Equal(0, v));
        Assert.All(Torch.Ones(3, 4).ToArray<float>(), v => Assert.Equal(1f, v));
        var f = Torch.Full([2, 2], 7.0);
        Assert.Equal(DType.Float32, f.DType);
        Assert.All(f.ToArray<float>(), v => Assert.Equal(7f, v));
        Assert.Equal(DType.Int64, Torch.Full([2], 7L).DType);
        Assert.Equal(DType.Bool, Torch.Full([2], true).DType);
        Assert.Equal(DType.Float64, Torch.Zeros([2, 3], dtype: DType.Float64).DType);
    }

    [Fact]
    public void NegativeDimensionIsRejectedWithTheShape()
    {
        var e = Assert.Throws<ArgumentException>(() => Torch.Zeros(2, -1));
        Assert.Contains("negative dimension -1", e.Message);
        Assert.Contains("[2, -1]", e.Message);
    }

    [Fact]
    public void ArangeMatchesPyTorch()
    {
        Assert.Equal(new long[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, Torch.Arange(10).ToArray<long>());
        Assert.Equal(new long[] { 1, 2, 3 }, Torch.Arange(1, 4).ToArray<long>());
        Assert.Equal(new long[] { 10, 7, 4, 1 }, Torch.Arange(10, 0, -3).ToArray<long>());
        Assert.Equal(DType.Int64, Torch.Arange(3).DType);
        var f = Torch.Arange(0.0, 1.0, 0.25);
        Assert.Equal(DType.Float32, f.DType);
        Assert.Equal(new[] { 0f, 0.25f, 0.5f, 0.75f }, f.ToArray<float>());
        // torch.arange(0, 1, 0.1) has 10 elements.
        Assert.Equal(10, Torch.Arange(0.0, 1.0, 0.1).Numel);
        Assert.Equal(0, Torch.Arange(0).Numel);
    }

    [Fact]
    public void LinspaceIncludesBothEnds()
    {
        Assert.Equal(new[] { 0f, 0.25f, 0.5f, 0.75f, 1f }, Torch.Linspace(0, 1, 5).ToArray<float>());
        // torch.linspace(-1, 1, 4, dtype=torch.float64)
        Assert.Equal(new[] { -1.0, -1.0 / 3, 1.0 / 3, 1.0 }, Torch.Linspace(-1, 1, 4, DType.Float64).ToArray<double>(), new DoubleTolerance(1e-15));
        Assert.Equal(new[] { 3f }, Torch.Linspace(3, 7, 1).ToArray<float>());
    }

    [Fact]
    public void EyeHasOnesOnTheDiagonal()
    {
        Assert.Equal(new[] { 1f, 0, 0, 0, 1, 0, 0, 0, 1 }, Torch.Eye(3).ToArray<float>());
        Assert.Equal(new long[] { 1, 0, 0, 0, 1, 0 }, Torch.Eye(2, 3, DType.Int64).ToArray<long>());
    }

    [Fact]
    public void RandomCreationRespectsRangesAndSeed()
    {
        Torch.ManualSeed(42);
        var a = Torch.Rand(1000);
        Assert.All(a.ToArray<float>(), v => Assert.InRange(v, 0f, 0.99999994f));
        Torch.ManualSeed(42);
        Assert.Equal(a.ToArray<float>(), Torch.Rand(1000).ToArray<float>());
        var n = Torch.Randn([20000], DType.Float64).ToArray<double>();
        double mean = n.Average(), var = n.Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(var, 0.95, 1.05);
        var r = Torch.RandInt(0, 10, [3, 4]);
        Assert.Equal(DType.Int64, r.DType);
        Assert.Equal(new Size(3, 4), r.Shape);
        Assert.All(r.ToArray<long>(), v => Assert.InRange(v, 0, 9));
        Assert.Throws<ArgumentException>(() => Torch.Rand([2], DType.Int64));
    }

    [Fact]
    public void LikeAndNewFactoriesKeepShapeAndTakeDtype()
    {
        var x = Torch.Zeros([5, 3], DType.Int64);
        var o = x.NewOnes([5, 3], DType.Float64);
        Assert.Equal(DType.Float64, o.DType);
        Assert.All(o.ToArray<double>(), v => Assert.Equal(1.0, v));
        var y = Torch.RandnLike(o, DType.Float32);
        Assert.Equal(new Size(5, 3), y.Shape);
        Assert.Equal(DType.Float32, y.DType);
        Assert.Equal(DType.Int64, Torch.ZerosLike(x).DType);
        Assert.Equal(DType.Int64, x.NewZeros(2).DType);
        Assert.Equal(new Size(2, 2), Torch.OnesLike(Torch.Eye(2)).Shape);
        Assert.All(Torch.FullLike(Torch.Eye(2), 3.5).ToArray<float>(), v => Assert.Equal(3.5f, v));
    }

    [Fact]
    public void TensorLiteralsFollowPyTorchsDtypeRules()
    {
        Assert.Equal(DType.Float32, Torch.Tensor(new[] { 1.0, 2.0 }).DType);
        Assert.Equal(DType.Float32, Torch.Tensor(new[] { 1f, 2f }).DType);
        Assert.Equal(DType.Int64, Torch.Tensor(new[] { 1, 2 }).DType);
        Assert.Equal(DType.Int64, Torch.Tensor(new[] { 1L, 2L }).DType);
        Assert.Equal(DType.Bool, Torch.Tensor(new[] { true }).DType);
        Assert.Equal(DType.UInt8, Torch.Tensor(new byte[] { 1 }).DType);
        Assert.Equal(DType.Float64, Torch.Tensor(new[] { 1, 2 }, DType.Float64).DType);
        // seed 003: torch.tensor([False, 1, 2.0]) is tensor([0., 1., 2.])
        var mixed = Torch.Tensor(new object[] { false, 1, 2.0 });
        Assert.Equal(DType.Float32, mixed.DType);
        Assert.Equal(new[] { 0f, 1f, 2f }, mixed.ToArray<float>());
        Assert.Equal(DType.Float32, Torch.Tensor(Array.Empty<double>()).DType);
        Assert.Equal(0, Torch.Tensor(7L).Dim);
        Assert.Equal(DType.Float32, Torch.Tensor(2.5).DType);
    }

    [Fact]
    public void TensorFromArraysOfAnyRank()
    {
        var m = Torch.Tensor(new[,] { { 1.0, 3.8, 2.1 }, { 8.6, 4.0, 2.4 } });
        Assert.Equal(new Size(2, 3), m.Shape);
        Assert.Equal(new[] { 1f, 3.8f, 2.1f, 8.6f, 4f, 2.4f }, m.ToArray<float>());
        var c = Torch.Tensor(new long[,,] { { { 1, 2 }, { 3, 4 } }, { { 5, 6 }, { 7, 8 } } });
        Assert.Equal(new Size(2, 2, 2), c.Shape);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i).ToArray(), c.ToArray<long>());
        var jagged = Torch.Tensor(new[] { new[] { 1, 2 }, new[] { 3, 4 }, new[] { 5, 6 } });
        Assert.Equal(new Size(3, 2), jagged.Shape);
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, jagged.ToArray<long>());
        // Copy, not share: changing the source leaves the tensor alone.
        var src = new[] { 1f, 2f };
        var t = Torch.Tensor(src);
        src[0] = 9;
        Assert.Equal(1f, t.ToArray<float>()[0]);
    }

    [Fact]
    public void RaggedDataIsRejectedWithTheDimension()
    {
        var e = Assert.Throws<ArgumentException>(() => Torch.Tensor(new[] { new[] { 1, 2, 3 }, new[] { 4, 5 } }));
        Assert.Contains("expected sequence of length 3 at dim 1 (got 2)", e.Message);
    }

    [Fact]
    public void FromArraySharesMemoryBothWaysAsFromNumpy()
    {
        // seed 002: a = np.ones(5); b = torch.from_numpy(a); np.add(a, 1, out=a) → b is [2., 2., ...] float64
        var a = new double[] { 1, 1, 1, 1, 1 };
        var b = Torch.FromArray(a);
        Assert.Equal(DType.Float64, b.DType);
        for (int i = 0; i < a.Length; i++) a[i] += 1;
        Assert.All(b.ToArray<double>(), v => Assert.Equal(2.0, v));
        // ...and t.add_(1) changes the array (a.numpy() sharing).
        b.Add_(Torch.Tensor(1L));
        Assert.All(a, v => Assert.Equal(3.0, v));
        Assert.Equal(DType.Int32, Torch.FromArray(new[] { 1, 2, 3 }).DType);
        var m = new float[2, 3];
        var tm = Torch.FromArray(m);
        Assert.Equal(new Size(2, 3), tm.Shape);
        tm.Select(1, 2).Fill_(5.0);
        Assert.Equal(5f, m[1, 2]);
        Assert.Throws<ArgumentException>(() => Torch.FromArray(new[] { new[] { 1 } }));
    }

    [Fact]
    public void AsSpanSharesAndToArrayCopies()
    {
        var t = Torch.Ones(5);
        var span = t.AsSpan<float>();
        span[0] = 4;
        Assert.Equal(4f, t.ToArray<float>()[0]);
        var copy = t.ToArray<float>();
        copy[1] = 9;
        Assert.Equal(1f, t.ToArray<float>()[1]);
        Assert.Throws<InvalidOperationException>(() => t.AsSpan<double>());
        Assert.Throws<InvalidOperationException>(() => Torch.Ones(2, 3).T.AsSpan<float>());
    }

    [Fact]
    public void ItemReadsOneElementAndNamesTheShapeOtherwise()
    {
        Assert.Equal(7L, Torch.Arange(12).View(3, 4).Select(0, 1).Select(0, 3).Item<long>());
        Assert.Equal(0.5f, Torch.Tensor(new[] { 0.5 }).Item<float>());
        var e = Assert.Throws<InvalidOperationException>(() => Torch.Ones(2, 3).Item<float>());
        Assert.Contains("a Tensor with 6 elements cannot be converted to Scalar", e.Message);
        Assert.Contains("[2, 3]", e.Message);
    }

    [Fact]
    public void ConversionsTruncateAndMapToBool()
    {
        var x = Torch.Tensor(new[] { -1.7, 0.0, 2.9 });
        Assert.Equal(new long[] { -1, 0, 2 }, x.Long().ToArray<long>());
        Assert.Equal(new[] { true, false, true }, x.Bool().ToArray<bool>());
        Assert.Equal(DType.Float64, x.Double().DType);
        Assert.Equal(DType.Float32, Torch.Arange(3).Float().DType);
        Assert.Equal(new[] { 0f, 1f, 2f }, Torch.Arange(3).To(DType.Float32).ToArray<float>());
        Assert.Equal(new[] { 1, 0 }, Torch.Tensor(new[] { 1.5, 0.2 }).Int().ToArray<int>());
        Assert.Equal(new[] { 1.0, 0.0 }, Torch.Tensor(new[] { true, false }).Double().ToArray<double>());
        Assert.Same(x, x.To(DType.Float32));
    }

    [Fact]
    public void RequiresGradOnlyForFloatingTensors()
    {
        var x = Torch.Tensor(new[] { 2.0 }, requiresGrad: true);
        Assert.True(x.RequiresGrad);
        Assert.Null(x.Grad);
        var e = Assert.Throws<InvalidOperationException>(() => Torch.Arange(3).RequiresGrad_());
        Assert.Contains("only Tensors of floating point dtype can require gradients", e.Message);
    }

    private sealed class DoubleTolerance(double tol) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tol;
        public int GetHashCode(double d) => 0;
    }
}
