using StaticNet.Compiler.Graph;
using StaticNet.Generators.Tests.Models;

namespace StaticNet.Generators.Tests;

/// <summary>
/// Seed 003's forward returning <c>(output, hidden)</c>: ONE fused plan whose node has two outputs. Both tensors are outputs
/// of that node; a backward through either or both runs the generated chain rule once, an output no gradient reaches counts
/// as zeros (as PyTorch does), and every gradient equals autograd's through the same body run eagerly.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public class TupleOutputTests
{
    [Fact]
    public void TheTupleLowersToOneGraphWithTwoOutputsWhereHiddenIsAlsoReadByTheLastLayer()
    {
        var graph = ResidualGraphTests.Lower("MyNeuralNetWithHidden.cs", "MyNeuralNetWithHidden");
        Assert.True(graph.ReturnsTuple);
        Assert.Equal([2, 1], graph.Outputs.ToArray());            // (output, hidden2): the ReLU joined the first Linear's epilogue
        Assert.Equal([1], graph.OutputSamples[0].ToArray());
        Assert.Equal([8], graph.OutputSamples[1].ToArray());
        Assert.Equal([1], graph.Values[1].Consumers.ToArray());   // hidden2 is returned AND read by hidden_to_output_layer
        Assert.Equal(Activation.Relu, ((LinearOp)graph.Ops[0]).Activation);
    }

    [Fact]
    public void BothOutputsComeFromOneNodeAndEqualTheEagerBody()
    {
        var (model, x) = Create();
        var (output, hidden) = model.Forward(x);
        Assert.Equal("MyNeuralNetWithHiddenBackward0", output.GradFn!.Name);
        Assert.Same(output.GradFn, hidden.GradFn);
        var (eagerOutput, eagerHidden) = model.Network(x);
        Assert.NotEqual("MyNeuralNetWithHiddenBackward0", eagerOutput.GradFn!.Name);
        AssertClose(eagerOutput, output, "output");
        AssertClose(eagerHidden, hidden, "hidden");
        // Module.Forward (a Sequential, a training loop) sees the first item.
        AssertClose(eagerOutput, ((NN.Module)model).Forward(x), "Module.Forward");
        var (po, ph) = model.Predict(x);
        Assert.Null(po.GradFn);
        AssertClose(eagerOutput, po, "Predict output");
        AssertClose(eagerHidden, ph, "Predict hidden");
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void GradientsThroughEitherOrBothOutputsEqualTheEagerOnes(bool throughOutput, bool throughHidden)
    {
        var (model, x) = Create();
        var parameters = model.Parameters().Cast<Tensor>().Prepend(x).ToArray();
        Torch.ManualSeed(4);
        var wo = Torch.Randn([3, 1], DType.Float64);
        var wh = Torch.Randn([3, 8], DType.Float64);
        Tensor Loss((Tensor Output, Tensor Hidden) y) =>
            throughOutput && throughHidden ? (y.Output * wo).Sum() + (y.Hidden * wh).Sum()
            : throughOutput ? (y.Output * wo).Sum() : (y.Hidden * wh).Sum();
        // Through hidden alone, the eager graph never reaches hidden_to_output_layer (no gradient: null); the fused node,
        // which reads every parameter, gives it zeros, as a PyTorch Function of several outputs does.
        var fused = Torch.Autograd.Grad([Loss(model.Forward(x))], parameters, allowUnused: true);
        var eager = Torch.Autograd.Grad([Loss(model.Network(x))], parameters, allowUnused: true);
        for (int i = 0; i < parameters.Length; i++)
        {
            Assert.NotNull(fused[i]);
            Assert.Equal(throughOutput || i <= 2, eager[i] is not null);
            AssertClose(eager[i] ?? Torch.ZerosLike(parameters[i]), fused[i]!, i == 0 ? "x" : model.NamedParameters().ElementAt(i - 1).Name);
        }
    }

    [Fact]
    public void BackwardIntoGradThroughBothOutputsSeparatelyAddsAsTheEagerBodyDoes()
    {
        var (model, x) = Create();
        var (output, hidden) = model.Forward(x);
        // Two roots of one pass: the node runs once with both gradients.
        Torch.Autograd.Grad([output.Sum(), hidden.Pow(2).Sum()], [x]);
        model.ZeroGrad();
        (output, hidden) = model.Forward(x);
        (output.Sum() + hidden.Pow(2).Sum()).Backward();
        var fused = model.Parameters().Select(p => p.Grad!.ToArray<double>()).ToList();
        var fusedX = x.Grad!.ToArray<double>();
        model.ZeroGrad();
        x.Grad = null;
        var (eo, eh) = model.Network(x);
        (eo.Sum() + eh.Pow(2).Sum()).Backward();
        var eager = model.Parameters().Select(p => p.Grad!.ToArray<double>()).ToList();
        for (int i = 0; i < fused.Count; i++)
            for (int j = 0; j < fused[i].Length; j++) Assert.True(Math.Abs(fused[i][j] - eager[i][j]) <= 1e-12 * (1 + Math.Abs(eager[i][j])), $"parameter {i}[{j}]");
        var eagerX = x.Grad!.ToArray<double>();
        for (int j = 0; j < eagerX.Length; j++) Assert.True(Math.Abs(fusedX[j] - eagerX[j]) <= 1e-12 * (1 + Math.Abs(eagerX[j])), $"x[{j}]");
    }

    [Fact]
    public void RetainGradOnTheSecondOutputKeepsItsOwnGradient()
    {
        var (model, x) = Create();
        var (output, hidden) = model.Forward(x);
        output.RetainGrad();
        hidden.RetainGrad();
        (output.Sum() * 2 + hidden.Sum() * 3).Backward();
        Assert.All(output.Grad!.ToArray<double>(), g => Assert.Equal(2.0, g));
        Assert.All(hidden.Grad!.ToArray<double>(), g => Assert.Equal(3.0, g));
    }

    [Theory]
    [InlineData("output")]
    [InlineData("hidden")]
    [InlineData("both")]
    public void TheTwoOutputNodePassesGradCheckInFloat64(string through)
    {
        var (model, x) = Create();
        var recorded = new List<string>();
        Tensor Forward(Tensor[] inputs)
        {
            var (output, hidden) = model.Forward(inputs[0]);
            if (output.GradFn is { } fn) recorded.Add(fn.Name); // the finite differences run without grad
            if (hidden.GradFn is { } fh) recorded.Add(fh.Name);
            return through switch
            {
                "output" => output,
                "hidden" => hidden,
                _ => Torch.Cat([output.Flatten(), hidden.Flatten()], 0),
            };
        }

        Assert.True(Torch.Autograd.GradCheck(Forward, [x, .. model.Parameters().Cast<Tensor>()]));
        Assert.NotEmpty(recorded);
        Assert.All(recorded, name => Assert.Equal("MyNeuralNetWithHiddenBackward0", name));
    }

    private static (MyNeuralNetWithHidden Model, Tensor X) Create()
    {
        Torch.ManualSeed(0);
        var model = new MyNeuralNetWithHidden();
        model.To(DType.Float64);
        // Values away from ReLU's kink at 0, so finite differences see one side.
        var x = Torch.Tensor(new double[,] { { 1, 2 }, { 3, -4 }, { 0.5, 6 } }).Double().RequiresGrad_();
        return (model, x);
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.Shape.ToString(), actual.Shape.ToString());
        var e = expected.ToArray<double>();
        var a = actual.ToArray<double>();
        for (int i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - a[i]) <= 1e-12 * (1 + Math.Abs(e[i])), $"{what}[{i}]: {e[i]} vs {a[i]}");
    }
}
