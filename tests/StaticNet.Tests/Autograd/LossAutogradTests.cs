namespace StaticNet.Tests.Autograd;

public class LossAutogradTests
{
    [Fact]
    public void MseLossMatchesHandComputedValueAndGradient()
    {
        var x = Torch.Tensor(new[] { 1.0, 2.0, 4.0 }, requiresGrad: true);
        var y = Torch.Tensor(new[] { 0.0, 2.0, 1.0 });
        var loss = F.MseLoss(x, y);
        // ((1)² + 0² + 3²) / 3 = 10/3; d/dx = 2(x − y)/3 = [2/3, 0, 2]
        Assert.Equal(10f / 3, loss.Item<float>(), 6);
        Assert.Equal("MseLossBackward0", loss.GradFn!.Name);
        Assert.Equal("tensor(3.3333, grad_fn=<MseLossBackward0>)", loss.ToString());
        loss.Backward();
        Assert.Equal(new[] { 2f / 3, 0f, 2f }, x.Grad!.ToArray<float>());
        Assert.Null(loss.GradFn.NextFunctions[1].Node);
    }

    [Fact]
    public void MseLossReductions()
    {
        var x = Torch.Tensor(new[] { 1.0, 3.0 });
        var y = Torch.Tensor(new[] { 0.0, 0.0 });
        Assert.Equal(10f, F.MseLoss(x, y, LossReduction.Sum).Item<float>());
        Assert.Equal(new[] { 1f, 9f }, F.MseLoss(x, y, LossReduction.None).ToArray<float>());
    }
}
