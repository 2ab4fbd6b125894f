using StaticNet.Optim;
using static StaticNet.Tests.Optim.OptimTestData;

namespace StaticNet.Tests.Optim;

public class OptimizerStateTests
{
    public static TheoryData<string> StatefulCases() =>
        ["SgdMomentum", "AdamWd", "AdamAmsgrad", "AdamWAmsgrad", "NAdamOptions", "RmspropCenteredMomentumWd", "AdagradOptions"];

    [Theory]
    [MemberData(nameof(StatefulCases))]
    public void AStateDictRoundTripContinuesLikeTheUninterruptedRun(string name)
    {
        var c = Cases[name];
        var p = Param();
        var opt = c.Make([p]);
        for (int s = 0; s < 2; s++)
        {
            p.Grad = Grad(s);
            opt.Step();
        }
        var saved = opt.StateDict();

        // A fresh optimizer over a copy of the parameter, restored, takes the third step as PyTorch did.
        var q = Torch.Tensor(p.ToArray<double>(), dtype: DType.Float64, requiresGrad: true);
        var restored = c.Make([q]);
        restored.LoadStateDict(saved);
        q.Grad = Grad(2);
        restored.Step();
        AssertClose(c.Expected[2], q);

        // The restored buffers are copies: the original optimizer still steps identically.
        p.Grad = Grad(2);
        opt.Step();
        AssertClose(c.Expected[2], p);
    }

    [Fact]
    public void AdamsStateDictHasPyTorchsKeysAndValues()
    {
        var p = Param();
        var opt = new Adam([p], lr: 0.01, beta2: 0.5, amsgrad: true);
        p.Grad = Grad(0);
        opt.Step();
        p.Grad = Grad(1);
        opt.Step();
        var sd = opt.StateDict();
        var state = sd.State[0];
        Assert.Equal(["step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq"], state.Keys);
        Assert.Equal(DType.Float32, state["step"].DType);
        Assert.Equal(0, state["step"].Dim);
        Assert.Equal(2f, state["step"].Item<float>());
        // exp_avg = lerp(lerp(0, g1, 0.1), g2, 0.1) = 0.09·g1 + 0.1·g2; exp_avg_sq = 0.25·g1² + 0.5·g2²
        AssertClose([0.015, -0.01, 0.33], state["exp_avg"], 1e-15);
        AssertClose([0.1075, 0.57, 2.125], state["exp_avg_sq"], 1e-15);
        AssertClose([0.125, 0.57, 2.125], state["max_exp_avg_sq"], 1e-15);
        var group = Assert.Single(sd.ParamGroups);
        Assert.Equal([0], group.Params);
        Assert.Equal(["lr", "betas", "eps", "weight_decay", "amsgrad", "maximize"], group.Options.Keys);
        Assert.Equal(0.01, group.Options["lr"]);
        Assert.Equal((0.9, 0.5), group.Options["betas"]);
        Assert.Equal(true, group.Options["amsgrad"]);
    }

    [Fact]
    public void LoadingRestoresGroupOptionsAndIgnoresForeignKeys()
    {
        var opt = new SGD([Param()], lr: 0.1);
        var sd = opt.StateDict();
        sd.ParamGroups[0].Options["lr"] = 0.5;
        sd.ParamGroups[0].Options["nesterov"] = true;
        sd.ParamGroups[0].Options["momentum"] = 0.9;
        sd.ParamGroups[0].Options["foreach"] = false; // written by PyTorch, unused here
        var other = new SGD([Param()], lr: 0.1);
        other.LoadStateDict(sd);
        Assert.Equal(0.5, other.ParamGroups[0].Lr);
        Assert.True(other.ParamGroups[0].Nesterov);
        Assert.Equal(0.9, other.ParamGroups[0].Momentum);
    }

    [Fact]
    public void MismatchedStateDictsAreRejected()
    {
        var one = new SGD([Param()], lr: 0.1, momentum: 0.9);
        var two = new SGD([new ParamGroup([Param()]), new ParamGroup([Param()])], lr: 0.1, momentum: 0.9);
        Assert.StartsWith("loaded state dict has a different number of parameter groups",
            Assert.Throws<ArgumentException>(() => one.LoadStateDict(two.StateDict())).Message);
        var pair = new SGD([Param(), Param()], lr: 0.1, momentum: 0.9);
        Assert.StartsWith("loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
            Assert.Throws<ArgumentException>(() => one.LoadStateDict(pair.StateDict())).Message);

        var p = Param();
        one = new SGD([p], lr: 0.1, momentum: 0.9);
        p.Grad = Grad(0);
        one.Step();
        var wide = new SGD([Param(2)], lr: 0.1, momentum: 0.9);
        var e = Assert.Throws<ArgumentException>(() => wide.LoadStateDict(one.StateDict()));
        Assert.Equal("loaded state 'momentum_buffer' of parameter 0 has shape [3], but the parameter has shape [6]", e.Message);
    }
}
