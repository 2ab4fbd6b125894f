using StaticNet.Optim;
using static StaticNet.Tests.Optim.OptimTestData;

namespace StaticNet.Tests.Optim;

public class OptimizerValidationTests
{
    public static TheoryData<string, string> InvalidArguments() => new()
    {
        { "SGD lr", "Invalid learning rate: -1.0" },
        { "SGD momentum", "Invalid momentum value: -0.5" },
        { "SGD nesterov", "Nesterov momentum requires a momentum and zero dampening" },
        { "Adam beta1", "Invalid beta parameter at index 0: 1.0" },
        { "Adam beta2", "Invalid beta parameter at index 1: -0.1" },
        { "AdamW eps", "Invalid epsilon value: -1e-08" },
        { "NAdam momentumDecay", "Invalid momentum_decay value: -0.004" },
        { "RMSprop alpha", "Invalid alpha value: -0.99" },
        { "Adagrad lrDecay", "Invalid lr_decay value: -0.1" },
        { "Adagrad initial", "Invalid initial_accumulator_value value: -1.0" },
        { "group lr", "Invalid learning rate: -0.001" },
    };

    [Theory]
    [MemberData(nameof(InvalidArguments))]
    public void InvalidHyperparametersRaisePyTorchsMessages(string what, string message)
    {
        Tensor[] ps = [Param()];
        Action make = what switch
        {
            "SGD lr" => () => new SGD(ps, lr: -1),
            "SGD momentum" => () => new SGD(ps, lr: 0.1, momentum: -0.5),
            "SGD nesterov" => () => new SGD(ps, lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true),
            "Adam beta1" => () => new Adam(ps, beta1: 1.0),
            "Adam beta2" => () => new Adam(ps, beta2: -0.1),
            "AdamW eps" => () => new AdamW(ps, eps: -1e-8),
            "NAdam momentumDecay" => () => new NAdam(ps, momentumDecay: -4e-3),
            "RMSprop alpha" => () => new RMSprop(ps, alpha: -0.99),
            "Adagrad lrDecay" => () => new Adagrad(ps, lrDecay: -0.1),
            "Adagrad initial" => () => new Adagrad(ps, initialAccumulatorValue: -1),
            _ => () => new SGD([new ParamGroup(ps) { Lr = -1e-3 }], lr: 0.1),
        };
        Assert.Equal(message, Assert.Throws<ArgumentException>(make).Message);
    }

    [Fact]
    public void ParametersMustBeNonEmptyDistinctFloatingContiguousLeaves()
    {
        Assert.Equal("optimizer got an empty parameter list",
            Assert.Throws<ArgumentException>(() => new SGD(Array.Empty<Tensor>(), lr: 0.1)).Message);
        var p = Param();
        Assert.Equal("some parameters appear in more than one parameter group",
            Assert.Throws<ArgumentException>(() => new SGD([new ParamGroup([p]), new ParamGroup([p])], lr: 0.1)).Message);
        var nonLeaf = Param() * 2.0;
        Assert.Equal("can't optimize a non-leaf Tensor", Assert.Throws<ArgumentException>(() => new SGD([nonLeaf], lr: 0.1)).Message);
        Assert.Contains("floating point dtype, but parameter 0 of the group is int64",
            Assert.Throws<ArgumentException>(() => new SGD([Torch.Arange(3)], lr: 0.1)).Message);
        var strided = Torch.Zeros([2, 3], DType.Float64).T;
        Assert.Contains("shape [3, 2] and strides (1, 3)", Assert.Throws<ArgumentException>(() => new SGD([strided], lr: 0.1)).Message);
    }

    [Fact]
    public void AGradientOfAnotherDtypeIsRejectedAtStep()
    {
        var p = Param();
        var opt = new SGD([p], lr: 0.1);
        p.Grad = Grad(0, dtype: DType.Float32);
        var e = Assert.Throws<InvalidOperationException>(opt.Step);
        Assert.Contains("float32", e.Message);
        Assert.Contains("float64", e.Message);
    }

    [Fact]
    public void AStridedGradientIsReadInLogicalOrder()
    {
        var p = Torch.Tensor(new[,] { { 1.0, 2.0 }, { 3.0, 4.0 } }, dtype: DType.Float64, requiresGrad: true);
        var opt = new SGD([p], lr: 1.0);
        p.Grad = Torch.Tensor(new[,] { { 10.0, 20.0 }, { 30.0, 40.0 } }, dtype: DType.Float64).T; // [[10, 30], [20, 40]]
        opt.Step();
        AssertClose([-9, -28, -17, -36], p, 0);
    }
}
