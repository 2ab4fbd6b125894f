using StaticNet.Compiler.Graph;
using StaticNet.Compiler.Model;
using StaticNet.Compiler.Parse;
using StaticNet.Compiler.Shapes;
using StaticNet.Generators.Tests.Infrastructure;

namespace StaticNet.Generators.Tests;

/// <summary>
/// "Fusable or not" is decided once (src/Compiler/Graph/GraphLowering, the generator's Lower step): a valid model the
/// plan cannot take gets its reason as an SN0104 blocker (what the analyzers report, at the blocking construct) and an
/// eager Forward from the generator; a fusable one gets no blocker and the fused Forward/Predict.
/// </summary>
public class FusabilityTests
{
    private const string Header = "using StaticNet;\nusing static StaticNet.F;\nnamespace Demo;\n";

    [Theory]
    [InlineData("x = Fc(x); return Softmax(x, 0);", "Softmax(x, 0)", "Softmax over dimension 0 of [B, 4] is not fused: only the last dimension is")]
    [InlineData("var h = Fc(x); var unused = Fc(h); return h;", "Fc(h)", "its result is never used")]
    [InlineData("var h = Fc(x); return Torch.Cat([h, h], 0);", "Torch.Cat([h, h], 0)", "Cat along dimension 0 joins batches: the batch must stay alone as dimension 0")]
    [InlineData("var h = Fc(x); return (h + x).View(-1);", "(h + x).View(-1)", "the result must keep the batch alone as dimension 0")]
    [InlineData("var h = Fc(x); return x;", "Network", "it returns its input unchanged; a fused plan returns values it computes")]
    [InlineData("x = Fc(x); return Dropout(x, 0.5);", "Dropout(x, 0.5)", "F.Dropout's training flag is not traced; declare a [Dropout] layer, which follows Train()/Eval()")]
    public void AValidButUnfusableForwardGetsOneNoteAtTheBlockingConstructAndAnEagerForward(string body, string construct, string reason)
    {
        string source = Header + $$"""
            [Model(Input = [4])]
            public partial class Net
            {
                [Linear(4, 4)] public partial Tensor Fc(Tensor x);
                [Forward] Tensor Network(Tensor x) { {{body}} }
            }
            """;
        var inferred = Infer(source);
        Assert.Empty(inferred.Errors);
        Assert.True(inferred.IsTraced);
        Assert.Empty(inferred.Notes);
        var note = GraphLowering.Lower(inferred).Blocker!;
        Assert.Equal(DiagnosticIds.UnsupportedConstruct, note.Id);
        Assert.Equal($"'{construct}' in 'Network' cannot be compiled into the fused plan ({reason}); 'Network' runs eagerly", note.Message);
        Assert.Equal(construct, source.Substring(note.Location!.TextSpan.Start, note.Location.TextSpan.Length));
        Assert.Null(GraphLowering.Lower(inferred).Graph);

        var (result, output) = GeneratorRunner.Run(source);
        Assert.Equal("", GeneratorRunner.Errors(output));
        string generated = Assert.Single(result.GeneratedTrees).GetText().ToString();
        Assert.Contains("public override global::StaticNet.Tensor Forward(global::StaticNet.Tensor x) => Network(x);", generated);
        Assert.DoesNotContain("Predict", generated);
    }

    [Fact]
    public void AnAdaptivePoolingWithUnevenWindowsIsNotFusedAndSaysWhy()
    {
        var inferred = Infer(Header + """
            [Model(Input = [4, 7, 7])]
            public partial class Net
            {
                [Conv2d(4, 4, kernel: 3)] public partial Tensor Conv(Tensor x);
                [Forward] Tensor Network(Tensor x) => AdaptiveAvgPool2d(Conv(x), 2).Flatten(1);
            }
            """);
        Assert.Equal("'AdaptiveAvgPool2d(Conv(x), 2)' in 'Network' cannot be compiled into the fused plan (an adaptive pooling of 5×5 to 2×2 has uneven " +
            "windows; only output sizes that divide the input's are fused); 'Network' runs eagerly", GraphLowering.Lower(inferred).Blocker!.Message);
    }

    [Fact]
    public void AGroupedConvolutionIsNotFusedAndSaysWhy()
    {
        var inferred = Infer(Header + """
            [Model(Input = [4, 8, 8])]
            public partial class Net
            {
                [Conv2d(4, 4, kernel: 3, groups: 2)] public partial Tensor Conv(Tensor x);
                [Forward] Tensor Network(Tensor x) => Conv(x).Flatten(1);
            }
            """);
        Assert.Empty(inferred.Notes);
        var note = GraphLowering.Lower(inferred).Blocker!;
        Assert.Equal("'Conv(x)' in 'Network' cannot be compiled into the fused plan (only groups = 1 is fused); 'Network' runs eagerly", note.Message);
    }

    [Fact]
    public void TheLeNetVariantsLowerToConvPoolAndLinearStepsWithoutANote()
    {
        foreach (var file in new[] { "LeNet.cs", "LeNet5.cs", "CifarNet.cs" })
        {
            var source = GeneratorRunner.ModelSource(file);
            var compilation = GeneratorRunner.Compile(source);
            var type = compilation.GetTypeByMetadataName("StaticNet.Generators.Tests.Models." + Path.GetFileNameWithoutExtension(file))!;
            var inferred = ShapeInference.Infer(ModelParser.Parse(type, compilation, default), default);
            Assert.Empty(inferred.Notes);
            var lowering = GraphLowering.Lower(inferred);
            Assert.Null(lowering.Blocker);
            var plan = lowering.Graph!;
            Assert.Equal(["Conv2d:Relu", "MaxPool", "Conv2d:Relu", "MaxPool", "Linear:Relu", "Linear:Relu", "Linear:None"],
                plan.Ops.Select(s => s switch
                {
                    Conv2dOp c => "Conv2d:" + c.Activation,
                    Pool2dOp { IsMax: true } => "MaxPool",
                    LinearOp l => "Linear:" + l.Activation,
                    _ => s.GetType().Name,
                }));
            // A chain: op k reads value k and writes value k + 1, each value read once, the last one returned.
            Assert.Equal(Enumerable.Range(0, plan.Ops.Count).Select(k => $"{k}->{k + 1}"), plan.Ops.Select(op => $"{string.Join(",", op.Inputs)}->{op.Output}"));
            Assert.All(plan.Values.Take(plan.Values.Count - 1), v => Assert.Equal([v.Id], v.Consumers.ToArray()));
            Assert.Equal(plan.Ops.Count, plan.Output);
            Assert.Equal(11, plan.InputCount); // x, then weight and bias of 5 layers
            Assert.Equal([10L], plan.OutputSample.ToArray());
        }
    }

    private static InferredModel Infer(string source)
    {
        var compilation = GeneratorRunner.Compile(source);
        var type = compilation.GetTypeByMetadataName("Demo.Net")!;
        return ShapeInference.Infer(ModelParser.Parse(type, compilation, default), default);
    }
}
