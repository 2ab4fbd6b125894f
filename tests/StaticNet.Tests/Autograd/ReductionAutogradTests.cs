using StaticNet.Autograd;

namespace StaticNet.Tests.Autograd;

/// <summary>Gradients of prod, var, std, max, min, cat and stack against values printed by PyTorch 1.13.</summary>
public class ReductionAutogradTests
{
    private static Tensor Leaf(double[,] values, DType dtype = DType.Float32) => Torch.Tensor(values, dtype, requiresGrad: true);

    private static Tensor Leaf(double[] values, DType dtype = DType.Float32) => Torch.Tensor(values, dtype, requiresGrad: true);

    private static void AssertClose(double[] expected, Tensor actual, double tolerance = 1e-9)
    {
        var values = actual.To(DType.Float64).ToArray<double>();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - values[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {values[i]}");
    }

    [Fact]
    public void MaxGradientGoesToTheArgmaxElement()
    {
        var x = Leaf(new double[,] { { 1, 5, 2 }, { 7, 0, 3 } });
        var m = x.Max();
        Assert.Equal("MaxBackward1", m.GradFn!.Name);
        Assert.IsType<AccumulateGrad>(m.GradFn.NextFunctions[0].Node);
        m.Backward();
        Assert.Equal(new float[] { 0, 0, 0, 1, 0, 0 }, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void FullMaxSharesTheGradientEvenlyAmongTiedMaxima()
    {
        // torch.tensor([1., 3., 3.], requires_grad=True).max().backward() gives [0, 0.5, 0.5].
        var x = Leaf(new double[] { 1, 3, 3 });
        x.Max().Backward();
        Assert.Equal(new float[] { 0, 0.5f, 0.5f }, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void FullMinWithOneMinimumSendsEverythingThere()
    {
        var x = Leaf(new double[,] { { 1, 3, 3 }, { 0, 0, -1 } });
        var m = x.Min();
        Assert.Equal("MinBackward1", m.GradFn!.Name);
        m.Backward();
        Assert.Equal(new float[] { 0, 0, 0, 0, 0, 1 }, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void FullMaxOfNaNsSharesTheGradientAmongTheNaNs()
    {
        var x = Leaf(new double[] { 1, double.NaN, double.NaN });
        x.Max().Backward();
        Assert.Equal(new float[] { 0, 0.5f, 0.5f }, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void MaxOverADimSendsTheGradientToTheReturnedIndexOnlyEvenWithTies()
    {
        var x = Leaf(new double[,] { { 1, 3, 3 }, { 2, 5, 5 } });
        var (values, indices) = x.Max(1);
        Assert.Equal(new long[] { 1, 1 }, indices.ToArray<long>());
        Assert.Equal("MaxBackward0", values.GradFn!.Name);
        Assert.False(indices.RequiresGrad);
        Assert.Null(indices.GradFn);
        values.Sum().Backward();
        Assert.Equal(new float[] { 0, 1, 0, 0, 1, 0 }, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void MinOverADimWithKeepDimScattersTheWeightedGradient()
    {
        // x.min(0, keepdim=True) of [[1,3,3],[2,5,5]] selects row 0; backward of [[2,3,4]] gives [[2,3,4],[0,0,0]].
        var x = Leaf(new double[,] { { 1, 3, 3 }, { 2, 5, 5 } });
        var (values, _) = x.Min(0, keepDim: true);
        Assert.Equal("MinBackward0", values.GradFn!.Name);
        values.Backward(Torch.Tensor(new double[,] { { 2, 3, 4 } }));
        Assert.Equal(new float[] { 2, 3, 4, 0, 0, 0 }, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void MaxOverDimOfAZeroDimTensorPassesTheGradientThrough()
    {
        var x = Torch.Tensor(5.0, requiresGrad: true);
        var (values, indices) = x.Max(0);
        Assert.Equal(0L, indices.Item<long>());
        values.Backward();
        Assert.Equal(1f, x.Grad!.Item<float>());
    }

    [Fact]
    public void ProdGradientWithOneZeroIsTheProductOfTheOthersAtTheZero()
    {
        // PyTorch: [2, 0, 3, 4].prod() backward gives [0, 24, 0, 0].
        var x = Leaf(new double[] { 2, 0, 3, 4 });
        var p = x.Prod();
        Assert.Equal("ProdBackward0", p.GradFn!.Name);
        p.Backward();
        Assert.Equal(new float[] { 0, 24, 0, 0 }, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void ProdGradientWithTwoZerosIsZeroEverywhere()
    {
        var x = Leaf(new double[] { 2, 0, 3, 0 });
        x.Prod().Backward();
        Assert.Equal(new float[] { 0, 0, 0, 0 }, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void ProdOverDimHandlesRowsWithNoOneAndTwoZeros()
    {
        // PyTorch: x.prod(1).backward([1, 2, 3]) gives [[0, 6, 0], [16, 8, 4], [0, 0, 0]].
        var x = Leaf(new double[,] { { 2, 0, 3 }, { 1, 2, 4 }, { 0, 0, 5 } });
        var p = x.Prod(1);
        Assert.Equal("ProdBackward1", p.GradFn!.Name);
        p.Backward(Torch.Tensor(new double[] { 1, 2, 3 }));
        Assert.Equal(new float[] { 0, 6, 0, 16, 8, 4, 0, 0, 0 }, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void ProdOverDimZeroWithKeepDimMatchesPyTorch()
    {
        // PyTorch: x.prod(0, keepdim=True).backward([[1, 2, 3]]) gives [[0, 0, 60], [0, 0, 45], [2, 0, 36]].
        var x = Leaf(new double[,] { { 2, 0, 3 }, { 1, 2, 4 }, { 0, 0, 5 } });
        x.Prod(0, keepDim: true).Backward(Torch.Tensor(new double[,] { { 1, 2, 3 } }));
        Assert.Equal(new float[] { 0, 0, 60, 0, 0, 45, 2, 0, 36 }, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void ProdInADoubleDTypeGivesAGradientInTheInputsDType()
    {
        var x = Leaf(new double[,] { { 1, 2 }, { 3, 4 } });
        var p = x.Prod(1, dtype: DType.Float64);
        Assert.Equal(DType.Float64, p.DType);
        p.Backward(Torch.Ones([2], DType.Float64));
        Assert.Equal(DType.Float32, x.Grad!.DType);
        Assert.Equal(new float[] { 2, 1, 4, 3 }, x.Grad.ToArray<float>());
    }

    [Fact]
    public void VarOverADimMatchesPyTorch()
    {
        var x = Leaf(new double[,] { { 1, 2, 4 }, { 3, 5, 9 } }, DType.Float64);
        var v = x.Var(1);
        Assert.Equal("VarBackward0", v.GradFn!.Name);
        Assert.IsType<AccumulateGrad>(v.GradFn.NextFunctions[0].Node);
        v.Backward(Torch.Tensor(new double[] { 1, 2 }, DType.Float64));
        AssertClose([-4.0 / 3, -1.0 / 3, 5.0 / 3, -16.0 / 3, -4.0 / 3, 20.0 / 3], x.Grad!);
    }

    [Fact]
    public void BiasedVarOfAllElementsMatchesPyTorch()
    {
        // mean 4, deviations [-3, -2, 0, -1, 1, 5]; d var / dx = 2 dev / 6.
        var x = Leaf(new double[,] { { 1, 2, 4 }, { 3, 5, 9 } }, DType.Float64);
        x.Var(unbiased: false).Backward();
        AssertClose([-1, -2.0 / 3, 0, -1.0 / 3, 1.0 / 3, 5.0 / 3], x.Grad!);
    }

    [Fact]
    public void StdOfAllElementsMatchesPyTorch()
    {
        // var = 40 / 5 = 8, so d std / dx = dev / (5 sqrt 8): PyTorch prints [-0.2121320344, -0.1414213562, 0, ...].
        var x = Leaf(new double[,] { { 1, 2, 4 }, { 3, 5, 9 } }, DType.Float64);
        var s = x.Std();
        Assert.Equal("StdBackward0", s.GradFn!.Name);
        s.Backward();
        AssertClose([-0.2121320344, -0.1414213562, 0, -0.0707106781, 0.0707106781, 0.3535533906], x.Grad!, 1e-9);
    }

    [Fact]
    public void StdOverNegativeDimWithKeepDimAndNoCorrectionMatchesPyTorch()
    {
        var x = Leaf(new double[,] { { 1, 2, 4 }, { 3, 5, 9 } }, DType.Float64);
        x.Std(-2, keepDim: true, correction: 0).Backward(Torch.Tensor(new double[,] { { 1, 2, 3 } }, DType.Float64));
        AssertClose([-0.5, -1, -1.5, 0.5, 1, 1.5], x.Grad!);
    }

    [Fact]
    public void StdOfEqualElementsHasAZeroGradientNotNaN()
    {
        var x = Leaf(new double[,] { { 1, 1, 1 } });
        x.Std().Backward();
        Assert.Equal(new float[] { 0, 0, 0 }, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void CatSplitsTheGradientBackWithEachInputsShapeAndDType()
    {
        // PyTorch: cat([empty(0), x f32 [2,3], y f64 [2,1]], 1) backward arange(8) gives e.grad = tensor([]),
        // x.grad [[0,1,2],[4,5,6]] (float32), y.grad [[3],[7]] (float64); three edges.
        var e = Torch.Empty([0], requiresGrad: true);
        var x = Torch.Ones([2, 3], requiresGrad: true);
        var y = Torch.Ones([2, 1], DType.Float64, requiresGrad: true);
        var r = Torch.Cat([e, x, y], 1);
        Assert.Equal(DType.Float64, r.DType);
        Assert.Equal("CatBackward0", r.GradFn!.Name);
        Assert.Equal(3, r.GradFn.NextFunctions.Count);
        Assert.Same(e, ((AccumulateGrad)r.GradFn.NextFunctions[0].Node!).Variable);
        Assert.Same(x, ((AccumulateGrad)r.GradFn.NextFunctions[1].Node!).Variable);
        Assert.Same(y, ((AccumulateGrad)r.GradFn.NextFunctions[2].Node!).Variable);
        r.Backward(Torch.Arange(8, DType.Float64).View(2, 4));
        Assert.Equal(new long[] { 0 }, e.Grad!.ShapeArray);
        Assert.Equal(DType.Float32, x.Grad!.DType);
        Assert.Equal(new float[] { 0, 1, 2, 4, 5, 6 }, x.Grad.ToArray<float>());
        Assert.Equal(new long[] { 2, 1 }, y.Grad!.ShapeArray);
        Assert.Equal(new double[] { 3, 7 }, y.Grad.ToArray<double>());
    }

    [Fact]
    public void CatLeavesInputsThatNeedNoGradientWithoutAnEdge()
    {
        var c = Torch.Zeros(1, 2);
        var x = Torch.Ones([2, 2], requiresGrad: true);
        var r = Torch.Cat([c, x]);
        Assert.Null(r.GradFn!.NextFunctions[0].Node);
        r.Sum().Backward();
        Assert.Equal(new long[] { 2, 2 }, x.Grad!.ShapeArray);
    }

    [Fact]
    public void StackGivesEachInputItsSliceOfTheGradient()
    {
        // PyTorch: stack([x, x*1], -1) of [2,3] backward arange(12).view(2,3,2) gives x.grad [[1,5,9],[13,17,21]].
        var x = Leaf(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var s = Torch.Stack([x, x * 1], -1);
        Assert.Equal("StackBackward0", s.GradFn!.Name);
        Assert.Equal(new long[] { 2, 3, 2 }, s.ShapeArray);
        s.Backward(Torch.Arange(12, DType.Float32).View(2, 3, 2));
        Assert.Equal(new float[] { 1, 5, 9, 13, 17, 21 }, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void IntegerAndBoolReductionsRecordNothing()
    {
        var x = Torch.Ones([2, 3], requiresGrad: true);
        Assert.False(x.Argmax().RequiresGrad);
        Assert.False(x.Argmin(1).RequiresGrad);
        Assert.False(x.All().RequiresGrad);
        Assert.False(x.Any(0).RequiresGrad);
        Assert.Null(x.Max(1).Indices.GradFn);
    }
}
