using StaticNet.Autograd;

namespace StaticNet.Tests.Autograd;

/// <summary>A custom function whose backward is 0/0 at 0, to see anomaly mode name a user-defined node.</summary>
public sealed class NanAtZero : Function<NanAtZero>
{
    protected override Tensor Forward(FunctionContext ctx, Tensor input)
    {
        ctx.SaveForBackward(input);
        return input.Abs();
    }

    protected override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput)
    {
        var input = ctx.SavedTensors[0];
        return [gradOutput * input / input.Abs()];
    }
}

public class AnomalyModeTests
{
    [Fact]
    public void NanGradientNamesTheNodeAndTheForwardCallSite()
    {
        var x = Torch.Tensor(new[] { 1f, 2f }).RequiresGrad_();
        var w = Torch.Tensor(new[] { 0f, float.NaN });
        using (Torch.Autograd.DetectAnomaly())
        {
            Assert.True(Torch.Autograd.IsAnomalyEnabled());
            var y = (x * w).Sum();
            var e = Assert.Throws<AutogradAnomalyException>(() => y.Backward());
            // torch 1.13 raises exactly this for the same graph
            Assert.StartsWith("Function 'MulBackward0' returned nan values in its 0th output.", e.Message);
            Assert.Equal("MulBackward0", e.NodeName);
            Assert.Equal(0, e.OutputIndex);
            Assert.Contains(nameof(NanGradientNamesTheNodeAndTheForwardCallSite), e.ForwardTrace);
            Assert.Contains("AnomalyModeTests.cs:line", e.ForwardTrace);
        }
        Assert.False(Torch.Autograd.IsAnomalyEnabled());
    }

    [Fact]
    public void InfiniteGradientIsAnAnomalyToo()
    {
        var x = Torch.Tensor(new[] { 0.0 }).RequiresGrad_();
        using var _ = Torch.Autograd.DetectAnomaly();
        var e = Assert.Throws<AutogradAnomalyException>(() => x.Sqrt().Sum().Backward()); // d√x/dx = ∞ at 0
        Assert.StartsWith("Function 'SqrtBackward0' returned inf values in its 0th output.", e.Message);
    }

    [Fact]
    public void OutsideAnomalyModeTheNanFlowsIntoGrad()
    {
        var x = Torch.Tensor(new[] { 1f, 2f }).RequiresGrad_();
        (x * Torch.Tensor(new[] { 0f, float.NaN })).Sum().Backward();
        Assert.True(float.IsNaN(x.Grad!.ToArray<float>()[1]));
    }

    [Fact]
    public void NodeRecordedOutsideTheScopeIsNamedWithoutACallSite()
    {
        var x = Torch.Tensor(new[] { 1f }).RequiresGrad_();
        var y = (x * Torch.Tensor(new[] { float.NaN })).Sum();
        using var _ = Torch.Autograd.DetectAnomaly();
        var e = Assert.Throws<AutogradAnomalyException>(() => y.Backward());
        Assert.Null(e.ForwardTrace);
        Assert.Contains("enter Torch.Autograd.DetectAnomaly() before the forward pass", e.Message);
    }

    [Fact]
    public void UserDefinedFunctionsAreCheckedByName()
    {
        var x = Torch.Tensor(new[] { 0f, 1f }).RequiresGrad_();
        using var _ = Torch.Autograd.DetectAnomaly();
        var y = NanAtZero.Apply(x).Sum();
        var e = Assert.Throws<AutogradAnomalyException>(() => y.Backward());
        Assert.Equal("NanAtZeroBackward", e.NodeName);
        Assert.Contains(nameof(UserDefinedFunctionsAreCheckedByName), e.ForwardTrace);
    }

    [Fact]
    public void FiniteGradientsPassUnchanged()
    {
        var x = Torch.Tensor(new[] { 1f, 2f }).RequiresGrad_();
        using (Torch.Autograd.DetectAnomaly()) (x * x).Sum().Backward();
        Assert.Equal([2f, 4f], x.Grad!.ToArray<float>());
    }
}
