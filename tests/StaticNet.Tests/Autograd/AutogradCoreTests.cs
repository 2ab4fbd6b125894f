using StaticNet.Autograd;

namespace StaticNet.Tests.Autograd;

[Collection(StaticNet.Tests.RandomGeneration.RandomCollection.Name)] // seeds the default generator
public class AutogradCoreTests
{
    [Fact]
    public void Seed000GradientsOfZAreOneAndSix()
    {
        // z = (x + y) * (y - 2) at x = 2, y = 3: dz/dx = y - 2 = 1, dz/dy = x + 2y - 2 = 6.
        var x = Torch.Tensor(new[] { 2.0 }, requiresGrad: true);
        var y = Torch.Tensor(new[] { 3.0 }, requiresGrad: true);
        var z = (x + y) * (y - 2);
        Assert.Equal("tensor([5.], grad_fn=<MulBackward0>)", z.ToString());
        z.Backward();
        Assert.Equal("tensor([1.])", x.Grad!.ToString());
        Assert.Equal("tensor([6.])", y.Grad!.ToString());
    }

    [Fact]
    public void ResultsRequireGradWhenAnyInputDoes()
    {
        // seed 001: a = x + y needs no grad; b = a + z does when z does.
        var x = Torch.Ones(2);
        var y = Torch.Ones(2);
        var z = Torch.Ones([2], requiresGrad: true);
        var a = x + y;
        Assert.False(a.RequiresGrad);
        Assert.Null(a.GradFn);
        var b = a + z;
        Assert.True(b.RequiresGrad);
        Assert.False(b.IsLeaf);
        Assert.True(z.IsLeaf);
        Assert.Equal("AddBackward0", b.GradFn!.Name);
    }

    [Fact]
    public void NextFunctionsWalkBackToAccumulateGrad()
    {
        var x = Torch.Ones([2], requiresGrad: true);
        var y = x * 2 + x;
        var add = y.GradFn!;
        Assert.Equal("AddBackward0", add.Name);
        var mul = add.NextFunctions[0].Node!;
        Assert.Equal("MulBackward0", mul.Name);
        Assert.Equal(0, add.NextFunctions[0].InputNr);
        var leaf = Assert.IsType<AccumulateGrad>(mul.NextFunctions[0].Node);
        Assert.Same(x, leaf.Variable);
        Assert.Null(mul.NextFunctions[1].Node); // the 2 needs no gradient
        Assert.Same(leaf, add.NextFunctions[1].Node); // one accumulator per leaf
    }

    [Fact]
    public void GradientsAccumulateAcrossBackwardCallsUntilZeroed()
    {
        var x = Torch.Tensor(new[] { 1.0, 2.0 }, requiresGrad: true);
        (x * x).Sum().Backward();
        (x * x).Sum().Backward();
        Assert.Equal(new[] { 4f, 8f }, x.Grad!.ToArray<float>());
        x.Grad = null;
        (x * 3).Sum().Backward();
        Assert.Equal(new[] { 3f, 3f }, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void SecondBackwardThroughFreedBuffersThrowsUnlessRetained()
    {
        var x = Torch.Tensor(new[] { 2.0 }, requiresGrad: true);
        var y = x * x;
        y.Backward(retainGraph: true);
        y.Backward();
        Assert.Equal(8f, x.Grad!.Item<float>());
        var e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("Trying to backward through the graph a second time", e.Message);
        Assert.Contains("retainGraph: true", e.Message);
    }

    [Fact]
    public void BackwardOnANonScalarNeedsAGradient()
    {
        var x = Torch.Ones([2, 2], requiresGrad: true);
        var y = x * 3;
        var e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Equal("grad can be implicitly created only for scalar outputs", e.Message);
        y.Backward(Torch.Full([2, 2], 0.5));
        Assert.All(x.Grad!.ToArray<float>(), v => Assert.Equal(1.5f, v));
        var bad = Assert.Throws<ArgumentException>(() => (x * 3).Backward(Torch.Ones(3)));
        Assert.Contains("Mismatch in shape", bad.Message);
    }

    [Fact]
    public void BackwardOfATensorWithoutHistoryThrows()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Torch.Ones(1).Backward());
        Assert.Contains("does not require grad and does not have a grad_fn", e.Message);
    }

    [Fact]
    public void DetachSharesDataWithoutHistory()
    {
        var x = Torch.Ones([2], requiresGrad: true);
        var y = x * 2;
        var d = y.Detach();
        Assert.False(d.RequiresGrad);
        Assert.Null(d.GradFn);
        Assert.Same(y.Storage, d.Storage);
        Assert.True(d.Eq(y).All().ItemBool());
    }

    [Fact]
    public void NoGradScopesNestAndRestore()
    {
        var x = Torch.Ones([2], requiresGrad: true);
        using (Torch.NoGrad())
        {
            Assert.False((x * x).RequiresGrad);
            using (Torch.EnableGrad()) Assert.True((x * x).RequiresGrad);
            Assert.False(Torch.IsGradEnabled());
        }
        Assert.True(Torch.IsGradEnabled());
        Assert.True((x * x).RequiresGrad);
    }

    [Fact]
    public async Task NoGradIsPerFlowOfExecution()
    {
        // A thread running before the scope opens keeps its own mode; a task started inside the scope inherits it.
        using var entered = new ManualResetEventSlim();
        using var checkedIt = new ManualResetEventSlim();
        bool other = false;
        var t = new Thread(() =>
        {
            entered.Wait();
            other = Torch.IsGradEnabled();
            checkedIt.Set();
        });
        t.Start();
        using (Torch.NoGrad())
        {
            entered.Set();
            checkedIt.Wait();
            Assert.True(other);
            Assert.False(await Task.Run(Torch.IsGradEnabled));
            await Task.Yield();
            Assert.False(Torch.IsGradEnabled());
        }
        t.Join();
        Assert.True(Torch.IsGradEnabled());
    }

