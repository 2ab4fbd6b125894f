using StaticNet.NN;
using StaticNet.Optim;
using static StaticNet.Tests.Optim.OptimTestData;

namespace StaticNet.Tests.Optim;

public class ParamGroupTests
{
    [Fact]
    public void GroupsOverrideTheDefaultsAndStepWithTheirOwnOptions()
    {
        // PyTorch: SGD([{'params': [a]}, {'params': [b], 'lr': 0.01, 'momentum': 0.5}], lr=0.1, momentum=0.9), two steps.
        var a = Param();
        var b = Torch.Tensor(new[] { 0.5, 0.25 }, dtype: DType.Float64, requiresGrad: true);
        var opt = new SGD([new ParamGroup([a]), new ParamGroup([b]) { Lr = 0.01, Momentum = 0.5 }], lr: 0.1, momentum: 0.9);
        double[][] expectedA = [[0.95, -1.9, 2.8], [0.9349999999999999, -1.89, 2.4699999999999998]];
        double[][] expectedB = [[0.495, 0.26], [0.4955, 0.257]];
        for (int s = 0; s < 2; s++)
        {
            a.Grad = Grad(s);
            b.Grad = Torch.Tensor(G[s][..2], dtype: DType.Float64);
            opt.Step();
            AssertClose(expectedA[s], a);
            AssertClose(expectedB[s], b);
        }
        Assert.Equal(0.1, opt.ParamGroups[0].Lr);
        Assert.Equal(0.9, opt.ParamGroups[0].Momentum);
        Assert.Equal(0.01, opt.ParamGroups[1].Lr);
        Assert.Equal(0.5, opt.ParamGroups[1].Momentum);
        Assert.Equal(0.0, opt.ParamGroups[1].Dampening);
        Assert.False(opt.ParamGroups[1].Nesterov);
    }

    [Fact]
    public void ChangingAGroupsLearningRateTakesEffectOnTheNextStep()
    {
        var p = Param();
        var opt = new SGD([p], lr: 0.1);
        p.Grad = Grad(0);
        opt.Step();
        opt.ParamGroups[0].Lr = 1.0;
        p.Grad = Grad(1);
        opt.Step();
        // [0.95, -1.9, 2.8] − 1.0 · [−0.3, 0.8, 1.5]
        AssertClose([1.25, -2.7, 1.3], p);
    }

    [Fact]
    public void ModuleParametersCanBeSplitIntoGroups()
    {
        var net = new Sequential(new Linear(2, 3), new Linear(3, 1));
        var opt = new Adam([new ParamGroup(net[0].Parameters()), new ParamGroup(net[1].Parameters()) { Lr = 1e-4 }], lr: 1e-2);
        Assert.Equal(2, opt.ParamGroups[0].Params.Count);
        Assert.Equal(1e-2, opt.ParamGroups[0].Lr);
        Assert.Equal(1e-4, opt.ParamGroups[1].Lr);
        Assert.Equal(0.999, opt.ParamGroups[1].Beta2);
    }

    [Fact]
    public void FrozenAndGradlessParametersAreUntouched()
    {
        var trained = Param();
        var frozen = Param();
        frozen.RequiresGrad = false;
        var untouched = Param();
        var opt = new Adam([trained, frozen, untouched], lr: 0.01, weightDecay: 0.1);
        frozen.Grad = Grad(0); // a gradient on a frozen tensor is ignored too
        trained.Grad = Grad(0);
        opt.Step();
        AssertClose(P0, frozen, 0);
        AssertClose(P0, untouched, 0);
        Assert.NotEqual(P0[0], trained.ToArray<double>()[0]);
        var state = opt.StateDict().State;
        Assert.Equal([0], state.Keys);
    }

    [Fact]
    public void AddParamGroupFillsDefaultsAndStepsTheNewParameters()
    {
        var a = Param();
        var b = Param();
        var opt = new Adagrad([a], lr: 0.1, initialAccumulatorValue: 0.5);
        opt.AddParamGroup(new ParamGroup([b]) { WeightDecay = 0.1, LrDecay = 0.1, Eps = 1e-6 });
        Assert.Equal(0.1, opt.ParamGroups[1].Lr);
        Assert.Equal(0.5, opt.ParamGroups[1].InitialAccumulatorValue);
        // Adagrad creates state for the new group at once, as for the constructor's groups.
        Assert.Equal(2, opt.StateDict().State.Count);
        for (int s = 0; s < 3; s++)
        {
            b.Grad = Grad(s);
            opt.Step();
            AssertClose(Cases["AdagradOptions"].Expected[s], b);
        }
    }

    [Fact]
    public void ZeroGradSetsToNullOrZeroesInPlace()
    {
        var p = Param();
        var opt = new SGD([p], lr: 0.1);
        var g = Grad(0);
        p.Grad = g;
        opt.ZeroGrad(setToNone: false);
        Assert.Same(g, p.Grad);
        AssertClose([0, 0, 0], g, 0);
        opt.ZeroGrad();
        Assert.Null(p.Grad);
        opt.Step(); // nothing to do without gradients
        AssertClose(P0, p, 0);
    }

    [Fact]
    public void OptionsAnOptimizerDoesNotUseCannotBeSetOrRead()
    {
        var e = Assert.Throws<ArgumentException>(() => new SGD([new ParamGroup([Param()]) { Beta1 = 0.5 }], lr: 0.1));
        Assert.Equal("SGD has no option 'betas', but parameter group 0 sets it.", e.Message);
        var opt = new SGD([Param()], lr: 0.1);
        var r = Assert.Throws<InvalidOperationException>(() => opt.ParamGroups[0].Eps);
        Assert.Contains("'eps'", r.Message);
    }
}
