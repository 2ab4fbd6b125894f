using StaticNet.Autograd;

namespace StaticNet.Tests.Autograd;

/// <summary>Gradients of the matrix products: hand-derived values and the nodes PyTorch records.</summary>
public class LinearAlgebraAutogradTests
{
    private static Tensor T(double[] data, params long[] shape) => Torch.Tensor(data, DType.Float64).Reshape(shape).Detach();

    [Fact]
    public void GradientOfSumOfProductIsOnesTimesBTransposed()
    {
        // d(sum(A·B))/dA = 1·Bᵀ: each row is the row sums of B; d/dB = Aᵀ·1: each column is the column sums of A.
        var a = T([1, 2, 3, 4, 5, 6], 2, 3).RequiresGrad_();
        var b = T([1, -1, 2, 0, 0.5, 3], 3, 2).RequiresGrad_();
        var r = a.Mm(b);
        Assert.Equal("MmBackward0", r.GradFn!.Name);
        r.Sum().Backward();
        Assert.Equal(new[] { 0, 2, 3.5, 0, 2, 3.5 }, a.Grad!.ToArray<double>());
        Assert.Equal(new[] { 5.0, 5, 7, 7, 9, 9 }, b.Grad!.ToArray<double>());
    }

    [Fact]
    public void DotGradientOfEachVectorIsTheOtherScaledByTheIncomingGradient()
    {
        var x = T([1, 2, 3], 3).RequiresGrad_();
        var y = T([4, -5, 6], 3).RequiresGrad_();
        var r = x.Dot(y);
        Assert.Equal("DotBackward0", r.GradFn!.Name);
        r.Backward(Torch.Tensor(2.0, DType.Float64));
        Assert.Equal(new[] { 8.0, -10, 12 }, x.Grad!.ToArray<double>());
        Assert.Equal(new[] { 2.0, 4, 6 }, y.Grad!.ToArray<double>());
    }

    [Fact]
    public void MvGradientsAreOuterProductAndTransposedProduct()
    {
        // y = A·v with dL/dy = g: dA = g ⊗ v = [[5,6],[10,12]], dv = Aᵀ·g = [1+6, 2+8].
        var a = T([1, 2, 3, 4], 2, 2).RequiresGrad_();
        var v = T([5, 6], 2).RequiresGrad_();
        a.Mv(v).Backward(T([1, 2], 2));
        Assert.Equal(new[] { 5.0, 6, 10, 12 }, a.Grad!.ToArray<double>());
        Assert.Equal(new[] { 7.0, 10 }, v.Grad!.ToArray<double>());
    }

    [Fact]
    public void OuterGradientsAreRowAndColumnContractions()
    {
        // Z = x ⊗ y, dL/dZ = G: dx = G·y = [3+5, 6+4], dy = Gᵀ·x = [1+4, 2, 1].
        var x = T([1, 2], 2).RequiresGrad_();
        var y = T([3, 4, 5], 3).RequiresGrad_();
        var r = x.Outer(y);
        Assert.Equal("OuterBackward0", r.GradFn!.Name);
        r.Backward(T([1, 0, 1, 2, 1, 0], 2, 3));
        Assert.Equal(new[] { 8.0, 10 }, x.Grad!.ToArray<double>());
        Assert.Equal(new[] { 5.0, 2, 1 }, y.Grad!.ToArray<double>());
    }

    [Fact]
    public void LinearStyleAddmmSumsTheBiasGradientOverTheBatchAndScalesByBetaAndAlpha()
    {
        // r = 2·b + 3·x·wᵀ (PyTorch: [[4,4,13],[10,10,25]]) summed: d/db = 2 per row, 2 rows = 4;
        // dx[i,j] = 3·Σ_o wᵀ[j,o] = 3·2 = 6; d(wᵀ)[j,o] = 3·Σ_i x[i,j] = 3·[1+3, 2+4] = [12, 18].
        var b = T([0.5, -1, 2], 3).RequiresGrad_();
        var x = T([1, 2, 3, 4], 2, 2).RequiresGrad_();
        var wt = T([1, 0, 1, 0, 1, 1], 2, 3).RequiresGrad_(); // wᵀ of w = [[1,0],[0,1],[1,1]]
        var r = Torch.Addmm(b, x, wt, beta: 2, alpha: 3);
        Assert.Equal(new[] { 4.0, 4, 13, 10, 10, 25 }, r.ToArray<double>());
        Assert.Equal("AddmmBackward0", r.GradFn!.Name);
        Assert.Equal(3, r.GradFn.NextFunctions.Count);
        r.Sum().Backward();
        Assert.Equal(new[] { 4.0, 4, 4 }, b.Grad!.ToArray<double>());
        Assert.Equal(new[] { 6.0, 6, 6, 6 }, x.Grad!.ToArray<double>());
        Assert.Equal(new[] { 12.0, 12, 12, 18, 18, 18 }, wt.Grad!.ToArray<double>());
    }

