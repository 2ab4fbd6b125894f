namespace StaticNet.Tests.Tensors;

[Collection(StaticNet.Tests.RandomGeneration.RandomCollection.Name)] // seeds the default generator
public class ElementwiseTests
{
    private static Tensor F64(params double[] v) => Torch.Tensor(v, DType.Float64);

    [Fact]
    public void SeedAutogradValuesComputeForward()
    {
        var x = Torch.Tensor(new[] { 2.0 });
        var y = Torch.Tensor(new[] { 3.0 });
        var z = (x + y) * (y - 2);
        Assert.Equal(5f, z.Item<float>());
        Assert.Equal(DType.Float32, z.DType);
    }

    [Fact]
    public void ArithmeticMatchesSeed000()
    {
        var x = F64(1, 2, 3);
        var y = F64(4, 5, 6);
        Assert.Equal(new[] { 5.0, 7, 9 }, (x + y).ToArray<double>());
        Assert.Equal(new[] { -3.0, -3, -3 }, (x - y).ToArray<double>());
        Assert.Equal(new[] { 4.0, 10, 18 }, (x * y).ToArray<double>());
        Assert.Equal(new[] { 0.25, 0.4, 0.5 }, (x / y).ToArray<double>());
        Assert.Equal(new[] { Math.Sin(1), Math.Sin(2), Math.Sin(3) }, x.Sin().ToArray<double>(), new Tol(1e-14));
        Assert.Equal(new[] { Math.Exp(1), Math.Exp(2), Math.Exp(3) }, x.Exp().ToArray<double>(), new Tol(1e-13));
        Assert.Equal(x.Add(y).ToArray<double>(), Torch.Add(x, y).ToArray<double>());
    }

    [Fact]
    public void ScalarsOnEitherSide()
    {
        var x = F64(1, 2, 4);
        Assert.Equal(new[] { 10.0, 20, 40 }, (x * 10).ToArray<double>());
        Assert.Equal(new[] { 10.0, 20, 40 }, (10 * x).ToArray<double>());
        Assert.Equal(new[] { 1.0, 0, -2 }, (2 - x).ToArray<double>());
        Assert.Equal(new[] { 2.0, 1, 0.5 }, (2.0 / x).ToArray<double>());
        Assert.Equal(new[] { -1.0, -2, -4 }, (-x).ToArray<double>());
        Assert.Equal(new[] { 1.5, 2.5, 4.5 }, (x + 0.5).ToArray<double>());
    }

    [Fact]
    public void BroadcastAddMatchesSeed000()
    {
        var x = Torch.Arange(1, 4).View(3, 1);
        var y = Torch.Arange(4, 6).View(1, 2);
        var s = x + y;
        Assert.Equal(new Size(3, 2), s.Shape);
        Assert.Equal(new long[] { 5, 6, 6, 7, 7, 8 }, s.ToArray<long>());
    }

