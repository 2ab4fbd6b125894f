using StaticNet.NN;

namespace StaticNet.Tests.Autograd;

/// <summary>
/// <c>RegisterPostAccumulateGradHook</c> on eager modules: the hook runs once per backward pass, after the leaf's
/// gradient is final (it sees the summed gradient of every path), can be removed, and is refused on non-leaves.
/// </summary>
public class PostAccumulateGradHookTests
{
    [Fact]
    public void HookSeesTheFinalGradientOncePerBackwardEvenWhenTheLeafHasSeveralUses()
    {
        var w = Torch.Tensor(new[] { 1.0, 2.0 }, requiresGrad: true);
        var seen = new List<double[]>();
        w.RegisterPostAccumulateGradHook(t => seen.Add(t.Grad!.ToArray<double>()));
        // y = Σ 3w + Σ w² so dy/dw = 3 + 2w = [5, 7]: both paths must be summed before the hook runs.
        (w * 3).Sum().Add((w * w).Sum()).Backward();
        Assert.Single(seen);
        Assert.Equal(new[] { 5.0, 7.0 }, seen[0]);
        // A second pass accumulates: the hook sees 2 · [5, 7].
        (w * 3).Sum().Add((w * w).Sum()).Backward();
        Assert.Equal(2, seen.Count);
        Assert.Equal(new[] { 10.0, 14.0 }, seen[1]);
    }

    [Fact]
    public void HookMayRewriteTheGradientInPlaceAndRemovedHooksStopRunning()
    {
        var layer = new Linear(3, 2);
        int calls = 0;
        var handle = layer.Weight.RegisterPostAccumulateGradHook(t => { calls++; t.Grad!.Mul_(0.5); });
        var x = Torch.Ones(4, 3);
        layer.Forward(x).Sum().Backward();
        // d(Σ xWᵀ + b)/dW = Σ_rows x = 4 in every entry, halved by the hook.
        Assert.All(layer.Weight.Grad!.ToArray<float>(), g => Assert.Equal(2f, g));
        handle.Remove();
        handle.Remove();
        layer.ZeroGrad();
        layer.Forward(x).Sum().Backward();
        Assert.Equal(1, calls);
        Assert.All(layer.Weight.Grad!.ToArray<float>(), g => Assert.Equal(4f, g));
    }

    [Fact]
    public void AutogradGradDoesNotRunTheHook()
    {
        var w = Torch.Tensor(new[] { 1.0 }, requiresGrad: true);
        int calls = 0;
        w.RegisterPostAccumulateGradHook(_ => calls++);
        var g = Torch.Autograd.Grad([(w * w).Sum()], [w]);
        Assert.Equal(2.0, g[0]!.Item<double>());
        Assert.Equal(0, calls);
        Assert.Null(w.Grad);
    }

    [Fact]
    public void HooksAreRefusedOnNonLeavesAndOnTensorsThatNeedNoGradient()
    {
        var w = Torch.Tensor(new[] { 1.0 }, requiresGrad: true);
        var e = Assert.Throws<InvalidOperationException>(() => (w * 2).RegisterPostAccumulateGradHook(_ => { }));
        Assert.Equal("post accumulate grad hooks cannot be registered on non-leaf tensors", e.Message);
        e = Assert.Throws<InvalidOperationException>(() => Torch.Ones(2).RegisterPostAccumulateGradHook(_ => { }));
        Assert.Equal("cannot register a hook on a tensor that doesn't require gradient", e.Message);
    }
}