    [Fact]
    public void AddmmWithAConstantBiasHasNoEdgeForIt()
    {
        var x = Torch.Ones([2, 3], requiresGrad: true);
        var r = Torch.Addmm(Torch.Zeros(4), x, Torch.Ones(4, 3).T);
        var next = r.GradFn!.NextFunctions;
        Assert.Null(next[0].Node);
        Assert.IsType<AccumulateGrad>(next[1].Node);
        Assert.Null(next[2].Node);
        r.Sum().Backward();
        Assert.Equal(Enumerable.Repeat(4f, 6), x.Grad!.ToArray<float>());
    }

    [Theory]
    [InlineData(new long[] { 3 }, new long[] { 3 }, "DotBackward0")]
    [InlineData(new long[] { 2, 3 }, new long[] { 3 }, "MvBackward0")]
    [InlineData(new long[] { 2, 3 }, new long[] { 3, 4 }, "MmBackward0")]
    [InlineData(new long[] { 3 }, new long[] { 3, 4 }, "MatmulBackward0")]
    [InlineData(new long[] { 2, 3, 4 }, new long[] { 4, 5 }, "MatmulBackward0")]
    [InlineData(new long[] { 2, 1, 3, 4 }, new long[] { 5, 4, 2 }, "MatmulBackward0")]
    public void MatmulRecordsTheNodeOfTheProductItReducesTo(long[] shapeA, long[] shapeB, string node)
    {
        var r = Torch.Ones(shapeA, requiresGrad: true).Matmul(Torch.Ones(shapeB, requiresGrad: true));
        Assert.Equal(node, r.GradFn!.Name);
        Assert.All(r.GradFn.NextFunctions, e => Assert.IsType<AccumulateGrad>(e.Node));
    }

    [Fact]
    public void BroadcastMatmulSumsGradientsOverBroadcastBatchDimensions()
    {
        // x = arange(24)/10 as [2,1,3,4], y = arange(40)/10 as [5,4,2]; d sum(x@y)/dx[b,0,i,j] = Σ_{c,n} y[c,j,n]
        // = (165 + 20j)/10, d/dy[c,j,n] = Σ_{b,i} x[b,0,i,j] = (60 + 6j)/10 (PyTorch agrees).
        var x = (Torch.Arange(24, DType.Float64).Reshape(2, 1, 3, 4) / 10).Detach().RequiresGrad_();
        var y = (Torch.Arange(40, DType.Float64).Reshape(5, 4, 2) / 10).Detach().RequiresGrad_();
        var r = x.Matmul(y);
        Assert.Equal(new long[] { 2, 5, 3, 2 }, r.ShapeArray);
        r.Sum().Backward();
        var gx = x.Grad!.ToArray<double>();
        for (int e = 0; e < 24; e++) Assert.Equal(16.5 + 2 * (e % 4), gx[e], 12);
        var gy = y.Grad!.ToArray<double>();
        for (int e = 0; e < 40; e++) Assert.Equal(6 + 0.6 * (e / 2 % 4), gy[e], 12);
    }

    [Fact]
    public void VectorTimesMatrixGradients()
    {
        // r = x·Y (PyTorch: [22, 28]); with g = [1, -1]: dx = Y·g = [-1, -1, -1], dY = x ⊗ g.
        var x = T([1, 2, 3], 3).RequiresGrad_();
        var y = T([1, 2, 3, 4, 5, 6], 3, 2).RequiresGrad_();
        var r = x.Matmul(y);
        Assert.Equal(new[] { 22.0, 28 }, r.ToArray<double>());
        r.Backward(T([1, -1], 2));
        Assert.Equal(new[] { -1.0, -1, -1 }, x.Grad!.ToArray<double>());
        Assert.Equal(new[] { 1.0, -1, 2, -2, 3, -3 }, y.Grad!.ToArray<double>());
    }

    [Fact]
    public void ModifyingASavedOperandInPlaceFailsBackwardNamingMm()
    {
        var a = Torch.Ones([2, 3], requiresGrad: true);
        var b = Torch.Ones([3, 2], requiresGrad: true) * 1;
        var r = a.Mm(b);
        b.Add_(Torch.Ones(3, 2));
        var e = Assert.Throws<InvalidOperationException>(() => r.Sum().Backward());
        Assert.Contains("saved by MmBackward0", e.Message);
    }

    [Fact]
    public void AnOperandIsSavedOnlyWhenTheOtherNeedsItsGradient()
    {
        // A needs no grad, so B is not saved: changing it in place does not break backward (as in PyTorch).
        var leaf = Torch.Ones([3, 2], requiresGrad: true);
        var b = leaf * 1;
        var r = Torch.Ones(2, 3).Mm(b);
        b.Add_(Torch.Ones(3, 2));
        r.Sum().Backward();
        Assert.Equal(Enumerable.Repeat(2f, 6), leaf.Grad!.ToArray<float>());
    }

    [Fact]
    public void ProductsOfConstantsOrUnderNoGradRecordNothing()
    {
        Assert.Null(Torch.Ones(2, 3).Mm(Torch.Ones(3, 2)).GradFn);
        using (Torch.NoGrad())
        {
            var r = Torch.Ones([2, 3, 4], requiresGrad: true).Matmul(Torch.Ones(4, 2));
            Assert.False(r.RequiresGrad);
            Assert.Null(r.GradFn);
        }
    }
}
