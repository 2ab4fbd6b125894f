using StaticNet.Autograd;

namespace StaticNet.Tests.Autograd;

public class ElementwiseAutogradTests
{
    private static void Close(double[] expected, Tensor actual, double tol = 1e-4)
    {
        var values = actual.ToArray<double>();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(expected[i]) || double.IsInfinity(expected[i])) Assert.Equal(expected[i], values[i]);
            else Assert.True(Math.Abs(expected[i] - values[i]) <= tol, $"element {i}: expected {expected[i]}, got {values[i]}");
        }
    }

    [Fact]
    public void Seed002MeanOfThreeTimesSquareHasGradientFourAndAHalf()
    {
        var x = Torch.Ones([2, 2], requiresGrad: true);
        var y = x + 2;
        var z = y * y * 3;
        var @out = z.Mean();
        Assert.Equal("tensor([[27., 27.],\n        [27., 27.]], grad_fn=<MulBackward0>)", z.ToString());
        Assert.Equal("tensor(27., grad_fn=<MeanBackward0>)", @out.ToString());
        @out.Backward();
        // d/dx mean(3(x+2)²) = 6(x+2)/4 = 4.5 at x = 1.
        Assert.Equal("tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])", x.Grad!.ToString());
    }

    [Fact]
    public void Seed002AddingANumberPrintsAddBackward()
    {
        var x = Torch.Tensor(new[] { 2.0 }, requiresGrad: true);
        var y = x + 2;
        Assert.Equal("tensor([4.], grad_fn=<AddBackward0>)", y.ToString());
    }

    [Fact]
    public void Seed003PowTwoSumHasGradientTwoX()
    {
        var x = Torch.Tensor(new[,] { { 2.0, -1.0 }, { 1.0, 1.0 } }, requiresGrad: true);
        var y = x.Pow(2).Sum();
        Assert.Equal("PowBackward0", y.GradFn!.NextFunctions[0].Node!.Name);
        Assert.Single(y.GradFn!.NextFunctions[0].Node!.NextFunctions);
        y.Backward();
        Assert.Equal("tensor([[ 4., -2.],\n        [ 2.,  2.]])", x.Grad!.ToString());
    }

    [Fact]
    public void ExpBackwardGivesExpOfX()
    {
        var x = Torch.Tensor(new[] { 0.0, 1.0 }, requiresGrad: true);
        var y = x.Exp();
        Assert.Equal("ExpBackward0", y.GradFn!.Name);
        y.Sum().Backward();
        Assert.Equal("tensor([1.0000, 2.7183])", x.Grad!.ToString());
    }

    [Fact]
    public void PowInsideNoGradDoesNotRequireGrad()
    {
        var x = Torch.Ones([2], requiresGrad: true);
        Tensor y;
        using (Torch.NoGrad()) y = x.Pow(2);
        Assert.False(y.RequiresGrad);
        Assert.Null(y.GradFn);
        Assert.True(x.Pow(2).RequiresGrad);
    }

    [Fact]
    public void PowWithTensorExponentHandlesZeroBaseAsPyTorch()
    {
        // torch: x = [0, 0, 2], e = [0, 2, -1]: x.grad = [0, 0, -0.25], e.grad = [0, 0, ln 2 / 2].
        var x = Torch.Tensor(new[] { 0.0, 0.0, 2.0 }, requiresGrad: true);
        var e = Torch.Tensor(new[] { 0.0, 2.0, -1.0 }, requiresGrad: true);
        var z = x.Pow(e);
        Assert.Equal("PowBackward1", z.GradFn!.Name);
        Assert.Equal(2, z.GradFn.NextFunctions.Count);
        z.Sum().Backward();
        Close([0, 0, -0.25], x.Grad!);
        Close([0, 0, 0.3466], e.Grad!);

        // e = [0, -1, 2]: 0^-1 = inf, so x.grad = [0, -inf, 4] and e.grad = [0, -inf, 4 ln 2].
        var x2 = Torch.Tensor(new[] { 0.0, 0.0, 2.0 }, requiresGrad: true);
        var e2 = Torch.Tensor(new[] { 0.0, -1.0, 2.0 }, requiresGrad: true);
        x2.Pow(e2).Sum().Backward();
        Close([0, double.NegativeInfinity, 4], x2.Grad!);
        Close([0, double.NegativeInfinity, 2.7726], e2.Grad!);
    }

    [Fact]
    public void NumberToTheTensorPowerHasNoEdgeForTheNumber()
    {
        var x = Torch.Tensor(new[] { 0.5, -1.0, 2.0 }, requiresGrad: true);
        var z = Torch.Pow(2.0, x);
        Assert.Equal("PowBackward1", z.GradFn!.Name);
        Assert.Null(z.GradFn.NextFunctions[0].Node);
        Assert.IsType<AccumulateGrad>(z.GradFn.NextFunctions[1].Node);
        z.Sum().Backward();
        Close([0.9803, 0.3466, 2.7726], x.Grad!); // 2^x ln 2
    }

    [Fact]
    public void ConstantTensorExponentGetsAnEmptySecondEdge()
    {
        var x = Torch.Ones([2], requiresGrad: true);
        var z = x.Pow(Torch.Tensor(2.0));
        Assert.Equal("PowBackward1", z.GradFn!.Name);
        Assert.IsType<AccumulateGrad>(z.GradFn.NextFunctions[0].Node);
        Assert.Null(z.GradFn.NextFunctions[1].Node);
    }

    [Fact]
    public void MaximumAndMinimumSplitTheGradientAtTies()
    {
        var a = Torch.Tensor(new[] { 1.0, 2.0, 3.0 }, requiresGrad: true);
        var b = Torch.Tensor(new[] { 1.0, 1.0, 4.0 }, requiresGrad: true);
        var max = Torch.Maximum(a, b);
        Assert.Equal("MaximumBackward0", max.GradFn!.Name);
        max.Sum().Backward();
        Close([0.5, 1, 0], a.Grad!);
        Close([0.5, 0, 1], b.Grad!);
        a.Grad = null;
        b.Grad = null;
        var min = Torch.Minimum(a, b);
        Assert.Equal("MinimumBackward0", min.GradFn!.Name);
        min.Sum().Backward();
        Close([0.5, 0, 1], a.Grad!);
        Close([0.5, 1, 0], b.Grad!);
    }

    [Fact]
    public void ClampWithNumberBoundsPassesTheGradientAtTheBounds()
    {
        var x = Torch.Tensor(new[] { 0.0, 1.0, 2.0 }, requiresGrad: true);
        var y = x.Clamp(1.0, 2.0);
        Assert.Equal("ClampBackward1", y.GradFn!.Name);
        Assert.Single(y.GradFn.NextFunctions);
        y.Sum().Backward();
        Close([0, 1, 1], x.Grad!);
    }

    [Fact]
    public void ClampWithTensorBoundsSendsTheGradientToTheActiveBound()
    {
        // torch: x = [0,1,2,3], lo = [1,1,3,1], hi = [2,.5,2,2] -> x.grad 0, lo.grad [1,0,0,0], hi.grad [0,1,1,1].
        var x = Torch.Tensor(new[] { 0.0, 1.0, 2.0, 3.0 }, requiresGrad: true);
        var lo = Torch.Tensor(new[] { 1.0, 1.0, 3.0, 1.0 }, requiresGrad: true);
        var hi = Torch.Tensor(new[] { 2.0, 0.5, 2.0, 2.0 }, requiresGrad: true);
        var y = x.Clamp(lo, hi);
        Assert.Equal("ClampBackward0", y.GradFn!.Name);
        Assert.Equal(3, y.GradFn.NextFunctions.Count);
        y.Sum().Backward();
        Close([0, 0, 0, 0], x.Grad!);
        Close([1, 0, 0, 0], lo.Grad!);
        Close([0, 1, 1, 1], hi.Grad!);
        Assert.Null(x.Clamp(lo, null).GradFn!.NextFunctions[2].Node);
    }

    [Fact]
    public void WhereRoutesTheGradientByTheCondition()
    {
        var x = Torch.Tensor(new[] { 0.5, -1.0, 2.0 }, requiresGrad: true);
        var y = Torch.Tensor(new[] { 1.0, 1.0, 1.0 }, requiresGrad: true);
        var z = Torch.Where(x.Gt(0L), x, y);
        Assert.Equal("WhereBackward0", z.GradFn!.Name);
        Assert.Equal(2, z.GradFn.NextFunctions.Count);
        z.Sum().Backward();
        Close([1, 0, 1], x.Grad!);
        Close([0, 1, 0], y.Grad!);
        Assert.Null(Torch.Where(x.Gt(0L), x, 2.0).GradFn!.NextFunctions[1].Node);
    }

    [Fact]
    public void ToDoubleRecordsToCopyAndConvertsTheGradientBack()
    {
        var x = Torch.Tensor(new[] { 1.0, 2.0 }, requiresGrad: true);
        var y = x.Double();
        Assert.Equal("tensor([1., 2.], dtype=float64, grad_fn=<ToCopyBackward0>)", y.ToString());
        y.Sum().Backward();
        Assert.Equal(DType.Float32, x.Grad!.DType);
        Assert.Equal("tensor([1., 1.])", x.Grad.ToString());
        Assert.Same(x, x.Float()); // already Float32: no copy, no node
        Assert.False(x.Long().RequiresGrad); // integer results never require grad
    }

    [Fact]
    public void CloneRecordsCloneBackward()
    {
        var x = Torch.Tensor(new[] { 1.0, 2.0 }, requiresGrad: true);
        var y = x.Clone();
        Assert.Equal("CloneBackward0", y.GradFn!.Name);
        (y * 3L).Sum().Backward();
        Close([3, 3], x.Grad!);
    }

    [Fact]
    public void NonDifferentiablePointsUsePyTorchsSubgradients()
    {
        // torch at x = [-1, 0, 2]: abs -> [-1, 0, 1], relu -> [0, 0, 1], sqrt -> [nan, inf, 0.3536].
        var x = Torch.Tensor(new[] { -1.0, 0.0, 2.0 }, requiresGrad: true);
        x.Abs().Sum().Backward();
        Close([-1, 0, 1], x.Grad!);
        x.Grad = null;
        x.Relu().Sum().Backward();
        Close([0, 0, 1], x.Grad!);
        x.Grad = null;
        x.Sqrt().Sum().Backward();
        Close([double.NaN, double.PositiveInfinity, 0.3536], x.Grad!);
    }

    [Fact]
    public void SmoothUnaryFunctionsMatchPyTorch()
    {
        var values = new[] { 0.5, -1.0, 2.0 };
        (Func<Tensor, Tensor> F, string Node, double[] Grad)[] cases =
        [
            (t => t.Sigmoid(), "SigmoidBackward0", [0.2350, 0.1966, 0.1050]),
            (t => t.Tanh(), "TanhBackward0", [0.7864, 0.4200, 0.0707]),
            (t => t.Sin(), "SinBackward0", [0.8776, 0.5403, -0.4161]),
            (t => t.Cos(), "CosBackward0", [-0.4794, 0.8415, -0.9093]),
            (t => t.Abs().Log(), "LogBackward0", [2.0, -1.0, 0.5]),
            (t => -t, "NegBackward0", [-1, -1, -1]),
        ];
        foreach (var (f, node, grad) in cases)
        {
            var x = Torch.Tensor(values, requiresGrad: true);
            var y = f(x);
            Assert.Equal(node, y.GradFn!.Name);
            y.Sum().Backward();
            Close(grad, x.Grad!);
        }
    }

    [Fact]
    public void StepFunctionsHaveZeroGradient()
    {
        foreach (var (f, node) in new (Func<Tensor, Tensor>, string)[]
                 { (t => t.Sign(), "SignBackward0"), (t => t.Floor(), "FloorBackward0"), (t => t.Ceil(), "CeilBackward0"), (t => t.Round(), "RoundBackward0") })
        {
            var x = Torch.Tensor(new[] { 0.3, -1.7 }, requiresGrad: true);
            var y = f(x);
            Assert.Equal(node, y.GradFn!.Name);
            y.Sum().Backward();
            Assert.Equal("tensor([0., 0.])", x.Grad!.ToString());
        }
    }

    [Fact]
    public void ComparisonsRecordNothing()
    {
        var x = Torch.Tensor(new[] { 1.0, -1.0 }, requiresGrad: true);
        Assert.False(x.Gt(0L).RequiresGrad);
        Assert.False((x == x.Detach()).RequiresGrad);
        Assert.False(x.Gt(0L).LogicalAnd(x.Lt(2L)).RequiresGrad);
    }

    [Theory]
    [InlineData("add")]
    [InlineData("sub")]
    [InlineData("mul")]
    [InlineData("div")]
    public void OutArgumentRefusesTensorsThatRequireGrad(string op)
    {
        var x = Torch.Ones([2], requiresGrad: true);
        var y = Torch.Ones(2);
        var r = Torch.Empty(2);
        Func<Tensor, Tensor, Tensor?, Tensor> f = op switch
        {
            "add" => (a, b, o) => Torch.Add(a, b, @out: o),
            "sub" => (a, b, o) => Torch.Sub(a, b, @out: o),
            "mul" => (a, b, o) => Torch.Mul(a, b, @out: o),
            _ => (a, b, o) => Torch.Div(a, b, @out: o),
        };
        var e = Assert.Throws<InvalidOperationException>(() => f(x, y, r));
        Assert.Equal($"{op}(): functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad.", e.Message);
        Assert.Throws<InvalidOperationException>(() => f(y, y, Torch.Empty([2], requiresGrad: true)));
        using (Torch.NoGrad()) Assert.Same(r, f(x, y, r));
        Assert.False(r.RequiresGrad);
    }

    [Fact]
    public void InPlaceOpsOnANonLeafRecordTheirNodes()
    {
        var x = Torch.Tensor(new[] { -1.5, 0.5, 2.0 }, requiresGrad: true);
        (Func<Tensor, Tensor> F, string Node, double[] Grad)[] cases =
        [
            (t => t.Abs_(), "AbsBackward0", [-1, 1, 1]),
            (t => t.Clamp_(0.0, 1.0), "ClampBackward1", [0, 1, 0]),
            (t => t.Pow_(2L), "PowBackward0", [-3, 1, 4]),
            (t => t.Neg_(), "NegBackward0", [-1, -1, -1]),
            (t => t.Relu_(), "ReluBackward0", [0, 1, 1]),
            (t => t.Exp_(), "ExpBackward0", [0.2231, 1.6487, 7.3891]),
        ];
        foreach (var (f, node, grad) in cases)
        {
            x.Grad = null;
            var y = f(x * 1L);
            Assert.Equal(node, y.GradFn!.Name);
            y.Sum().Backward();
            Close(grad, x.Grad!);
        }
    }

    [Fact]
    public void InPlacePowWithTensorExponentUsesTheOldValues()
    {
        // torch: x = [-1.5, .5, 2], e = [2, 3, 1]: x.grad = [-3, .75, 1], e.grad = [nan, -0.0866, 1.3863].
        var x = Torch.Tensor(new[] { -1.5, 0.5, 2.0 }, requiresGrad: true);
        var e = Torch.Tensor(new[] { 2.0, 3.0, 1.0 }, requiresGrad: true);
        var y = (x * 1L).Pow_(e);
        Assert.Equal("PowBackward1", y.GradFn!.Name);
        y.Sum().Backward();
        Close([-3, 0.75, 1], x.Grad!);
        Close([double.NaN, -0.0866, 1.3863], e.Grad!);
    }

    [Fact]
    public void ModifyingASavedResultInPlaceBreaksBackward()
    {
        var x = Torch.Tensor(new[] { 0.0, 1.0 }, requiresGrad: true);
        var y = x.Exp();
        y.Add_(1L);
        var e = Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
        Assert.Contains("modified by an inplace operation", e.Message);
    }

    [Fact]
    public void InPlaceOnALeafThatRequiresGradThrows()
    {
        var x = Torch.Ones([2], requiresGrad: true);
        Assert.Throws<InvalidOperationException>(() => x.Exp_());
    }
}
