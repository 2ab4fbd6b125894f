using StaticNet.Autograd;
using StaticNet.Generators.Tests.Models;
using StaticNet.NN;

namespace StaticNet.Generators.Tests;

/// <summary>
/// The generated backward checked against finite differences in Float64 (<c>Torch.Autograd.GradCheck</c>) through the
/// FUSED Forward: each model is moved with <c>Module.To(DType.Float64)</c>, and every call that records must record the
/// model's own node (<c>&lt;Model&gt;Backward0</c>), so the check exercises the generated backward, not the eager path.
/// Large weights are excluded (RequiresGrad off) to keep the finite differences fast; every layer kind stays checked.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public class FusedGradCheckTests
{
    [Theory]
    [InlineData("LeNet")]
    [InlineData("LeNet5")]
    [InlineData("CifarNet")]
    public void LeNetVariantFusedBackwardPassesGradCheckInFloat64(string variant)
    {
        var (model, _, sample) = FusedConvModelTests.Variant(variant);
        model.To(DType.Float64);
        // Checked: x, both convolutions and fc3 (the Jacobian of fc1/fc2 weights adds ~80k forwards and nothing new).
        foreach (var (name, p) in model.NamedParameters()) p.RequiresGrad = !name.StartsWith("fc1", StringComparison.Ordinal) && !name.StartsWith("fc2", StringComparison.Ordinal);
        Torch.ManualSeed(3);
        var x = Torch.Rand([1, .. sample], DType.Float64, requiresGrad: true);
        Check(model, variant + "Backward0", x, seed: null);
    }

    [Fact]
    public void Seed000FusedBackwardWithDropoutInTrainingPassesGradCheckInFloat64()
    {
        Torch.ManualSeed(0);
        var model = new NeuralNetwork();
        model.To(DType.Float64);
        // Checked: the last Linear (before the Dropout) and the biases of the first two, through their ReLUs.
        string[] checkedNames = ["linear_relu_stack.0.bias", "linear_relu_stack.2.bias", "linear_relu_stack.4.weight", "linear_relu_stack.4.bias"];
        foreach (var (name, p) in model.NamedParameters()) p.RequiresGrad = checkedNames.Contains(name);
        Torch.ManualSeed(3);
        var x = Torch.Rand([2, 1, 28, 28], DType.Float64);
        // The same seed before every call draws the same dropout mask, so the function is deterministic.
        Check(model, "NeuralNetworkBackward0", x, seed: 11);
    }

    [Fact]
    public void Seed003FusedBackwardPassesGradCheckInFloat64()
    {
        Torch.ManualSeed(0);
        var model = new MyNeuralNet();
        Assert.Same(model, model.To(DType.Float64));
        var x = Torch.Tensor(new double[,] { { 1, 2 }, { 3, -4 }, { 0.5, 6 } }).Double().RequiresGrad_();
        Check(model, "MyNeuralNetBackward0", x, seed: null);
    }

    [Theory]
    [InlineData("ResidualNet", 2)]
    [InlineData("ConvResidualNet", 1)]
    [InlineData("SoftmaxNet", 3)]
    [InlineData("BroadcastResidualNet", 2)]
    [InlineData("BroadcastGateMlp", 3)]
    [InlineData("CatMlp", 2)]
    [InlineData("CatConvNet", 2)]
    [InlineData("SqueezeExcitationNet", 2)]
    public void ResidualGraphFusedBackwardPassesGradCheckInFloat64(string name, int batch)
    {
        Torch.ManualSeed(4);
        var (model, _, sample) = ResidualGraphTests.Create(name);
        model.To(DType.Float64);
        Torch.ManualSeed(8);
        var x = Torch.Randn([batch, .. sample], DType.Float64, requiresGrad: true);
        Check(model, name + "Backward0", x, seed: null);
    }

    [Fact]
    public void Float64FusedForwardMatchesTheEagerFloat64Forward()
    {
        var (model, eager, sample) = FusedConvModelTests.Variant("LeNet");
        model.To(DType.Float64);
        eager.To(DType.Float64);
        Torch.ManualSeed(6);
        var x = Torch.Rand([3, .. sample], DType.Float64);
        var fused = model.Forward(x);
        Assert.Equal(DType.Float64, fused.DType);
        Assert.Equal("LeNetBackward0", fused.GradFn!.Name);
        var expected = eager.Forward(x).ToArray<double>();
        var actual = fused.ToArray<double>();
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * Math.Abs(expected[i]) + 1e-14, $"[{i}]: {expected[i]} vs {actual[i]}");
    }

    // Not the declared 3×16×16: the plan's sizes are computed from the input's at run time (FusedShapes).
    [Fact]
    public void FullyConvolutionalFusedBackwardPassesGradCheckAtANonDeclaredSizeInFloat64()
    {
        Torch.ManualSeed(24);
        var model = new FullyConvNet();
        model.To(DType.Float64);
        var x = Torch.Randn([2, 3, 7, 5], DType.Float64, requiresGrad: true);
        Check(model, "FullyConvNetBackward0", x, seed: null);
    }

    private static void Check(Module model, string node, Tensor x, ulong? seed)
    {
        var parameters = model.Parameters().Where(p => p.RequiresGrad).Cast<Tensor>();
        var recorded = new List<string>();
        Tensor Forward(Tensor[] inputs)
        {
            if (seed is { } s) Torch.ManualSeed(s);
            var y = model.Forward(inputs[0]);
            if (y.GradFn is { } fn) recorded.Add(fn.Name);
            return y;
        }

        Assert.True(Torch.Autograd.GradCheck(Forward, [x, .. parameters]));
        Assert.NotEmpty(recorded);
        Assert.All(recorded, name => Assert.Equal(node, name));
    }
}
