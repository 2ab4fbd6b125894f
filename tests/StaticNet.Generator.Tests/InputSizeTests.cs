using StaticNet.Generators.Tests.Models;
using StaticNet.NN;

namespace StaticNet.Generators.Tests;

/// <summary>
/// Fused plans are not tied to the declared input size or class count: a fully convolutional model runs its fused plan
/// (node <c>FullyConvNetBackward0</c>) at sizes other than the declared 3×16×16, with the output and every gradient of
/// its eager body (Float64, relative 1e-10), a workspace per sample shape; a replaced <c>Linear</c> of another width runs
/// the plan too; an input the layers cannot take throws the analyzers' message with both shapes.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public class InputSizeTests
{
    [Fact]
    public void AFullyConvolutionalModelRunsFusedAtOtherSizesWithTheGradientsOfItsEagerBody()
    {
        Torch.ManualSeed(21);
        var model = new FullyConvNet();
        var twin = new FullyConvNet();
        model.To(DType.Float64);
        twin.To(DType.Float64);
        twin.LoadStateDict(model.StateDict());
        // The same model at three sizes and back: each size gets its workspace, and the first one is right again after.
        foreach (var (h, w) in new[] { (10, 10), (13, 11), (16, 16), (10, 10) })
        {
            model.ZeroGrad();
            twin.ZeroGrad();
            var data = Torch.Randn([3, 3, h, w], DType.Float64);
            var weights = Torch.Randn([3, 5], DType.Float64);
            var x1 = data.Clone().RequiresGrad_();
            var x2 = data.Clone().RequiresGrad_();
            var fused = model.Forward(x1);
            Assert.Equal("FullyConvNetBackward0", fused.GradFn!.Name);
            Assert.Equal([3L, 5L], fused.Shape.ToArray());
            var eager = twin.Network(x2);
            Assert.NotEqual("FullyConvNetBackward0", eager.GradFn!.Name);
            fused.Mul(weights).Sum().Backward();
            eager.Mul(weights).Sum().Backward();
            string size = $"{h}×{w}";
            AssertClose(eager, fused, size + " output");
            AssertClose(x2.Grad!, x1.Grad!, size + " x.grad");
            foreach (var (e, a) in twin.NamedParameters().Zip(model.NamedParameters())) AssertClose(e.Param.Grad!, a.Param.Grad!, $"{size} {e.Name}.grad");
            AssertClose(twin.Layers.Bn1.RunningMean!, model.Layers.Bn1.RunningMean!, size + " running mean");
        }
    }

    [Fact]
    public void PredictRunsTheFoldedPlanAtAnotherSize()
    {
        Torch.ManualSeed(22);
        var model = new FullyConvNet();
        model.To(DType.Float64);
        using (Torch.NoGrad()) model.Layers.Bn1.RunningVar!.Uniform_(0.5, 1.5);
        var x = Torch.Randn([2, 3, 9, 7], DType.Float64);
        var predicted = model.Predict(x);
        model.Eval();
        using (Torch.NoGrad()) AssertClose(model.Network(x), predicted, "Predict at 9×7");
    }

    [Fact]
    public void AReplacedLinearOfAnotherWidthRunsThePlan()
    {
        Torch.ManualSeed(23);
        var model = new FullyConvNet();
        model.To(DType.Float64);
        model.Layers.Fc = new Linear(6, 3, dtype: DType.Float64);
        Assert.True(model.Layers.Replaced);
        Assert.True(model.Layers.PlanFits);
        var x = Torch.Randn([2, 3, 8, 8], DType.Float64);
        var y = model.Forward(x);
        Assert.Equal("FullyConvNetBackward0", y.GradFn!.Name);
        Assert.Equal([2L, 3L], y.Shape.ToArray());
        AssertClose(model.Network(x), y, "output");
    }

    [Fact]
    public void AReplacedLinearWithoutTheDeclaredBiasRunsEagerly()
    {
        var model = new FullyConvNet();
        model.Layers.Fc = new Linear(6, 5, bias: false);
        Assert.False(model.Layers.PlanFits);
        var y = model.Forward(Torch.Randn([2, 3, 8, 8]));
        Assert.NotEqual("FullyConvNetBackward0", y.GradFn!.Name);
    }

    [Fact]
    public void AnInputTooLargeForFlattenThenLinearThrowsTheAnalyzersMessageWithBothShapes()
    {
        var model = new LeNet(); // declared at 1×32×32: 28×28 leaves 16×5×5 = 400 values for fc1's 576
        var error = Assert.Throws<ArgumentException>(() => model.Forward(Torch.Randn([2, 1, 28, 28])));
        Assert.Equal("fc1 expects [B, 576] but receives [2, 400] (in the fused forward of an input [2, 1, 28, 28]). " +
                     "Declare fc1 as Linear(400, 120), or change the preceding layers.", error.Message);
    }

    [Fact]
    public void AnInputOfOtherChannelsThrowsTheAnalyzersMessage()
    {
        var model = new FullyConvNet();
        var error = Assert.Throws<ArgumentException>(() => model.Forward(Torch.Randn([2, 5, 8, 8])));
        Assert.Equal("conv1 expects 3 input channels but receives [2, 5, 8, 8] (in the fused forward of an input [2, 5, 8, 8]).", error.Message);
    }

    [Fact]
    public void AnInputSmallerThanAKernelThrowsTheAnalyzersMessage()
    {
        var model = new LeNet();
        var error = Assert.Throws<ArgumentException>(() => model.Forward(Torch.Randn([1, 1, 2, 2])));
        Assert.Equal("conv1 has a 3×3 window but its (padded) input is only 2×2: it receives [1, 1, 2, 2] (in the fused forward of an input [1, 1, 2, 2]).",
            error.Message);
    }

    // Float64: 1e-10 of the tensor's largest magnitude, plus 1e-13 for gradients that are zero up to rounding (conv1.bias before a BatchNorm).
    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.ToArray<double>();
        var a = actual.ToArray<double>();
        double scale = Math.Max(e.Max(Math.Abs), 1e-300);
        for (int i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - a[i]) <= 1e-10 * scale + 1e-13, $"{what}[{i}]: eager {e[i]}, fused {a[i]}");
    }
}
