using StaticNet.Generators.Tests.Models;
using StaticNet.NN;

namespace StaticNet.Generators.Tests;

/// <summary>
/// The fused plan (one GEMM per Linear with a bias/activation epilogue, one generated backward node) against the
/// eager twins through autograd: outputs and every gradient agree to a relative 1e-5 in Float32, Dropout included.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public class FusedModelTests
{
    [Fact]
    public void Seed000FusedForwardAndGradientsMatchTheEagerTwinWithDropoutInTraining()
    {
        var (model, eager) = Pair(() => new NeuralNetwork(), () => new EagerTwins.NeuralNetwork());
        Torch.ManualSeed(1);
        var x = Torch.Rand(64, 1, 28, 28);
        var target = Torch.Randn(64, 10);

        Torch.ManualSeed(7);
        var fused = model.Forward(x);
        Assert.Equal("NeuralNetworkBackward0", fused.GradFn!.Name);
        fused.Sub(target).Pow(2).Mean().Backward();
        Torch.ManualSeed(7);
        var reference = eager.Forward(x);
        reference.Sub(target).Pow(2).Mean().Backward();

        Assert.True(fused.ToArray<float>().Count(v => v == 0) > 0, "the dropout mask zeroes some outputs");
        AssertClose(reference, fused);
        AssertGradientsClose(eager, model);
    }

    [Fact]
    public void Seed003FusedGradientsMatchTheEagerTwinIncludingTheInputs()
    {
        var (model, eager) = Pair(() => new MyNeuralNet(), () => new EagerTwins.MyNeuralNet());
        var data = new float[,] { { 1, 2 }, { 3, -4 }, { 5, 6 }, { -7, 8 } };
        var x1 = Torch.Tensor(data).RequiresGrad_();
        var x2 = Torch.Tensor(data).RequiresGrad_();
        var y = Torch.Tensor(new float[,] { { 3 }, { -1 }, { 11 }, { 1 } });

        var fused = model.Forward(x1);
        Assert.Equal("MyNeuralNetBackward0", fused.GradFn!.Name);
        new MSELoss().Forward(fused, y).Backward();
        var reference = eager.Forward(x2);
        new MSELoss().Forward(reference, y).Backward();

        AssertClose(reference, fused);
        AssertGradientsClose(eager, model);
        AssertClose(x2.Grad!, x1.Grad!);
    }

    [Fact]
    public void PredictEqualsEvalModeForwardAndRecordsNothing()
    {
        var model = new NeuralNetwork();
        var x = Torch.Rand(5, 1, 28, 28);
        var predicted = model.Predict(x); // in training mode: Dropout is still off
        Assert.Null(predicted.GradFn);
        model.Eval();
        var evaluated = model.Forward(x);
        Assert.Equal(evaluated.ToArray<float>(), predicted.ToArray<float>());
        Assert.Equal(evaluated.ToArray<float>(), model.Predict(x).ToArray<float>());
    }

    [Fact]
    public void TwoForwardsBeforeOneBackwardKeepTheirOwnActivations()
    {
        // The second Forward must not overwrite the workspace the first node still needs.
        var (model, eager) = Pair(() => new MyNeuralNet(), () => new EagerTwins.MyNeuralNet());
        var a = Torch.Tensor(new float[,] { { 1, 2 }, { 3, 4 } });
        var b = Torch.Tensor(new float[,] { { -1, 5 }, { 2, -3 } });
        model.Forward(a).Add(model.Forward(b).Pow(2)).Sum().Backward();
        eager.Forward(a).Add(eager.Forward(b).Pow(2)).Sum().Backward();
        AssertGradientsClose(eager, model);
    }

    [Fact]
    public void ASecondBackwardWithoutRetainGraphFailsAsInPyTorch()
    {
        var model = new MyNeuralNet();
        var loss = model.Forward(Torch.Tensor(new float[,] { { 1, 2 } })).Sum();
        loss.Backward();
        var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.StartsWith("Trying to backward through the graph a second time", e.Message);
    }

    [Fact]
    public void NoGradRecordsNothingAndFloat64InputsRunEagerly()
    {
        var model = new MyNeuralNet();
        var x = Torch.Tensor(new float[,] { { 1, 2 } });
        using (Torch.NoGrad()) Assert.Null(model.Forward(x).GradFn);
        // Another dtype is not the plan's: the eager [Forward] runs and reports PyTorch's error.
        var e = Assert.Throws<ArgumentException>(() => model.Forward(x.To(DType.Float64)));
        Assert.Equal("addmm: expected m1 and m2 to have the same dtype, but got: double != float", e.Message);
    }

    private static (TModel Model, TEager Eager) Pair<TModel, TEager>(Func<TModel> model, Func<TEager> eager)
        where TModel : Module where TEager : Module
    {
        Torch.ManualSeed(0);
        var m = model();
        Torch.ManualSeed(0);
        var e = eager();
        return (m, e);
    }

    internal static void AssertGradientsClose(Module expected, Module actual)
    {
        var pairs = expected.NamedParameters().Zip(actual.NamedParameters()).ToList();
        Assert.NotEmpty(pairs);
        foreach (var (e, a) in pairs)
        {
            Assert.Equal(e.Name, a.Name);
            AssertClose(e.Param.Grad!, a.Param.Grad!, e.Name);
        }
    }

    // Relative 1e-5 (with a 1e-6 floor for elements that cancel to about zero): GEMM sums in another order than addmm.
    internal static void AssertClose(Tensor expected, Tensor actual, string what = "output")
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.ToArray<float>();
        var a = actual.ToArray<float>();
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= 1e-5 * Math.Abs(e[i]) + 1e-6, $"{what}[{i}]: expected {e[i]}, got {a[i]}");
    }
}

/// <summary>Tests that seed and draw from the default generator: run alone, so no other test's draws interleave.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DefaultGeneratorCollection
{
    public const string Name = "Default generator";
}
