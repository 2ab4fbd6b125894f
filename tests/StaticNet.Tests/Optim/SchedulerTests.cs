using StaticNet.Optim;
using StaticNet.Optim.Schedulers;

namespace StaticNet.Tests.Optim;

public class SchedulerTests
{
    private static SGD NewSgd() => new([Torch.Zeros([1], requiresGrad: true)], lr: 0.1);

    // Each sequence is PyTorch 1.13's get_last_lr()[0] (or param_groups[0]['lr']) after optimizer.step(); scheduler.step().
    private static void AssertLrs(double[] expected, Func<double> stepAndRead)
    {
        foreach (var lr in expected) Assert.Equal(lr, stepAndRead(), 1e-15);
    }

    [Fact]
    public void StepLRHalvesEveryTwoEpochs()
    {
        var opt = NewSgd();
        var s = new StepLR(opt, stepSize: 2, gamma: 0.5);
        Assert.Equal([0.1], s.GetLastLr());
        Assert.Equal(0.1, opt.ParamGroups[0].InitialLr);
        AssertLrs([0.1, 0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125], () => { opt.Step(); s.Step(); return s.GetLastLr()[0]; });
        Assert.Equal(7, s.LastEpoch);
    }

    [Fact]
    public void CosineAnnealingFollowsPyTorchsRecursionThroughARestart()
    {
        var opt = NewSgd();
        var s = new CosineAnnealingLR(opt, tMax: 3, etaMin: 0.01);
        AssertLrs(
            [0.0775, 0.032500000000000015, 0.01, 0.0325, 0.07750000000000005, 0.10000000000000007, 0.07750000000000007, 0.03250000000000006, 0.01, 0.0325],
            () => { opt.Step(); s.Step(); return s.GetLastLr()[0]; });
        Assert.Equal(0.0325, opt.ParamGroups[0].Lr, 1e-15);
    }

    [Fact]
    public void SchedulersSetEveryGroupFromItsOwnRate()
    {
        var opt = new SGD([new ParamGroup([Torch.Zeros([1], requiresGrad: true)]), new ParamGroup([Torch.Zeros([1], requiresGrad: true)]) { Lr = 1.0 }], lr: 0.1);
        var s = new StepLR(opt, stepSize: 1, gamma: 0.5);
        opt.Step();
        s.Step();
        Assert.Equal([0.05, 0.5], s.GetLastLr());
        Assert.Equal([0.1, 1.0], s.BaseLrs);
    }

    [Fact]
    public void PlateauReducesAfterPatienceWithCooldownAndFloor()
    {
        var opt = NewSgd();
        var s = new ReduceLROnPlateau(opt, patience: 2, cooldown: 1, minLr: 0.002);
        double[] metrics = [1.0, 0.9, 0.95, 0.93, 0.92, 0.91, 0.91, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6];
        double[] expected = [0.1, 0.1, 0.1, 0.1, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002,
            0.010000000000000002, 0.010000000000000002, 0.002, 0.002, 0.002, 0.002];
        for (int i = 0; i < metrics.Length; i++)
        {
            s.Step(metrics[i]);
            Assert.Equal(expected[i], opt.ParamGroups[0].Lr, 1e-17);
        }
        Assert.Equal(0.5, s.Best);
    }

    [Fact]
    public void PlateauInMaxModeWithAnAbsoluteThreshold()
    {
        var opt = NewSgd();
        var s = new ReduceLROnPlateau(opt, mode: "max", factor: 0.5, patience: 1, threshold: 0.05, thresholdMode: "abs");
        double[] metrics = [1.0, 1.05, 1.1, 1.12, 1.13, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2];
        double[] expected = [0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125, 0.00625];
        for (int i = 0; i < metrics.Length; i++)
        {
            s.Step(metrics[i]);
            Assert.Equal(expected[i], s.GetLastLr()[0], 1e-17);
        }
    }

    [Fact]
    public void PlateauWithRelativeThresholdNeedsARealImprovement()
    {
        var opt = NewSgd();
        var s = new ReduceLROnPlateau(opt, patience: 0);
        double[] metrics = [1.0, 0.99995, 0.9999, 0.9998, 0.99, 0.98];
        double[] expected = [0.1, 0.010000000000000002, 0.0010000000000000002, 0.0010000000000000002, 0.0010000000000000002, 0.0010000000000000002];
        for (int i = 0; i < metrics.Length; i++)
        {
            s.Step(metrics[i]);
            Assert.Equal(expected[i], s.GetLastLr()[0], 1e-18);
        }
    }

    [Fact]
    public void PlateauRejectsBadArguments()
    {
        Assert.StartsWith("Factor should be < 1.0.", Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(NewSgd(), factor: 1.0)).Message);
        Assert.StartsWith("mode median is unknown!", Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(NewSgd(), mode: "median")).Message);
        Assert.StartsWith("threshold mode x is unknown!", Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(NewSgd(), thresholdMode: "x")).Message);
    }

    [Fact]
    public void SteppingTheSchedulerBeforeTheOptimizerWarns()
    {
        var warnings = new List<string>();
        void Collect(string m) => warnings.Add(m);
        Warnings.Raised += Collect;
        try
        {
            var opt = NewSgd();
            var s = new StepLR(opt, stepSize: 1);
            s.Step();
            Assert.Contains(warnings, w => w.StartsWith("Detected call of `lr_scheduler.step()` before `optimizer.step()`."));
            warnings.Clear();
            var ok = NewSgd();
            var t = new StepLR(ok, stepSize: 1);
            ok.Step();
            t.Step();
            Assert.DoesNotContain(warnings, w => w.StartsWith("Detected call"));
        }
        finally
        {
            Warnings.Raised -= Collect;
        }
    }
}
