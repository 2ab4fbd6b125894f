namespace StaticNet.Tests.Autograd;

public class IndexingAutogradTests
{
    private static Tensor Leaf(double[,] values) => Torch.Tensor(values, DType.Float64, requiresGrad: true);

    private static Tensor Leaf(double[] values) => Torch.Tensor(values, DType.Float64, requiresGrad: true);

    private static double[] Grad(Tensor t) => t.Grad!.ToArray<double>();

    private static readonly Tensor W23 = Torch.Tensor(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }, DType.Float64);

    [Fact]
    public void AdvancedIndexWithRepeatsAccumulatesTheGradient()
    {
        var x = Leaf(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        var r = x[Torch.Tensor(new long[] { 0, 0, -1 })];
        Assert.Equal("IndexBackward0", r.GradFn!.Name);
        r.Sum().Backward();
        Assert.Equal(new double[] { 2, 2, 0, 0, 1, 1 }, Grad(x));
    }

    [Fact]
    public void BasicThenAdvancedIndexRecordsIndexBackwardAfterSelect()
    {
        var y = Leaf(new double[,] { { 1, 2 }, { 3, 4 } }) * 1.0;
        var r = y[0, Torch.Tensor(new long[] { 1, 1 })];
        Assert.Equal("IndexBackward0", r.GradFn!.Name);
        Assert.Equal("SelectBackward0", r.GradFn.NextFunctions[0].Node!.Name);
    }

    [Fact]
    public void SliceAssignmentRecordsCopySlicesAndSplitsTheGradient()
    {
        // y = 2x; y[1] = v; L = sum(y * w): dL/dx = 2w with row 1 zeroed, dL/dv = w[1].
        var x = Leaf(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var v = Leaf(new double[] { 7, 8, 9 });
        var y = x * 2.0;
        var before = y;
        y[1] = v;
        Assert.Same(before, y);
        Assert.Equal("CopySlices", y.GradFn!.Name);
        Assert.Equal("MulBackward0", y.GradFn.NextFunctions[0].Node!.Name);
        Assert.Equal("AccumulateGrad", y.GradFn.NextFunctions[1].Node!.Name);
        (y * W23).Sum().Backward();
        Assert.Equal(new double[] { 2, 4, 6, 0, 0, 0 }, Grad(x));
        Assert.Equal(new double[] { 4, 5, 6 }, Grad(v));
    }

    [Fact]
    public void BroadcastValueOfASliceAssignmentGetsTheSummedGradient()
    {
        // y[:, 1:3] = u with u of shape [1, 2]: du = column sums of w[:, 1:3] = [2+5, 3+6].
        var x = Leaf(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var u = Leaf(new double[,] { { 10, 20 } });
        var y = x * 2.0;
        y[.., 1..3] = u;
        (y * W23).Sum().Backward();
        Assert.Equal(new double[] { 2, 0, 0, 8, 0, 0 }, Grad(x));
        Assert.Equal(new double[] { 7, 9 }, Grad(u));
        Assert.Equal([1L, 2L], u.Grad!.Shape.ToArray());
    }

    [Fact]
    public void AdvancedAssignmentRecordsIndexPutBackward0()
    {
        // Values and gradients from PyTorch 1.13: y = x * 1; y[[2, 0]] = v; (y * w).sum().backward().
        var x = Leaf(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        var v = Leaf(new double[,] { { 10, 20 }, { 30, 40 } });
        var w = Torch.Tensor(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }, DType.Float64);
        var y = x * 1.0;
        y[Torch.Tensor(new long[] { 2, 0 })] = v;
        Assert.Equal("IndexPutBackward0", y.GradFn!.Name);
        Assert.Equal(new double[] { 30, 40, 3, 4, 10, 20 }, y.ToArray<double>());
        (y * w).Sum().Backward();
        Assert.Equal(new double[] { 0, 0, 3, 4, 0, 0 }, Grad(x));
        Assert.Equal(new double[] { 5, 6, 1, 2 }, Grad(v));
    }

    [Fact]
    public void MaskAssignmentCutsTheGradientOfOverwrittenElements()
    {
        var x = Leaf(new double[,] { { 1, -2 }, { -3, 4 } });
        var y = x * 3.0;
        y[y < 0] = 0.0;
        Assert.Equal("IndexPutBackward0", y.GradFn!.Name);
        Assert.Null(y.GradFn.NextFunctions[1].Node);
        y.Sum().Backward();
        Assert.Equal(new double[] { 3, 0, 0, 3 }, Grad(x));
    }

    [Fact]
    public void AssigningIntoALeafThatRequiresGradThrows()
    {
        var x = Leaf(new double[] { 1, 2, 3 });
        var e = Assert.Throws<InvalidOperationException>(() => x[0] = 5.0);
        Assert.Contains("a leaf Variable that requires grad is being used in an in-place operation", e.Message);
        Assert.Equal(new double[] { 1, 2, 3 }, x.ToArray<double>());
        using (Torch.NoGrad()) x[0] = 5.0; // allowed without recording, as in PyTorch
        Assert.Equal(5.0, x[0].Item<double>());
    }

    [Fact]
    public void AssigningThroughAViewOfANonLeafRebasesTheRootAndTheView()
    {
        var x = Leaf(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var y = x * 1.0;
        var t = y.T; // [3, 2]
        t[0] = Torch.Tensor(new[] { 0.0, 0.0 }, DType.Float64);
        Assert.Equal("CopySlices", y.GradFn!.Name);
        Assert.Equal("AsStridedBackward0", t.GradFn!.Name);
        (t * W23.T).Sum().Backward();
        Assert.Equal(new double[] { 0, 2, 3, 0, 5, 6 }, Grad(x));
    }

    [Fact]
    public void GatherWithRepeatedPositionsAccumulates()
    {
        var x = Leaf(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var r = x.Gather(1, Torch.Tensor(new long[,] { { 0, 0 }, { 2, 1 } }));
        Assert.Equal("GatherBackward0", r.GradFn!.Name);
        r.Sum().Backward();
        Assert.Equal(new double[] { 2, 0, 0, 0, 1, 1 }, Grad(x));
    }

    [Fact]
    public void ScatterGradientsMatchPyTorch()
    {
        // PyTorch 1.13: x.scatter(1, [[0, 1], [2, 2]], src).sum().backward(): x.grad [[0,0,1],[1,1,0]], src.grad all 1.
        var x = Leaf(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var src = Leaf(new double[,] { { 7, 8 }, { 9, 10 } });
        var y = x.Scatter(1, Torch.Tensor(new long[,] { { 0, 1 }, { 2, 2 } }), src);
        Assert.Equal("ScatterBackward0", y.GradFn!.Name);
        Assert.Equal(new double[] { 7, 8, 3, 4, 5, 10 }, y.ToArray<double>());
        y.Sum().Backward();
        Assert.Equal(new double[] { 0, 0, 1, 1, 1, 0 }, Grad(x));
        Assert.Equal(new double[] { 1, 1, 1, 1 }, Grad(src));
    }

    [Fact]
    public void ScatterOfANumberRecordsScatterBackward1WithOneEdge()
    {
        var x = Leaf(new double[] { 1, 2, 3 });
        var y = x.Scatter(0, Torch.Tensor(new long[] { 2 }), 0.5);
        Assert.Equal("ScatterBackward1", y.GradFn!.Name);
        Assert.Single(y.GradFn.NextFunctions);
        y.Sum().Backward();
        Assert.Equal(new double[] { 1, 1, 0 }, Grad(x));
    }

    [Fact]
    public void MaskedFillWithATensorValueRecordsMaskedFillBackward1()
    {
        var x = Leaf(new double[] { 1, 2, 3 });
        var v = Torch.Tensor(5.0, DType.Float64, requiresGrad: true);
        var mask = Torch.Tensor(new[] { true, false, true });
        var y = x.MaskedFill(mask, v);
        Assert.Equal("MaskedFillBackward1", y.GradFn!.Name);
        (y * Torch.Tensor(new[] { 1.0, 2.0, 3.0 }, DType.Float64)).Sum().Backward();
        Assert.Equal(new double[] { 0, 2, 0 }, Grad(x));
        Assert.Equal(4.0, v.Grad!.Item<double>());
        Assert.Equal("MaskedFillBackward0", x.MaskedFill(mask, 0.0).GradFn!.Name);
    }

    [Fact]
    public void MaskedSelectAndIndexSelectRouteGradientsToTheirPositions()
    {
        var x = Leaf(new double[,] { { 1, 2 }, { 3, 4 } });
        var s = x.MaskedSelect(Torch.Tensor(new[] { false, true })); // broadcast over rows: x[:, 1]
        Assert.Equal("MaskedSelectBackward0", s.GradFn!.Name);
        var i = x.IndexSelect(0, Torch.Tensor(new long[] { 1, 1 }));
        Assert.Equal("IndexSelectBackward0", i.GradFn!.Name);
        (s.Sum() * 10 + i.Sum()).Backward();
        Assert.Equal(new double[] { 0, 10, 2, 12 }, Grad(x));
    }
}
