using StaticNet.Compiler.Graph;
using StaticNet.Compiler.Model;
using StaticNet.Compiler.Parse;
using StaticNet.Compiler.Shapes;
using StaticNet.Generators.Tests.Infrastructure;
using StaticNet.Generators.Tests.Models;
using StaticNet.NN;

namespace StaticNet.Generators.Tests;

/// <summary>
/// Declared models used as layers of another ([Block]): state-dict names and printing nest as PyTorch's, the outer
/// forward equals a hand-written module tree with the same weights, the blocks' graphs are inlined into ONE fused plan
/// (GradCheck in Float64), shapes flow through the blocks (SN0008 when one does not fit), and a replaced layer, also one
/// inside a block, makes the fused plan step aside.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public class ComposedModelTests
{
    [Fact]
    public void StateDictKeysNestAsTorchvisionsResNet()
    {
        var keys = new ComposedResNet().StateDict().Keys.ToList();
        string[] block = ["conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked",
            "conv2.weight", "bn2.weight", "bn2.bias", "bn2.running_mean", "bn2.running_var", "bn2.num_batches_tracked"];
        string[] down = ["downsample.0.weight", "downsample.1.weight", "downsample.1.bias", "downsample.1.running_mean",
            "downsample.1.running_var", "downsample.1.num_batches_tracked"];
        var expected = new List<string> { "conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked" };
        expected.AddRange(block.Select(k => "layer1.0." + k));
        expected.AddRange(block.Select(k => "layer1.1." + k));
        expected.AddRange(block.Concat(down).Select(k => "layer2.0." + k));
        expected.AddRange(block.Select(k => "layer2.1." + k));
        expected.AddRange(["fc.weight", "fc.bias"]);
        Assert.Equal(expected, keys);
    }

    [Fact]
    public void StateDictShapesOfTheSharedModelAgreeWithTheRuntime()
    {
        var spec = StateDictShapes.Of(Parse("ComposedResNet"));
        var runtime = new ComposedResNet().StateDict();
        Assert.Equal(runtime.Keys, spec.Select(e => e.Key));
        foreach (var entry in spec) Assert.Equal(runtime[entry.Key].Shape.ToArray(), entry.Shape.ToArray());
    }

    [Fact]
    public void PrintsNestedAsPyTorch()
    {
        string text = new ComposedResNet().ToString();
        Assert.StartsWith("ComposedResNet(\n  (conv1): Conv2d(3, 4, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)\n", text);
        Assert.Contains("  (relu): ReLU(inplace=True)\n  (layer1): Sequential(\n    (0): BasicBlock(\n      (conv1): Conv2d(4, 4, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)\n", text);
        Assert.Contains("      (downsample): Sequential(\n        (0): Conv2d(4, 8, kernel_size=(1, 1), stride=(2, 2), bias=False)\n" +
                        "        (1): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\n      )\n", text);
        Assert.EndsWith("  (avgpool): AdaptiveAvgPool2d(output_size=1)\n  (fc): Linear(in_features=8, out_features=5, bias=True)\n)", text);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ForwardAndGradientsEqualAHandWrittenTreeWithTheSameWeights(bool training)
    {
        Torch.ManualSeed(7);
        var declared = new ComposedResNet();
        var twin = new EagerResNet();
        twin.LoadStateDict(declared.StateDict());
        if (!training) { declared.Eval(); twin.Eval(); }
        var x = Torch.Randn([2, 3, 12, 12]);
        var a = declared.Forward(x);
        var b = twin.Forward(x);
        Assert.Equal([2L, 5L], a.Shape.ToArray());
        AssertClose(b, a, "output");
        a.Sum().Backward();
        b.Sum().Backward();
        var twinGrads = twin.NamedParameters().ToDictionary(p => p.Name, p => p.Param.Grad!);
        foreach (var (name, p) in declared.NamedParameters()) AssertClose(twinGrads[name], p.Grad!, name);
        // Train mode updated the running statistics the same way in both.
        var twinState = twin.StateDict();
        foreach (var (key, value) in declared.StateDict()) AssertClose(twinState[key], value, key);
    }

    [Fact]
    public void ShapesFlowThroughTheBlocksAtTheSizeThatReachesThem()
    {
        var inferred = ShapeInference.Infer(Parse("ComposedResNet"), default);
        Assert.Empty(inferred.Errors);
        Assert.Equal("[B, 5]", inferred.Output(0)!.ToString());
        var layer2 = inferred.LayerShapes.Single(s => s.MemberName == "Layer2");
        Assert.Equal(("[B, 4, 6, 6]", "[B, 8, 3, 3]"), (layer2.Input.ToString(), layer2.Output.ToString()));
        // torchsummary lists each call of a leaf layer (a block calls its ReLU twice): 3 of the stem, 6 + 6 in layer1, 8 + 6 in layer2, avgpool, fc.
        Assert.Equal(3 + 12 + 14 + 2, inferred.Summary.Count);
        Assert.Equal(new ComposedResNet().Parameters().Sum(p => p.Numel), inferred.Summary.Sum(r => r.Parameters));
    }

    [Fact]
    public void ComposedModelsFuseIntoOnePlanOverTheirBlocksInlinedGraphs()
    {
        var resnet = GraphLowering.Lower(ShapeInference.Infer(Parse("ComposedResNet"), default));
        Assert.Null(resnet.Blocker);
        var graph = resnet.Graph!;
        Assert.Equal(["layer1.0", "layer1.1", "layer2.0", "layer2.1"], graph.Blocks.Select(b => b.Name));
        // Every parameter op of every block is in the one plan, named by its full PyTorch path, in traced order
        // (TinyDownBlock's forward calls Downsample first).
        Assert.Equal(["conv1", "bn1", "layer1.0.conv1", "layer1.0.bn1", "layer1.0.conv2", "layer1.0.bn2",
                "layer1.1.conv1", "layer1.1.bn1", "layer1.1.conv2", "layer1.1.bn2",
                "layer2.0.downsample.0", "layer2.0.downsample.1", "layer2.0.conv1", "layer2.0.bn1", "layer2.0.conv2", "layer2.0.bn2",
                "layer2.1.conv1", "layer2.1.bn1", "layer2.1.conv2", "layer2.1.bn2", "fc"],
            graph.Ops.OfType<ParameterOp>().Select(o => o.Module.Name));
        // Each block's residual sum reads the block's input (or its downsample) and its bn2, and its ReLU follows the sum.
        var sums = graph.Ops.OfType<ElementwiseOp>().ToList();
        Assert.Equal(4, sums.Count);
        Assert.All(sums, sum => Assert.IsType<ActivationOp>(graph.Ops[graph.Values[sum.Output].Consumers.Single()]));
        // layer1.0's sum reads the stem's output, which layer1.0.conv1 reads too: its gradient adds up from two consumers.
        var stem = graph.Ops.OfType<BatchNormOp>().First();
        Assert.Equal(2, graph.Values[stem.Output].Consumers.Count);

        var mlp = GraphLowering.Lower(ShapeInference.Infer(Parse("ComposedMlp"), default));
        Assert.Null(mlp.Blocker);
        Assert.Equal(["first.fc", "rest.0.fc", "rest.1"], mlp.Graph!.Ops.OfType<ParameterOp>().Select(o => o.Module.Name));
        Assert.Null(GraphLowering.Lower(ShapeInference.Infer(Parse("MlpBlock"), default)).Blocker);
    }

    [Fact]
    public void ABlockThatCannotFuseNamesItselfAndTheConstructInIt()
    {
        var inferred = InferSource("""
            [Model(Input = [4, 6, 6])]
            public partial class Grouped
            {
                [Conv2d(4, 4, kernel: 3, padding: 1, groups: 2)] public partial Tensor Conv(Tensor x);
                [Forward] Tensor Network(Tensor x) => Conv(x) + x;
            }

            [Model(Input = [3, 6, 6])]
            public partial class Outer
            {
                [Conv2d(3, 4, kernel: 1)] public partial Tensor Stem(Tensor x);
                [Block(typeof(Grouped))] public partial Tensor Body(Tensor x);
                [Forward] Tensor Network(Tensor x) => Body(Stem(x));
            }
            """, "Outer");
        Assert.Empty(inferred.Errors);
        var blocker = GraphLowering.Lower(inferred).Blocker!;
        Assert.Equal(DiagnosticIds.UnsupportedConstruct, blocker.Id);
        Assert.Equal("block body (Grouped) cannot fuse: 'Conv(x)' in it: only groups = 1 is fused", blocker.MessageArgs[2]);
        Assert.Equal("Body(Stem(x))", Text(blocker.Location!));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheFusedComposedResNetPassesGradCheckInFloat64(bool training)
    {
        Torch.ManualSeed(11);
        var model = new ComposedResNet();
        model.Double();
        if (!training)
        {
            using (Torch.NoGrad())
                foreach (var bn in model.Modules().OfType<BatchNorm2d>())
                {
                    bn.RunningMean!.Uniform_(-0.5, 0.5);
                    bn.RunningVar!.Uniform_(0.5, 1.5);
                }
            model.Eval();
        }
        var x = Torch.Randn([2, 3, 12, 12], DType.Float64, requiresGrad: true);
        var recorded = new List<string>();
        Tensor Forward(Tensor[] inputs)
        {
            var y = model.Forward(inputs[0]);
            if (y.GradFn is { } fn) recorded.Add(fn.Name); // the finite differences run without grad
            return y;
        }
        Assert.True(Torch.Autograd.GradCheck(Forward, [x, .. model.Parameters().Cast<Tensor>()]));
        Assert.NotEmpty(recorded);
        Assert.All(recorded, n => Assert.Equal("ComposedResNetBackward0", n));
    }

    [Fact]
    public void ComposedMlpFusedEqualsItsBlocksRunOneAfterTheOther()
    {
        Torch.ManualSeed(3);
        var model = new ComposedMlp();
        var x = Torch.Randn([4, 6]);
        var first = model.Layers.First;
        var rest = model.Layers.Rest;
        var expected = ((Linear)rest[1]).Forward(((MlpBlock)rest[0]).Network(first.Network(x)));
        var y = model.Forward(x);
        Assert.Equal("ComposedMlpBackward0", y.GradFn!.Name);
        AssertClose(expected, y, "output");
        Assert.Equal(["first.fc.weight", "first.fc.bias", "rest.0.fc.weight", "rest.0.fc.bias", "rest.1.weight", "rest.1.bias"], model.StateDict().Keys);
    }

    [Fact]
    public void ALayerReplacedInsideABlockByOneOfAnotherKindMakesTheOuterPlanStepAside()
    {
        Torch.ManualSeed(4);
        var model = new ComposedMlp();
        var replacement = new Linear(6, 6, bias: false); // the plan was compiled for a bias
        model.Layers.First.Layers.Fc = replacement;
        Assert.False(model.Layers.Replaced);
        Assert.True(model.Layers.First.Layers.Replaced);
        Assert.False(model.Layers.First.Layers.PlanFits);
        var x = Torch.Randn([2, 6]);
        var y = model.Forward(x);
        Assert.NotEqual("ComposedMlpBackward0", y.GradFn!.Name);
        var rest = model.Layers.Rest;
        AssertClose(((Linear)rest[1]).Forward(((MlpBlock)rest[0]).Network(F.Relu(replacement.Forward(x)) + x)), y, "output");
    }

    [Fact]
    public void ABlockThatDoesNotFitTheOutputBeforeItIsSN0008AtTheCallWithBothShapes()
    {
        var inferred = InferSource("""
            [Model(Input = [4, 6, 6])]
            public partial class Small
            {
                [Conv2d(4, 4, kernel: 3, padding: 1)] public partial Tensor Conv(Tensor x);
                [Forward] Tensor Network(Tensor x) => Conv(x);
            }

            [Model(Input = [3, 6, 6])]
            public partial class Outer
            {
                [Conv2d(3, 8, kernel: 1)] public partial Tensor Stem(Tensor x);
                [Block(typeof(Small))] public partial Tensor Body(Tensor x);
                [Forward] Tensor Network(Tensor x) => Body(Stem(x));
            }
            """, "Outer");
        var error = Assert.Single(inferred.Errors);
        Assert.Equal(DiagnosticIds.BlockMismatch, error.Id);
        Assert.Equal("Body (Small, declared for [B, 4, 6, 6]) cannot take [B, 8, 6, 6] (Stem of [B, 3, 6, 6]): Conv expects 4 input channels but receives [B, 8, 6, 6] (x = the input of Small)",
            error.Message);
        Assert.Equal("Body(Stem(x))", Text(error.Location!));
    }

    [Fact]
    public void InsideASequentialTheNextBlockNamesThePreviousOne()
    {
        var inferred = InferSource("""
            [Model(Input = [4, 6, 6])]
            public partial class Widen
            {
                [Conv2d(4, 8, kernel: 3, padding: 1)] public partial Tensor Conv(Tensor x);
                [Forward] Tensor Network(Tensor x) => Conv(x);
            }

            [Model(Input = [4, 6, 6])]
            public partial class Outer
            {
                [Block(typeof(Widen))][Block(typeof(Widen))] public partial Tensor Body(Tensor x);
                [Forward] Tensor Network(Tensor x) => Body(x);
            }
            """, "Outer");
        var error = Assert.Single(inferred.Errors);
        Assert.Equal(DiagnosticIds.BlockMismatch, error.Id);
        Assert.StartsWith("Body[1] (Widen, declared for [B, 4, 6, 6]) cannot take [B, 8, 6, 6] (Body[0] = Widen of [B, 4, 6, 6]): ", error.Message);
    }

    [Fact]
    public void AModelThatContainsItselfIsSN0105()
    {
        var inferred = InferSource("""
            [Model(Input = [4])]
            public partial class Loop
            {
                [Block(typeof(Loop))] public partial Tensor Self(Tensor x);
                [Forward] Tensor Network(Tensor x) => Self(x);
            }
            """, "Loop");
        var error = Assert.Single(inferred.Errors);
        Assert.Equal(DiagnosticIds.UnsupportedDeclaration, error.Id);
        Assert.Contains("a model cannot contain itself", error.Message);
    }

    [Fact]
    public void AReplacedLinearOfAnotherWidthRunsTheFusedPlanWithIt()
    {
        Torch.ManualSeed(5);
        var model = new ResidualNet();
        Assert.False(model.Layers.Replaced);
        var head = new Linear(6, 2);
        model.Layers.Head = head;
        Assert.True(model.Layers.Replaced);
        Assert.True(model.Layers.PlanFits);
        Assert.Same(head, model.NamedChildren().Single(c => c.Name == "head").Module);
        var x = Torch.Randn([3, 6]);
        var y = model.Forward(x);
        Assert.Equal("ResidualNetBackward0", y.GradFn!.Name);
        Assert.Equal([3L, 2L], y.Shape.ToArray());
        AssertClose(model.Network(x), y, "output");
        Assert.Equal([3L, 2L], model.Predict(x).Shape.ToArray());
    }

    [Fact]
    public void ASequentialElementReplacedThroughItsIndexerCountsAsReplaced()
    {
        var model = new ComposedMlp();
        Assert.False(model.Layers.Replaced);
        model.Layers.Rest[1] = new Linear(6, 7);
        Assert.True(model.Layers.Replaced);
        Assert.Equal([2L, 7L], model.Forward(Torch.Randn([2, 6])).Shape.ToArray());
        Assert.Equal([7L, 6L], model.StateDict()["rest.1.weight"].Shape.ToArray());
    }

    [Fact]
    public void GeneratedCodeOfTheComposedModelsCompilesWithoutDiagnostics()
    {
        var (result, output) = GeneratorRunner.Run(GeneratorRunner.ModelSource("ComposedResNet.cs"));
        Assert.Equal("", GeneratorRunner.Errors(output));
        Assert.Empty(result.Diagnostics);
        var outer = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("ComposedResNet.g.cs", StringComparison.Ordinal));
        Snapshot.Verify(outer.GetText().ToString(), nameof(SnapshotTests), "ComposedResNet");
    }

    private static ModelSpec Parse(string type)
    {
        var compilation = GeneratorRunner.Compile(GeneratorRunner.ModelSource("ComposedResNet.cs"), GeneratorRunner.ModelSource("ResidualNet.cs"));
        return ModelParser.Parse(compilation.GetTypeByMetadataName("StaticNet.Generators.Tests.Models." + type)!, compilation, default);
    }

    private static string s_lastSource = "";

    private static InferredModel InferSource(string body, string type)
    {
        s_lastSource = "using StaticNet;\nnamespace N;\n" + body;
        var compilation = GeneratorRunner.Compile(s_lastSource);
        return ShapeInference.Infer(ModelParser.Parse(compilation.GetTypeByMetadataName("N." + type)!, compilation, default), default);
    }

    private static string Text(LocationInfo location) => s_lastSource.Substring(location.TextSpan.Start, location.TextSpan.Length);

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.Shape.ToString(), actual.Shape.ToString());
        var e = expected.ToArray<float>();
        var a = actual.ToArray<float>();
        for (int i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - a[i]) <= 1e-5 * (1 + Math.Abs(e[i])), $"{what}[{i}]: {e[i]} vs {a[i]}");
    }

    // torchvision's structure written by hand with the runtime's modules: the independent reference.
    private sealed class EagerBlock : Module
    {
        private readonly Conv2d _conv1, _conv2;
        private readonly BatchNorm2d _bn1, _bn2;
        private readonly Sequential? _downsample;

        public EagerBlock(int inPlanes, int planes, int stride)
        {
            _conv1 = Register("conv1", new Conv2d(inPlanes, planes, 3, stride: stride, padding: 1, bias: false));
            _bn1 = Register("bn1", new BatchNorm2d(planes));
            Register("relu", new ReLU(inplace: true));
            _conv2 = Register("conv2", new Conv2d(planes, planes, 3, padding: 1, bias: false));
            _bn2 = Register("bn2", new BatchNorm2d(planes));
            if (stride != 1) _downsample = Register("downsample", new Sequential(new Conv2d(inPlanes, planes, 1, stride: stride, bias: false), new BatchNorm2d(planes)));
        }

        public override Tensor Forward(Tensor x)
        {
            var identity = _downsample?.Forward(x) ?? x;
            var y = F.Relu(_bn1.Forward(_conv1.Forward(x)));
            y = _bn2.Forward(_conv2.Forward(y));
            return F.Relu(y + identity);
        }
    }

    private sealed class EagerResNet : Module
    {
        private readonly Module _conv1, _bn1, _layer1, _layer2, _avgpool, _fc;

        public EagerResNet()
        {
            _conv1 = Register("conv1", new Conv2d(3, 4, 3, stride: 2, padding: 1, bias: false));
            _bn1 = Register("bn1", new BatchNorm2d(4));
            Register("relu", new ReLU(inplace: true));
            _layer1 = Register("layer1", new Sequential(new EagerBlock(4, 4, 1), new EagerBlock(4, 4, 1)));
            _layer2 = Register("layer2", new Sequential(new EagerBlock(4, 8, 2), new EagerBlock(8, 8, 1)));
            _avgpool = Register("avgpool", new AdaptiveAvgPool2d(1));
            _fc = Register("fc", new Linear(8, 5));
        }

        public override Tensor Forward(Tensor x)
        {
            x = F.Relu(_bn1.Forward(_conv1.Forward(x)));
            x = _layer2.Forward(_layer1.Forward(x));
            return _fc.Forward(_avgpool.Forward(x).Flatten(1));
        }
    }
}
