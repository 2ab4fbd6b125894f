using StaticNet.Compiler.Fusion;
using StaticNet.Compiler.Model;
using StaticNet.Compiler.Parse;
using StaticNet.Compiler.Shapes;
using StaticNet.Generators.Tests.Infrastructure;

namespace StaticNet.Generators.Tests;

/// <summary>
/// "Fusable or not" is decided once (src/Compiler/Fusion/FusedLowering): a valid model the plan cannot take gets its
/// reason as an SN0104 note (what the analyzers report, at the blocking construct) and an eager Forward from the
/// generator; a fusable one gets no note and the fused Forward/Predict.
/// </summary>
public class FusabilityTests
{
    private const string Header = "using StaticNet;\nusing static StaticNet.F;\nnamespace Demo;\n";

    [Theory]
    [InlineData("x = Fc(x); return Softmax(x, 1);", "Softmax(x, 1)", "'Softmax' has no fused kernel")]
    [InlineData("var h = Fc(x); return h + Fc(h);", "h + Fc(h)", "each step must consume the tensor the previous step computed")]
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
        var note = Assert.Single(inferred.Notes);
        Assert.Equal(DiagnosticIds.UnsupportedConstruct, note.Id);
        Assert.Equal($"'{construct}' in 'Network' cannot be compiled into the fused plan ({reason}); 'Network' runs eagerly", note.Message);
        Assert.Equal(construct, source.Substring(note.Location!.TextSpan.Start, note.Location.TextSpan.Length));
        Assert.Equal(note, FusedLowering.Lower(inferred).Blocker);

        var (result, output) = GeneratorRunner.Run(source);
        Assert.Equal("", GeneratorRunner.Errors(output));
        string generated = Assert.Single(result.GeneratedTrees).GetText().ToString();
        Assert.Contains("public override global::StaticNet.Tensor Forward(global::StaticNet.Tensor x) => Network(x);", generated);
        Assert.DoesNotContain("Predict", generated);
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
        var note = Assert.Single(inferred.Notes);
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
            var plan = FusedLowering.Lower(inferred).Plan!;
            Assert.Equal(["Conv2d:Relu", "MaxPool", "Conv2d:Relu", "MaxPool", "Linear:Relu", "Linear:Relu", "Linear:None"],
                plan.Steps.Select(s => s switch
                {
                    FusedConv2d c => "Conv2d:" + c.Activation,
                    FusedPool2d { IsMax: true } => "MaxPool",
                    FusedLinear l => "Linear:" + l.Activation,
                    _ => s.GetType().Name,
                }));
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
