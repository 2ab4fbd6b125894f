using StaticNet.NN;

namespace StaticNet.Tests.NN;

/// <summary>MSELoss and L1Loss: values against PyTorch 1.13 and the seed's hand-written loss.</summary>
public class RegressionLossTests
{
    private static Tensor X() => Torch.Tensor(new[,] { { 1.0f, -0.5f, 2.0f, 0.3f }, { 0.2f, 0.1f, -1.0f, 1.5f }, { -2.0f, 0.7f, 0.0f, 0.4f } });
    private static Tensor P() => Torch.Tensor(new[,] { { 0.1f, 0.2f, 0.3f, 0.4f }, { 0.25f, 0.25f, 0.25f, 0.25f }, { 0.7f, 0.1f, 0.1f, 0.1f } });

    [Fact]
    public void L1LossReductionsMatchPyTorch()
    {
        LossAssert.Close([0.81666666f], F.L1Loss(X(), P()));
        LossAssert.Close([9.8f], new L1Loss(LossReduction.Sum).Forward(X(), P()));
        LossAssert.Close([0.9f, 0.7f, 1.7f, 0.1f, 0.05f, 0.15f, 1.25f, 1.25f, 2.7f, 0.6f, 0.1f, 0.3f], F.L1Loss(X(), P(), LossReduction.None));
    }

    [Fact]
    public void L1LossGradientIsTheSignOverTheCount()
    {
        var x = X().RequiresGrad_();
        var loss = F.L1Loss(x, P());
        Assert.Equal("MeanBackward0", loss.GradFn!.Name);
        Assert.Equal("AbsBackward0", loss.GradFn.NextFunctions[0].Node!.Name);
        Assert.Equal("AbsBackward0", F.L1Loss(x, P(), LossReduction.None).GradFn!.Name);
        loss.Backward();
        float s = 1f / 12;
        LossAssert.Close([s, -s, s, -s, -s, -s, -s, s, -s, s, -s, s], x.Grad!);
    }

    [Fact]
    public void MseLossModuleEqualsTheSeedsHandWrittenLoss()
    {
        // Seed 003 writes its loss as (pred - target).pow(2).mean(); MSELoss must give the same number.
        var pred = X();
        var target = P();
        var custom = (pred - target).Pow(2).Mean();
        var module = new MSELoss().Forward(pred, target);
        Assert.Equal(custom.Item<float>(), module.Item<float>(), 6);
        LossAssert.Close([1.2583334f], module); // PyTorch 1.13: F.mse_loss(x, p)
    }

    [Fact]
    public void MseLossGradientEqualsTheHandWrittenLossGradient()
    {
        var a = X().RequiresGrad_();
        var b = X().RequiresGrad_();
        (a - P()).Pow(2).Mean().Backward();
        new MSELoss().Forward(b, P()).Backward();
        LossAssert.Close(a.Grad!.ToArray<float>(), b.Grad!, 1e-6f);
        LossAssert.Close([0.15f, -0.11666667f, 0.28333333f, -0.016666668f], b.Grad![0]); // 2(x − p)/12, row 0
    }

    [Fact]
    public void ModulesPrintLikePyTorch()
    {
        Assert.Equal("MSELoss()", new MSELoss().ToString());
        Assert.Equal("L1Loss()", new L1Loss().ToString());
        Assert.Equal(LossReduction.Sum, new MSELoss(LossReduction.Sum).Reduction);
    }

    [Fact]
    public void SingleArgumentForwardExplainsThatALossNeedsATarget()
    {
        Module loss = new MSELoss();
        Assert.Contains("MSELoss.Forward needs a target: call Forward(input, target)", Assert.Throws<InvalidOperationException>(() => loss.Forward(X())).Message);
    }
}