    [Fact]
    public void IncompatibleBroadcastNamesBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Torch.Zeros(3, 2) + Torch.Zeros(4));
        Assert.Contains("The size of tensor a (2) must match the size of tensor b (4) at non-singleton dimension 1", e.Message);
        Assert.Contains("[3, 2]", e.Message);
        Assert.Contains("[4]", e.Message);
    }

    [Fact]
    public void StridedAndBroadcastOperandsGiveTheSameAsContiguousOnes()
    {
        // Transposed operand, channel broadcast, and row-vector broadcast, against a reference loop.
        Torch.ManualSeed(1);
        var a = Torch.Randn([4, 5, 6], DType.Float64);
        var b = Torch.Randn([6, 5], DType.Float64).T;   // [5, 6], non-contiguous
        var c = Torch.Randn([4, 1, 1], DType.Float64);
        var r = a * b + c;
        var av = a.ToArray<double>();
        var bv = b.Contiguous().ToArray<double>();
        var cv = c.ToArray<double>();
        var rv = r.ToArray<double>();
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 5; j++)
                for (int k = 0; k < 6; k++)
                    Assert.Equal(av[i * 30 + j * 6 + k] * bv[j * 6 + k] + cv[i], rv[i * 30 + j * 6 + k], 12);
    }

    [Fact]
    public void LargeOperationsSplitAcrossCoresGiveExactResults()
    {
        // 300k elements crosses the parallel threshold; odd sizes make chunks start mid-row.
        var n = 300_007;
        var x = Torch.Arange(n).Double();
        var y = x.View(1, n).Expand(2, n) * 2 + Torch.Tensor(new[,] { { 1.0 }, { 3.0 } }, DType.Float64);
        var v = y.ToArray<double>();
        for (int i = 0; i < n; i += 997)
        {
            Assert.Equal(2.0 * i + 1, v[i]);
            Assert.Equal(2.0 * i + 3, v[n + i]);
        }
        var t = Torch.Arange(n * 2).View(2, n).T.Contiguous();
        Assert.Equal(new long[] { 0, n, 1, n + 1 }, t.ToArray<long>()[..4]);
    }

    [Fact]
    public void UnaryOpsMatchMath()
    {
        var x = F64(-2, -0.5, 0, 0.5, 3);
        Assert.Equal(new[] { 2.0, 0.5, 0, 0.5, 3 }, x.Abs().ToArray<double>());
        Assert.Equal(new[] { 0.0, 0, 0, 0.5, 3 }, x.Relu().ToArray<double>());
        Assert.Equal(new[] { -1.0, -1, 0, 1, 1 }, x.Sign().ToArray<double>());
        Assert.Equal(x.ToArray<double>().Select(v => Math.Tanh(v)), x.Tanh().ToArray<double>(), new Tol(1e-14));
        Assert.Equal(x.ToArray<double>().Select(v => 1 / (1 + Math.Exp(-v))), x.Sigmoid().ToArray<double>(), new Tol(1e-15));
        Assert.Equal(x.ToArray<double>().Select(v => Math.Cos(v)), x.Cos().ToArray<double>(), new Tol(1e-14));
        var p = F64(0.25, 4, 9);
        Assert.Equal(new[] { 0.5, 2, 3 }, p.Sqrt().ToArray<double>());
        Assert.Equal(p.ToArray<double>().Select(v => Math.Log(v)), p.Log().ToArray<double>(), new Tol(1e-14));
        Assert.Equal(new[] { -0.0, 0, 2 }, F64(-0.5, 0.5, 2.5).Round().ToArray<double>()); // half to even: -0.5 → -0
        Assert.Equal(new[] { -1.0, 0, 2 }, F64(-0.5, 0.5, 2.5).Floor().ToArray<double>());
        Assert.Equal(new[] { -0.0, 1, 3 }, F64(-0.5, 0.5, 2.5).Ceil().ToArray<double>());
    }

    [Fact]
    public void FloatingOpsOnIntegersGiveFloat32()
    {
        var e = Torch.Arange(3).Exp();
        Assert.Equal(DType.Float32, e.DType);
        Assert.Equal(new[] { 1f, MathF.Exp(1), MathF.Exp(2) }, e.ToArray<float>(), new TolF(1e-6f));
        Assert.Equal(DType.Int64, Torch.Arange(3).Abs().DType);
    }

    [Fact]
    public void PowKeepsIntegersAndPromotesFloatExponents()
    {
        var x = Torch.Arange(5);
        var sq = x.Pow(2);
        Assert.Equal(DType.Int64, sq.DType);
        Assert.Equal(new long[] { 0, 1, 4, 9, 16 }, sq.ToArray<long>());
        var h = x.Pow(0.5);
        Assert.Equal(DType.Float32, h.DType);
        Assert.Equal(new[] { 0f, 1f, MathF.Sqrt(2), MathF.Sqrt(3), 2f }, h.ToArray<float>(), new TolF(1e-6f));
        Assert.Equal(new[] { 8.0, 1.0 / 8 }, F64(2, 0.5).Pow(3).ToArray<double>());
        Assert.Equal(new[] { 2.0, 9 }, F64(2, 3).Pow(F64(1, 2)).ToArray<double>());
        var err = Assert.Throws<ArgumentException>(() => x.Pow(-1));
        Assert.Contains("Integers to negative integer powers are not allowed", err.Message);
    }

    [Fact]
    public void ClampAndMaximumMinimum()
    {
        var x = F64(-3, -1, 0, 2, 5);
        Assert.Equal(new[] { -1.0, -1, 0, 2, 3 }, x.Clamp(-1.0, 3.0).ToArray<double>());
        Assert.Equal(new[] { 0.0, 0, 0, 2, 5 }, x.Clamp(min: 0.0).ToArray<double>());
        Assert.Equal(new long[] { 1, 1, 2, 3, 3 }, Torch.Arange(5).Clamp(1, 3).ToArray<long>());
        Assert.Equal(DType.Int64, Torch.Arange(5).Clamp(1, 3).DType);
        Assert.Equal(new[] { 1.0, 2, 3 }, F64(1, 0, 3).Maximum(F64(0, 2, 1)).ToArray<double>());
        Assert.Equal(new[] { 0.0, 0, 1 }, F64(1, 0, 3).Minimum(F64(0, 2, 1)).ToArray<double>());
        Assert.True(double.IsNaN(F64(double.NaN).Maximum(F64(1)).Item<double>()));
        var y = F64(-5, 5);
        y.Clamp_(-1.0, 1.0);
        Assert.Equal(new[] { -1.0, 1 }, y.ToArray<double>());
    }

    [Fact]
    public void ComparisonsAndLogicalOperators()
    {
        var x = Torch.Arange(5);
        Assert.Equal(new[] { false, false, true, false, false }, (x == 2).ToArray<bool>());
        Assert.Equal(new[] { true, true, false, true, true }, (x != 2).ToArray<bool>());
        Assert.Equal(new[] { true, true, false, false, false }, (x < 2).ToArray<bool>());
        Assert.Equal(new[] { true, true, true, false, false }, (x <= 2).ToArray<bool>());
        Assert.Equal(new[] { false, false, false, true, true }, (x > 2).ToArray<bool>());
        Assert.Equal(new[] { false, false, true, true, true }, (x >= 2).ToArray<bool>());
        Assert.Equal(new[] { false, true, true, false, false }, ((x > 0) & (x < 3)).ToArray<bool>());
        Assert.Equal(new[] { true, false, false, false, true }, ((x < 1) | (x > 3)).ToArray<bool>());
        Assert.Equal(new[] { false, true, true, true, true }, (~(x == 0)).ToArray<bool>());
        Assert.False(F64(double.NaN).Eq(F64(double.NaN)).ItemBool());
        // seed 002: x.eq(y).all() is tensor(True)
        Assert.True(Torch.Ones(2, 2).Eq(Torch.Ones(2, 2)).All().ItemBool());
        Assert.True(Torch.Ones(2, 2).Equal(Torch.Ones(2, 2)));
        Assert.False(Torch.Ones(2, 2).Equal(Torch.Ones(4)));
    }

    [Fact]
    public void EqualityOperatorRejectsNullWithAHint()
    {
        var x = Torch.Ones(1);
        var e = Assert.Throws<ArgumentNullException>(() => x == (Tensor?)null!);
        Assert.Contains("is null", e.Message);
    }

    [Fact]
    public void WhereSelectsWithBroadcasting()
    {
        var x = Torch.Arange(4);
        var r = Torch.Where(x > 1, x, Torch.Tensor(-1L));
        Assert.Equal(new long[] { -1, -1, 2, 3 }, r.ToArray<long>());
        var f = (x > 1).Where(x.Double(), Torch.Zeros(4));
        Assert.Equal(DType.Float64, f.DType);
        var e = Assert.Throws<ArgumentException>(() => Torch.Where(x, x, x));
        Assert.Contains("expected condition to be a bool tensor", e.Message);
    }

    [Fact]
    public void InPlaceOpsWriteThroughViewsAndReturnTheirTarget()
    {
        // seed 002: y.add_(x)
        var x = Torch.Zeros(5, 3);
        var y = Torch.Ones(5, 3);
        Assert.Same(y, y.Add_(x));
        Assert.All(y.ToArray<float>(), v => Assert.Equal(1f, v));
        var m = Torch.Zeros(3, 4);
        var col = m.Select(1, 2);
        col.Add_(Torch.Tensor(new[] { 1.0, 2.0, 3.0 }));
        col.Mul_(Torch.Tensor(2L));
        Assert.Equal(new[] { 0f, 0, 2, 0, 0, 0, 4, 0, 0, 0, 6, 0 }, m.ToArray<float>());
        m.T.Sub_(Torch.Ones(4, 3));
        Assert.Equal(-1f, m.ToArray<float>()[0]);
        m.Div_(Torch.Tensor(2.0));
        Assert.Equal(-0.5f, m.ToArray<float>()[0]);
        m.Zero_();
        Assert.All(m.ToArray<float>(), v => Assert.Equal(0f, v));
        var e = Assert.Throws<ArgumentException>(() => Torch.Zeros(3).Add_(Torch.Zeros(2, 3)));
        Assert.Contains("output with shape [3] doesn't match the broadcast shape [2, 3]", e.Message);
    }

    [Fact]
    public void InPlaceOpReadingItsOwnTransposeSeesTheOriginalValues()
    {
        // x + x.T computed in place must equal the out-of-place result, although x.T overlaps x.
        var x = Torch.Arange(9).View(3, 3);
        var expected = (x + x.T).ToArray<long>();
        x.Add_(x.T);
        Assert.Equal(expected, x.ToArray<long>());
        Assert.Equal(new long[] { 0, 4, 8, 4, 8, 12, 8, 12, 16 }, expected);
        var y = Torch.Arange(4).Double();
        y.Mul_(y);
        Assert.Equal(new[] { 0.0, 1, 4, 9 }, y.ToArray<double>());
    }

    [Fact]
    public void InPlaceOpsBumpTheVersionCounter()
    {
        var x = Torch.Zeros(3);
        var v0 = x.Storage.Version;
        x.Add_(Torch.Ones(3));
        x.View(3).Mul_(Torch.Tensor(2L));
        Assert.Equal(v0 + 2, x.Storage.Version);
    }

    [Fact]
    public void OutParameterReceivesTheResult()
    {
        // seed 002: out = torch.empty(5, 3); torch.add(x, y, out=out)
        var x = Torch.Zeros(5, 3);
        var y = Torch.Ones(5, 3);
        var result = Torch.Empty(5, 3);
        var w = Torch.Add(x, y, @out: result);
        Assert.Same(result, w);
        Assert.All(result.ToArray<float>(), v => Assert.Equal(1f, v));
        var e = Assert.Throws<ArgumentException>(() => Torch.Add(x, y, @out: Torch.Empty(2)));
        Assert.Contains("[5, 3]", e.Message);
    }

    [Fact]
    public void CopyConvertsAndBroadcasts()
    {
        var x = Torch.Zeros([2, 3], DType.Int32);
        x.Copy_(Torch.Tensor(new[] { 1.9, -2.9, 3.0 }));
        Assert.Equal(new[] { 1, -2, 3, 1, -2, 3 }, x.ToArray<int>());
        var e = Assert.Throws<ArgumentException>(() => x.Copy_(Torch.Zeros(4)));
        Assert.Contains("copy_", e.Message);
    }

    private sealed class Tol(double t) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= t;
        public int GetHashCode(double d) => 0;
    }

    private sealed class TolF(float t) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= t;
        public int GetHashCode(float d) => 0;
    }
}
