using StaticNet.Generators.Tests.Models;
using StaticNet.NN;

namespace StaticNet.Generators.Tests;

/// <summary>
/// The fused LeNet variants (Conv2d + ReLU epilogue → MaxPool2d with saved argmax, twice, then View/Flatten → Linear
/// chain) against their eager twins through autograd: outputs, every parameter gradient and the input gradient agree to
/// a relative 1e-5 in Float32, at several batch sizes, in training and evaluation.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public class FusedConvModelTests
{
    public static TheoryData<string, int, bool> Cases()
    {
        var data = new TheoryData<string, int, bool>();
        foreach (var variant in new[] { "LeNet", "LeNet5", "CifarNet" })
        foreach (int batch in new[] { 1, 3, 4, 64 })
        foreach (bool training in new[] { true, false })
            data.Add(variant, batch, training);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LeNetVariantFusedForwardAndGeneratedBackwardMatchTheEagerTwin(string variant, int batch, bool training)
    {
        var (model, eager, sample) = Variant(variant);
        model.Train(training);
        eager.Train(training);
        Torch.ManualSeed(1);
        var data = Torch.Rand([batch, .. sample]);
        var target = Torch.Randn(batch, 10);
        var x1 = data.Clone().RequiresGrad_();
        var x2 = data.Clone().RequiresGrad_();

        var fused = model.Forward(x1);
        Assert.Equal(variant + "Backward0", fused.GradFn!.Name);
        fused.Sub(target).Pow(2).Mean().Backward();
        var reference = eager.Forward(x2);
        reference.Sub(target).Pow(2).Mean().Backward();

        FusedModelTests.AssertClose(reference, fused);
        FusedModelTests.AssertGradientsClose(eager, model);
        FusedModelTests.AssertClose(x2.Grad!, x1.Grad!, "x.grad");
    }

    [Fact]
    public void LeNetGradientsAccumulateOverTwoStepsLikeTheEagerTwin()
    {
        var (model, eager, sample) = Variant("CifarNet");
        foreach (ulong seed in new ulong[] { 2, 3 })
        {
            Torch.ManualSeed(seed);
            var x = Torch.Rand([4, .. sample]);
            model.Forward(x).Pow(2).Sum().Backward();
            eager.Forward(x).Pow(2).Sum().Backward();
        }
        FusedModelTests.AssertGradientsClose(eager, model);
    }

    [Fact]
    public void LeNetPredictMatchesTheEagerTwinInEvaluationAndRecordsNothing()
    {
        var (module, eager, sample) = Variant("LeNet5");
        var model = (LeNet5)module;
        Torch.ManualSeed(4);
        var x = Torch.Rand([5, .. sample]);
        var predicted = model.Predict(x);
        Assert.Null(predicted.GradFn);
        eager.Eval();
        FusedModelTests.AssertClose(eager.Forward(x), predicted);
        Assert.True(model.Training, "Predict leaves the training flag alone");
    }

    [Fact]
    public void ANonContiguousInputIsReadInRowMajorOrder()
    {
        var (model, eager, _) = Variant("LeNet");
        Torch.ManualSeed(5);
        var x = Torch.Rand(1, 32, 32, 2).Permute(3, 0, 1, 2); // [2, 1, 32, 32], not contiguous
        FusedModelTests.AssertClose(eager.Forward(x), model.Forward(x));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void StridedPaddedDilatedConvAndAveragePoolingMatchTheEagerOps(int batch)
    {
        Torch.ManualSeed(0);
        var model = new PaddedAvgPoolNet();
        var layers = model.Layers;
        Torch.ManualSeed(8);
        var data = Torch.Randn(batch, 2, 11, 11);
        var x1 = data.Clone().RequiresGrad_();
        var x2 = data.Clone().RequiresGrad_();

        var fused = model.Forward(x1);
        Assert.Equal("PaddedAvgPoolNetBackward0", fused.GradFn!.Name);
        fused.Pow(2).Sum().Backward();
        var fusedGrads = model.Parameters().Select(p => p.Grad!.Clone()).ToList();
        model.ZeroGrad();
        var h = F.Tanh(F.Conv2d(x2, layers.Conv.Weight, layers.Conv.Bias, stride: 2, padding: 2, dilation: 2));
        h = F.Sigmoid(F.AvgPool2d(h, 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false));
        var reference = layers.Fc.Forward(F.AvgPool2d(h, 2).Flatten(1));
        reference.Pow(2).Sum().Backward();

        FusedModelTests.AssertClose(reference, fused);
        foreach (var (p, g) in model.Parameters().Zip(fusedGrads)) FusedModelTests.AssertClose(p.Grad!, g, "grad");
        FusedModelTests.AssertClose(x2.Grad!, x1.Grad!, "x.grad");
    }

    internal static (Module Model, Module Eager, long[] Sample) Variant(string name) => name switch
    {
        "LeNet" => Pair(() => new LeNet(), () => new EagerTwins.LeNet(), [1, 32, 32]),
        "LeNet5" => Pair(() => new LeNet5(), () => new EagerTwins.LeNet5(), [1, 32, 32]),
        "CifarNet" => Pair(() => new CifarNet(), () => new EagerTwins.CifarNet(), [3, 32, 32]),
        _ => throw new ArgumentException(name),
    };

    private static (Module, Module, long[]) Pair(Func<Module> model, Func<Module> eager, long[] sample)
    {
        Torch.ManualSeed(0);
        var m = model();
        Torch.ManualSeed(0);
        var e = eager();
        return (m, e, sample);
    }
}
