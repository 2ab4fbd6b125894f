using StaticNet.NN;
using StaticNet.Optim;

namespace StaticNet.Tests.Autograd;

/// <summary>
/// <c>ZeroGrad()</c> (set to none, PyTorch's default) keeps a gradient buffer that user code never received and the next
/// backward writes into it (Tensor.GradBuffer.cs). These tests pin both halves of that contract: the buffer is reused
/// and the values are exactly those of a fresh gradient; a gradient the user read or assigned is never written again.
/// </summary>
[Collection(StaticNet.Tests.RandomGeneration.RandomCollection.Name)] // seeds the default generator
public class GradBufferReuseTests
{
    private static (Linear Layer, Tensor X) Setup()
    {
        Torch.ManualSeed(0);
        return (new Linear(5, 3), Torch.Randn(4, 5));
    }

    // The gradients of sum((xWᵀ + b)²) for this layer, computed on a fresh copy of it (no reuse possible).
    private static float[][] FreshGradients(Linear layer, Tensor x)
    {
        var copy = new Linear(5, 3);
        using (Torch.NoGrad())
        {
            copy.Weight.Copy_(layer.Weight);
            copy.Bias!.Copy_(layer.Bias!);
        }
        copy.Forward(x).Pow(2).Sum().Backward();
        return [copy.Weight.Grad!.ToArray<float>(), copy.Bias!.Grad!.ToArray<float>()];
    }

    private static void Backward(Linear layer, Tensor x) => layer.Forward(x).Pow(2).Sum().Backward();

    [Fact]
    public void AnUnseenGradientIsReusedByTheNextBackwardWithFreshValues()
    {
        var (layer, x) = Setup();
        var optimizer = new SGD(layer.Parameters(), lr: 0.1);
        Backward(layer, x);
        var firstWeightGrad = layer.Weight.GradInternal;
        optimizer.Step();
        optimizer.ZeroGrad();
        Assert.Null(layer.Weight.GradInternal);

        Backward(layer, x); // the parameters changed: new values in the old buffer
        Assert.Same(firstWeightGrad, layer.Weight.GradInternal);
        var expected = FreshGradients(layer, x);
        Assert.Equal(expected[0], layer.Weight.Grad!.ToArray<float>());
        Assert.Equal(expected[1], layer.Bias!.Grad!.ToArray<float>());
    }

    [Fact]
    public void ModuleZeroGradAlsoKeepsTheBufferAndAccumulationStillAdds()
    {
        var (layer, x) = Setup();
        Backward(layer, x);
        var first = layer.Bias!.GradInternal;
        layer.ZeroGrad();
        Backward(layer, x);
        Backward(layer, x); // the second backward adds into the reused buffer
        Assert.Same(first, layer.Bias.GradInternal);
        var single = FreshGradients(layer, x);
        Assert.Equal(single[1].Select(v => 2 * v), layer.Bias.Grad!.ToArray<float>());
    }

    [Fact]
    public void AGradientTheUserReadIsNeverWrittenAgain()
    {
        var (layer, x) = Setup();
        var optimizer = new SGD(layer.Parameters(), lr: 0.1);
        Backward(layer, x);
        var kept = layer.Weight.Grad!; // the user holds it now
        var keptValues = kept.ToArray<float>();
        optimizer.Step();
        optimizer.ZeroGrad();
        Backward(layer, x);
        Assert.NotSame(kept, layer.Weight.Grad);
        Assert.Equal(keptValues, kept.ToArray<float>());
        Assert.Equal(FreshGradients(layer, x)[0], layer.Weight.Grad!.ToArray<float>());
    }

    [Fact]
    public void AGradientTheUserAssignedIsNeverWrittenAgain()
    {
        var (layer, x) = Setup();
        var mine = Torch.Ones(3);
        layer.Bias!.Grad = mine;
        layer.ZeroGrad();
        Backward(layer, x);
        Assert.NotSame(mine, layer.Bias.GradInternal);
        Assert.Equal(new float[] { 1, 1, 1 }, mine.ToArray<float>());
    }

    [Fact]
    public void ChangingTheModuleDTypeForgetsTheSpare()
    {
        var (layer, x) = Setup();
        Backward(layer, x);
        layer.ZeroGrad();
        layer.Double();
        Backward(layer, x.Double());
        Assert.Equal(DType.Float64, layer.Weight.Grad!.DType);
        var single = new Linear(5, 3);
        single.Double();
        using (Torch.NoGrad())
        {
            single.Weight.Copy_(layer.Weight);
            single.Bias!.Copy_(layer.Bias!);
        }
        single.Forward(x.Double()).Pow(2).Sum().Backward();
        Assert.Equal(single.Weight.Grad!.ToArray<double>(), layer.Weight.Grad.ToArray<double>());
    }
}
