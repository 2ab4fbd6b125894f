using StaticNet.Autograd;
using StaticNet.NN;

namespace StaticNet.Tests.Autograd;

public class GraphWalkTests
{
    [Fact]
    public void Seed002LossWalkReachesAddmmThenTheBiasAccumulator()
    {
        // print(loss.grad_fn) → MseLossBackward; .next_functions[0][0] → AddmmBackward; its [0][0] → AccumulateGrad
        var fc1 = new Linear(4, 3);
        var fc2 = new Linear(3, 2);
        var input = Torch.Randn(1, 4);
        var output = fc2.Forward(F.Relu(fc1.Forward(input)));
        var loss = F.MseLoss(output, Torch.Randn(1, 2));
        Assert.Equal("MseLossBackward0", loss.GradFn!.Name);
        var addmm = loss.GradFn.NextFunctions[0].Node!;
        Assert.Equal("AddmmBackward0", addmm.Name);
        var bias = Assert.IsType<AccumulateGrad>(addmm.NextFunctions[0].Node);
        Assert.Same(fc2.Bias, bias.Variable);
        Assert.Equal("ReluBackward0", addmm.NextFunctions[1].Node!.Name);
        Assert.Equal("TBackward0", addmm.NextFunctions[2].Node!.Name);
        Assert.Equal("<AddmmBackward0>", addmm.ToString());
    }

    [Fact]
    public void LinearBackwardFillsEveryParameterGradient()
    {
        var fc = new Linear(3, 2);
        var x = Torch.Tensor(new[,] { { 1.0, 2.0, 3.0 }, { -1.0, 0.0, 1.0 } });
        fc.Forward(x).Sum().Backward();
        // d(sum(x·Wᵀ + b))/dW = column sums of x for every output row; d/db = batch size.
        Assert.Equal(new[] { 0f, 2f, 4f, 0f, 2f, 4f }, fc.Weight.Grad!.ToArray<float>());
        Assert.Equal(new[] { 2f, 2f }, fc.Bias!.Grad!.ToArray<float>());
    }

    [Fact]
    public void ManualSgdUpdateUnderNoGradAsInSeed001()
    {
        var fc = new Linear(2, 1);
        var x = Torch.Tensor(new[,] { { 1.0, 2.0 } });
        var before = fc.Weight.ToArray<float>();
        fc.Forward(x).Sum().Backward();
        const double learningRate = 0.01;
        using (Torch.NoGrad())
            foreach (var p in fc.Parameters()) p.Sub_(p.Grad! * learningRate);
        var after = fc.Weight.ToArray<float>();
        Assert.Equal(before[0] - 0.01f, after[0], 6);
        Assert.Equal(before[1] - 0.02f, after[1], 6);
        Assert.True(fc.Weight.IsLeaf);
    }
}