    [Fact]
    public void InPlaceOnALeafThatRequiresGradThrowsOutsideNoGrad()
    {
        var w = Torch.Ones([2], requiresGrad: true);
        var e = Assert.Throws<InvalidOperationException>(() => w.Add_(Torch.Ones(2)));
        Assert.Contains("a leaf Variable that requires grad is being used in an in-place operation", e.Message);
        using (Torch.NoGrad()) w.Sub_(Torch.Ones(2));
        Assert.All(w.ToArray<float>(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void InPlaceChangeOfASavedTensorIsDetected()
    {
        var x = Torch.Ones([2], requiresGrad: true);
        var y = x * 2;
        var z = y * y;          // saves y
        y.Add_(Torch.Ones(2));  // changes it
        var e = Assert.Throws<InvalidOperationException>(() => z.Sum().Backward());
        Assert.Contains("one of the variables needed for gradient computation has been modified by an inplace operation", e.Message);
        Assert.Contains("MulBackward0", e.Message);
    }

    [Fact]
    public void InPlaceOpOnANonLeafRebasesItsHistory()
    {
        var x = Torch.Tensor(new[] { 1.0, 2.0 }, requiresGrad: true);
        var y = x * 3;
        y.Mul_(x); // y = 3x²: dy/dx = 6x
        Assert.Equal("MulBackward0", y.GradFn!.Name);
        y.Sum().Backward();
        Assert.Equal(new[] { 6f, 12f }, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void GradOfANonLeafWarnsAndStaysNullUnlessRetained()
    {
        var messages = new List<string>();
        void Listen(string m) => messages.Add(m);
        Warnings.Raised += Listen;
        try
        {
            var x = Torch.Ones([2], requiresGrad: true);
            var y = x * 2;
            var z = y * 3;
            z.Sum().Backward();
            Assert.Null(y.Grad);
            Assert.Contains(messages, m => m.Contains("not a leaf Tensor"));
            var y2 = x * 2;
            y2.RetainGrad();
            (y2 * 3).Sum().Backward();
            Assert.Equal(new[] { 3f, 3f }, y2.Grad!.ToArray<float>());
        }
        finally
        {
            Warnings.Raised -= Listen;
        }
    }

    [Fact]
    public void RequiresGradOfANonLeafCannotBeChanged()
    {
        var y = Torch.Ones([1], requiresGrad: true) * 2;
        var e = Assert.Throws<InvalidOperationException>(() => y.RequiresGrad = false);
        Assert.Contains("you can only change requires_grad flags of leaf variables", e.Message);
    }

    [Fact]
    public void FunctionalGradReturnsWithoutAccumulating()
    {
        var x = Torch.Tensor(new[] { 1.0, 2.0 }, DType.Float64, requiresGrad: true);
        var y = x * x * x;
        var g = Torch.Autograd.Grad([y.Sum()], [x]);
        Assert.Equal(new[] { 3.0, 12.0 }, g[0]!.ToArray<double>());
        Assert.Null(x.Grad);
        var unused = Torch.Ones([1], DType.Float64, requiresGrad: true);
        var e = Assert.Throws<InvalidOperationException>(() => Torch.Autograd.Grad([(x * 2).Sum()], [unused]));
        Assert.Contains("appears to not have been used in the graph", e.Message);
        Assert.Null(Torch.Autograd.Grad([(x * 2).Sum()], [unused], allowUnused: true)[0]);
    }

    [Fact]
    public void GradientsAreSummedBackOverBroadcastDimensions()
    {
        var a = Torch.Ones([2, 3], requiresGrad: true);
        var b = Torch.Ones([3], requiresGrad: true);
        var c = Torch.Ones([2, 1], requiresGrad: true);
        (a * b + c).Backward(Torch.Ones(2, 3));
        Assert.Equal(new Size(3), b.Grad!.Shape);
        Assert.All(b.Grad.ToArray<float>(), v => Assert.Equal(2f, v));
        Assert.Equal(new Size(2, 1), c.Grad!.Shape);
        Assert.All(c.Grad.ToArray<float>(), v => Assert.Equal(3f, v));
    }

    [Fact]
    public void GradCheckAcceptsCorrectAndRejectsWrongGradients()
    {
        Torch.ManualSeed(3);
        var a = Torch.Randn([3, 4], DType.Float64, requiresGrad: true);
        var b = Torch.Randn([4], DType.Float64, requiresGrad: true);
        Assert.True(Torch.Autograd.GradCheck(t => t[0] * t[1] + t[0] / (t[1] * t[1] + 1), [a, b]));
        // A function whose "gradient" is wrong: detaching part of the computation hides a dependency.
        Assert.False(Torch.Autograd.GradCheck(t => t[0] * t[0].Detach(), [a], raiseException: false));
        var e = Assert.Throws<GradcheckException>(() => Torch.Autograd.GradCheck(t => t[0] * t[0].Detach(), [a]));
        Assert.Contains("Jacobian mismatch", e.Message);
        Assert.Throws<ArgumentException>(() => Torch.Autograd.GradCheck(t => t[0] * 2, [Torch.Ones([2], requiresGrad: true)]));
    }
}
