using StaticNet.Compiler.Graph;
using StaticNet.Compiler.Parse;
using StaticNet.Compiler.Shapes;
using StaticNet.Generators.Tests.Infrastructure;
using StaticNet.Generators.Tests.Models;
using StaticNet.NN;

namespace StaticNet.Generators.Tests;

/// <summary>
/// Models whose forward is a graph, not a chain (values read by several ops, residual + and *): they lower without a
/// blocker, the fused forward equals the same body run eagerly, and the generated backward's gradients, which add up on
/// values with several readers, equal autograd's through the eager body.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public class ResidualGraphTests
{
    [Fact]
    public void ResidualNetLowersToAGraphWhoseSharedValuesListEveryReader()
    {
        var graph = Lower("ResidualNet.cs", "ResidualNet");
        Assert.Equal(["Linear:Relu", "Linear:Relu", "+", "Sigmoid", "*", "+", "Linear:None"], graph.Ops.Select(Describe));
        // Values: 0 x, 1 h, 2 relu(fc2 h), 3 r, 4 sigmoid(h), 5 g, 6 g + x, 7 the output.
        Assert.Equal([0, 5], graph.Values[0].Consumers.ToArray());     // Fc1 and the last +
        Assert.Equal([1, 2, 3], graph.Values[1].Consumers.ToArray());  // Fc2, the residual +, the Sigmoid
        Assert.Equal(7, graph.Output);
        Assert.Equal(7, graph.InputCount);
    }

    [Fact]
    public void ConvResidualNetLowersWithTheSkipAndBothPoolingsReadingSharedValues()
    {
        var graph = Lower("ResidualNet.cs", "ConvResidualNet");
        Assert.Equal(["Conv2d:Relu", "Conv2d:None", "+", "Tanh", "MaxPool", "AvgPool", "AvgPool", "*", "+", "Linear:None"], graph.Ops.Select(Describe));
        Assert.Equal([0, 2], graph.Values[0].Consumers.ToArray());
        Assert.Equal([4, 5, 6], graph.Values[4].Consumers.ToArray());
        // The adaptive pooling 6×6 → 3×3 runs as an average pooling with a 2×2 window and stride 2.
        var adaptive = (Pool2dOp)graph.Ops[6];
        Assert.Equal("adaptive", adaptive.Name);
        Assert.Equal((2L, 2L, 2L, 2L, 3L, 3L), (adaptive.Geometry.KernelH, adaptive.Geometry.KernelW, adaptive.Geometry.StrideH, adaptive.Geometry.StrideW,
            adaptive.Geometry.OutHeight, adaptive.Geometry.OutWidth));
    }

    [Fact]
    public void SoftmaxOverTheLastDimensionLowersToItsOwnOps()
    {
        var graph = Lower("ResidualNet.cs", "SoftmaxNet");
        Assert.Equal(["Linear:None", "Softmax", "Linear:None", "+", "LogSoftmax"], graph.Ops.Select(Describe));
        Assert.All(graph.Ops.OfType<SoftmaxOp>(), s => Assert.Equal(4, s.RowLength));
    }

    [Fact]
    public void BroadcastingResidualsLowerWithTheShapesOfEachOperand()
    {
        var graph = Lower("BroadcastNets.cs", "BroadcastResidualNet");
        Assert.Equal(["Conv2d:Tanh", "AvgPool", "Sigmoid", "*", "MaxPool", "+", "Linear:None"], graph.Ops.Select(Describe));
        var gate = (ElementwiseOp)graph.Ops[3];
        Assert.True(gate.Broadcasts);
        Assert.Equal([4L, 6, 6], gate.LeftSample.ToArray());
        Assert.Equal([4L, 1, 1], gate.RightSample.ToArray());
        Assert.Equal([4L, 6, 6], gate.ResultSample.ToArray());
        Assert.Equal([1, 3, 4], graph.Values[1].Consumers.ToArray()); // c: the squeeze pooling, the gate's product, the peak pooling
    }

    [Fact]
    public void AnOuterSumStretchesBothOperands()
    {
        var graph = Lower("BroadcastNets.cs", "BroadcastGateMlp");
        var outer = graph.Ops.OfType<ElementwiseOp>().Last();
        Assert.Equal([1L, 8], outer.LeftSample.ToArray());
        Assert.Equal([4L, 1], outer.RightSample.ToArray());
        Assert.Equal([4L, 8], outer.ResultSample.ToArray());
        Assert.All(graph.Ops.OfType<ElementwiseOp>(), e => Assert.True(e.Broadcasts));
    }

    [Fact]
    public void CatLowersToRowsAndPartsAlongItsDimensionCountedFromTheEnd()
    {
        var mlp = Lower("CatNets.cs", "CatMlp");
        var cat = Assert.Single(mlp.Ops.OfType<CatOp>());
        Assert.Equal(1, cat.Dim);
        Assert.Equal(1, cat.Rows);
        Assert.Equal([8L, 4, 8], cat.Parts.ToArray());
        Assert.Equal(cat.Inputs[0], cat.Inputs[2]); // a twice: its gradient adds up
        Assert.Equal(2, mlp.Values[cat.Inputs[0]].Consumers.Count);

        var conv = Lower("CatNets.cs", "CatConvNet");
        var cats = conv.Ops.OfType<CatOp>().ToList();
        Assert.Equal((1L, 1L), (cats[0].Dim, cats[0].Rows));
        Assert.Equal([3L * 25, 2 * 25], cats[0].Parts.ToArray());
        Assert.Equal((3L, 25L), (cats[1].Dim, cats[1].Rows)); // -1 of a rank-4 value: the width, rows of C·H
        Assert.Equal([5L, 5], cats[1].Parts.ToArray());
    }

    [Theory]
    [InlineData("ResidualNet")]
    [InlineData("ConvResidualNet")]
    [InlineData("SoftmaxNet")]
    [InlineData("BroadcastResidualNet")]
    [InlineData("BroadcastGateMlp")]
    [InlineData("CatMlp")]
    [InlineData("CatConvNet")]
    [InlineData("SqueezeExcitationNet")]
    public void FusedForwardAndBackwardEqualTheEagerBodyInFloat64(string name)
    {
        Torch.ManualSeed(5);
        var (model, eager, sample) = Create(name);
        model.To(DType.Float64);
        Torch.ManualSeed(9);
        var x = Torch.Randn([3, .. sample], DType.Float64, requiresGrad: true);

        var fused = model.Forward(x);
        Assert.Equal(name + "Backward0", fused.GradFn!.Name);
        var expected = eager(x);
        Assert.NotNull(expected.GradFn);
        Assert.NotEqual(name + "Backward0", expected.GradFn!.Name);
        AssertClose(expected, fused, "output");

        // A non-uniform output gradient, so every path's gradient is weighted differently.
        var weights = Torch.Randn(fused.Shape, DType.Float64);
        var parameters = model.Parameters().Cast<Tensor>().Prepend(x).ToArray();
        var fusedGrads = Torch.Autograd.Grad([(fused * weights).Sum()], parameters);
        var eagerGrads = Torch.Autograd.Grad([(expected * weights).Sum()], parameters);
        for (int i = 0; i < parameters.Length; i++) AssertClose(eagerGrads[i]!, fusedGrads[i]!, i == 0 ? "x" : model.NamedParameters().ElementAt(i - 1).Name);
    }

    [Theory]
    [InlineData("ConvResidualNet")]
    [InlineData("BroadcastResidualNet")]
    [InlineData("BroadcastGateMlp")]
    [InlineData("CatMlp")]
    [InlineData("CatConvNet")]
    public void GradientsAccumulatedStraightIntoGradMatchTheEagerOnes(string name)
    {
        Torch.ManualSeed(5);
        var (model, eagerBody, sample) = Create(name);
        Torch.ManualSeed(2);
        var x = Torch.Randn([2, .. sample]);
        var y = model.Forward(x);
        Assert.Equal(name + "Backward0", y.GradFn!.Name);
        y.Pow(2).Sum().Backward();
        var fused = model.Parameters().Select(p => p.Grad!.ToArray<float>()).ToList();
        model.ZeroGrad();
        eagerBody(x).Pow(2).Sum().Backward();
        var eager = model.Parameters().Select(p => p.Grad!.ToArray<float>()).ToList();
        for (int i = 0; i < fused.Count; i++)
            for (int j = 0; j < fused[i].Length; j++)
                Assert.True(Math.Abs(fused[i][j] - eager[i][j]) <= 1e-4f * (1 + Math.Abs(eager[i][j])), $"parameter {i}[{j}]: {fused[i][j]} vs {eager[i][j]}");
    }

    internal static (Module Model, Func<Tensor, Tensor> Eager, long[] Sample) Create(string name) => name switch
    {
        "ResidualNet" => Wrap(new ResidualNet(), m => m.Network, [6]),
        "SoftmaxNet" => Wrap(new SoftmaxNet(), m => m.Network, [5]),
        "BroadcastResidualNet" => Wrap(new BroadcastResidualNet(), m => m.Network, [2, 6, 6]),
        "BroadcastGateMlp" => Wrap(new BroadcastGateMlp(), m => m.Network, [6]),
        "CatMlp" => Wrap(new CatMlp(), m => m.Network, [6]),
        "CatConvNet" => Wrap(new CatConvNet(), m => m.Network, [2, 5, 5]),
        "SqueezeExcitationNet" => Wrap(new SqueezeExcitationNet(), m => m.Network, [2, 6, 6]),
        "ConvResidualNet" => Wrap(new ConvResidualNet(), m => m.Network, [2, 6, 6]),
        _ => throw new ArgumentException($"no test model {name}", nameof(name)),
    };

    private static (Module, Func<Tensor, Tensor>, long[]) Wrap<TModel>(TModel model, Func<TModel, Func<Tensor, Tensor>> body, long[] sample)
        where TModel : Module => (model, body(model), sample);

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.Shape.ToString(), actual.Shape.ToString());
        var e = expected.ToArray<double>();
        var a = actual.ToArray<double>();
        for (int i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - a[i]) <= 1e-12 * (1 + Math.Abs(e[i])), $"{what}[{i}]: {e[i]} vs {a[i]}");
    }

    private static string Describe(PlanOp op) => op switch
    {
        LinearOp l => "Linear:" + l.Activation,
        Conv2dOp c => "Conv2d:" + c.Activation,
        Pool2dOp p => p.IsMax ? "MaxPool" : "AvgPool",
        ElementwiseOp e => e.IsMultiply ? "*" : "+",
        ActivationOp a => a.Activation.ToString(),
        SoftmaxOp s => s.IsLog ? "LogSoftmax" : "Softmax",
        CatOp => "Cat",
        _ => op.GetType().Name,
    };

    internal static PlanGraph Lower(string file, string type)
    {
        var compilation = GeneratorRunner.Compile(GeneratorRunner.ModelSource(file));
        var symbol = compilation.GetTypeByMetadataName("StaticNet.Generators.Tests.Models." + type)!;
        var inferred = ShapeInference.Infer(ModelParser.Parse(symbol, compilation, default), default);
        var lowering = GraphLowering.Lower(inferred);
        Assert.Null(lowering.Blocker);
        return lowering.Graph!;
    }
}
