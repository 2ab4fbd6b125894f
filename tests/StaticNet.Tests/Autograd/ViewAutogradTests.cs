namespace StaticNet.Tests.Autograd;

public class ViewAutogradTests
{
    private static Tensor Leaf(double[,] values) => Torch.Tensor(values, DType.Float64, requiresGrad: true);

    private static double[] Grad(Tensor t) => t.Grad!.ToArray<double>();

    [Fact]
    public void RowOfAParameterRecordsSelectBackward0AndRoutesTheGradientToThatRow()
    {
        var p = Leaf(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        var row = p[0];
        Assert.Equal("SelectBackward0", row.GradFn!.Name);
        Assert.Equal("AccumulateGrad", row.GradFn.NextFunctions[0].Node!.Name);
        row.Sum().Backward();
        Assert.Equal(new double[] { 1, 1, 0, 0, 0, 0 }, Grad(p));
    }

    [Fact]
    public void ViewOpsRecordPyTorchNodeNames()
    {
        var x = Leaf(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var y = x * 1.0;
        Assert.Equal("ViewBackward0", y.View(3, 2).GradFn!.Name);
        Assert.Equal("ViewBackward0", y.Reshape(6).GradFn!.Name); // PyTorch 2.x (1.13: ReshapeAliasBackward0)
        Assert.Equal("TBackward0", y.T.GradFn!.Name);
        Assert.Equal("PermuteBackward0", y.Unsqueeze(0).T.GradFn!.Name);
        Assert.Equal("TransposeBackward0", y.Transpose(0, 1).GradFn!.Name);
        Assert.Equal("SqueezeBackward0", y.Squeeze().GradFn!.Name);
        Assert.Equal("SqueezeBackward1", y.Squeeze(0).GradFn!.Name);
        Assert.Equal("UnsqueezeBackward0", y[TensorIndex.NewAxis].GradFn!.Name);
        Assert.Equal("SliceBackward0", y[..].GradFn!.Name);
        Assert.Equal("SliceBackward0", y.Narrow(1, 0, 2).GradFn!.Name);
        Assert.Equal("AliasBackward0", y[TensorIndex.Ellipsis].GradFn!.Name);
        Assert.Equal("DiagonalBackward0", y.Diagonal().GradFn!.Name);
        Assert.Equal("ExpandBackward0", y.Unsqueeze(0).Expand(2, 2, 3).GradFn!.Name);
    }

    [Fact]
    public void ContiguousAndFlattenOfOneDimReturnTheInputWithoutANode()
    {
        var y = Leaf(new double[,] { { 1, 2 } }) * 1.0;
        Assert.Same(y, y.Contiguous());
        Assert.Same(y, y.Flatten(1, 1));
    }

    [Fact]
    public void ReshapeThatCopiesRecordsUnsafeViewOverCloneOverTranspose()
    {
        var y = Leaf(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }) * 1.0;
        var r = y.Transpose(0, 1).Reshape(-1);
        Assert.Equal("UnsafeViewBackward0", r.GradFn!.Name);
        var clone = r.GradFn.NextFunctions[0].Node!;
        Assert.Equal("CloneBackward0", clone.Name);
        Assert.Equal("TransposeBackward0", clone.NextFunctions[0].Node!.Name);
        Assert.Equal(new double[] { 1, 4, 2, 5, 3, 6 }, r.ToArray<double>());
    }

    [Fact]
    public void ExpandSumsTheGradientOverRepeatedElements()
    {
        var x = Torch.Tensor(new[] { 1.0, 2.0 }, DType.Float64, requiresGrad: true);
        var e = x.Unsqueeze(1).Expand(2, 3); // e[i, j] = x[i]
        var w = Torch.Tensor(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        (e * w).Sum().Backward();
        Assert.Equal(new double[] { 6, 15 }, Grad(x));
    }

    [Fact]
    public void SliceAndDiagonalSendZeroGradientOutsideTheirRegion()
    {
        var x = Leaf(new double[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } });
        (x[.., 1..].Sum() + x.Diagonal(-1).Sum() * 10).Backward();
        Assert.Equal(new double[] { 0, 1, 1, 10, 1, 1, 0, 11, 1 }, Grad(x));
    }

    [Fact]
    public void InPlaceOpOnAViewRebasesTheBaseHistoryAsCopySlices()
    {
        var x = Leaf(new double[,] { { 1, 2 }, { 3, 4 } });
        var y = x * 1.0;
        var row = y[0];
        row.Mul_(3.0);
        Assert.Equal("CopySlices", y.GradFn!.Name);
        Assert.Equal("MulBackward0", y.GradFn.NextFunctions[0].Node!.Name);
        Assert.Null(y.GradFn.NextFunctions[1].Node);
        Assert.Equal("AsStridedBackward0", row.GradFn!.Name);
        Assert.Same(y.GradFn, row.GradFn.NextFunctions[0].Node);
        Assert.Equal(new double[] { 3, 6, 3, 4 }, y.ToArray<double>());
        y.Sum().Backward();
        Assert.Equal(new double[] { 3, 3, 1, 1 }, Grad(x));
    }

    [Fact]
    public void InPlaceOpThroughATransposedViewWithATensorOperand()
    {
        // y = x * 1; y.T[0] *= v, i.e. y[i, 0] = x[i, 0] * v[i]; L = sum(y * w).
        var x = Leaf(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var v = Torch.Tensor(new[] { 10.0, 20.0 }, DType.Float64, requiresGrad: true);
        var w = Torch.Tensor(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }, DType.Float64);
        var y = x * 1.0;
        y.T[0].Mul_(v);
        (y * w).Sum().Backward();
        Assert.Equal(new double[] { 10, 2, 3, 80, 5, 6 }, Grad(x)); // dL/dx[i,0] = w[i,0] v[i]
        Assert.Equal(new double[] { 1, 16 }, Grad(v));                // dL/dv[i] = w[i,0] x[i,0]
    }

    [Fact]
    public void UnaryInPlaceOpOnAViewUsesItsSavedResultInsideCopySlices()
    {
        // y = x * 1; y[1].Exp_(): dy[1]/dx[1] = exp(x[1]), row 0 passes through.
        var x = Leaf(new double[,] { { 1, 2 }, { 0, Math.Log(3) } });
        var y = x * 1.0;
        y[1].Exp_();
        Assert.Equal("CopySlices", y.GradFn!.Name);
        Assert.Single(y.GradFn.NextFunctions); // exp_ has one input: the base's previous history
        Assert.Equal("MulBackward0", y.GradFn.NextFunctions[0].Node!.Name);
        y.Sum().Backward();
        var g = Grad(x);
        Assert.Equal(new double[] { 1, 1, 1 }, g[..3]);
        Assert.Equal(3.0, g[3], 12);
    }

    [Fact]
    public void ViewOfABaseChangedInPlaceLaterBackpropagatesThroughTheNewHistory()
    {
        var x = Leaf(new double[,] { { 1, 2 }, { 3, 4 } });
        var y = x * 1.0;
        var row = y[0];
        y.Mul_(2.0);
        Assert.Equal("AsStridedBackward0", row.GradFn!.Name);
        Assert.Equal("MulBackward0", row.GradFn.NextFunctions[0].Node!.Name);
        row.Sum().Backward();
        Assert.Equal(new double[] { 2, 2, 0, 0 }, Grad(x));
    }

    [Fact]
    public void InPlaceOpOnAViewOfABaseWithoutGradMakesTheBaseRequireGrad()
    {
        var z = Torch.Zeros([3], DType.Float64);
        var v = Torch.Tensor(2.0, DType.Float64, requiresGrad: true);
        z[1].Add_(v * 3.0);
        Assert.Equal("CopySlices", z.GradFn!.Name);
        Assert.Null(z.GradFn.NextFunctions[0].Node);
        z.Sum().Backward();
        Assert.Equal(3.0, v.Grad!.Item<double>());
        Assert.Equal(new double[] { 0, 6, 0 }, z.ToArray<double>());
    }

    [Fact]
    public void InPlaceOpOnAViewOfALeafThatRequiresGradThrows()
    {
        var x = Leaf(new double[,] { { 1, 2 }, { 3, 4 } });
        var e = Assert.Throws<InvalidOperationException>(() => x[0].Mul_(2.0));
        Assert.Contains("view of a leaf Variable that requires grad", e.Message);
        Assert.Contains("[2, 2]", e.Message);
    }

    [Fact]
    public void SavedTensorChangedThroughAViewIsDetectedAtBackward()
    {
        var x = Leaf(new double[,] { { 1, 2 }, { 3, 4 } });
        var y = x * 1.0;
        var s = y * y; // saves y
        y[0].Mul_(2.0);
        var e = Assert.Throws<InvalidOperationException>(() => s.Sum().Backward());
        Assert.Contains("modified by an inplace operation", e.Message);
    }
}
