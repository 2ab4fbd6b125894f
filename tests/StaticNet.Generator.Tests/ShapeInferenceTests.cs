using Microsoft.CodeAnalysis;
using StaticNet.Compiler.Model;
using StaticNet.Compiler.Parse;
using StaticNet.Compiler.Shapes;
using StaticNet.Generators.Tests.Infrastructure;

namespace StaticNet.Generators.Tests;

/// <summary>The shared parse + shape code: shapes with a symbolic batch B, and errors returned as values.</summary>
public class ShapeInferenceTests
{
    private const string Header = "using StaticNet;\nusing static StaticNet.F;\nnamespace Demo;\n";

    private string _source = "";

    private InferredModel Infer(string source, string className = "Net")
    {
        _source = Header + source;
        var compilation = GeneratorRunner.Compile(_source);
        var type = compilation.GetTypeByMetadataName("Demo." + className)!;
        return ShapeInference.Infer(ModelParser.Parse(type, compilation, default), default);
    }

    private const string SeedTwoLeNetWithWrongFc1 = """
        [Model(Input = [1, 32, 32])]
        public partial class Net
        {
            [Conv2d(1, 6, kernel: 3)] public partial Tensor Conv1(Tensor x);
            [Conv2d(6, 16, kernel: 3)] public partial Tensor Conv2(Tensor x);
            [Linear(16 * 5 * 5, 120)] public partial Tensor Fc1(Tensor x);
            [Linear(120, 10)] public partial Tensor Fc2(Tensor x);

            [Forward]
            Tensor Network(Tensor x)
            {
                x = MaxPool2d(Relu(Conv1(x)), 2);
                x = MaxPool2d(Relu(Conv2(x)), 2);
                x = x.View(-1, 576);
                x = Relu(Fc1(x));
                return Fc2(x);
            }
        }
        """;

    [Fact]
    public void LinearWidthMismatchNamesBothWidthsAndWhereTheInputCameFrom()
    {
        var inferred = Infer(SeedTwoLeNetWithWrongFc1);
        var error = Assert.Single(inferred.Errors);
        Assert.Equal(DiagnosticIds.LinearInputMismatch, error.Id);
        Assert.Equal("Fc1 expects [B, 400] but receives [B, 576] (x = View of [B, 16, 6, 6]). Declare Fc1 as Linear(576, 120), or change the preceding layers.",
            error.Message);
        Assert.Equal("Fc1(x)", SourceAt(error.Location!));
        Assert.Equal("Linear(16 * 5 * 5, 120)", SourceAt(Assert.Single(error.AdditionalLocations)));
    }

    [Fact]
    public void GeneratorEmitsAndReportsNothingForAnInvalidModel()
    {
        var (result, _) = GeneratorRunner.Run(Header + SeedTwoLeNetWithWrongFc1);
        Assert.Empty(result.GeneratedTrees);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void ViewWithMinusOneFoldsTheBatchIntoTheInferredDimension()
    {
        var inferred = Infer("""
            [Model(Input = [16, 5, 5])]
            public partial class Net
            {
                [Linear(400, 10)] public partial Tensor Fc(Tensor x);
                [Forward] Tensor Network(Tensor x) => Fc(x.View(-1, 16 * 5 * 5));
            }
            """);
        Assert.Empty(inferred.Errors);
        Assert.Equal(["[B, 16, 5, 5]", "[B, 400]", "[B, 10]"], inferred.Values.Select(v => v.ToString()));
    }

    [Fact]
    public void ConvChannelMismatchAndOversizedKernelAreReported()
    {
        var channels = Infer("""
            [Model(Input = [3, 32, 32])]
            public partial class Net
            {
                [Conv2d(1, 6, kernel: 5)] public partial Tensor Conv1(Tensor x);
                [Forward] Tensor Network(Tensor x) => Conv1(x);
            }
            """);
        Assert.Equal("Conv1 expects 1 input channels but receives [B, 3, 32, 32] (x = the model input)", Assert.Single(channels.Errors).Message);

        var kernel = Infer("""
            [Model(Input = [1, 4, 4])]
            public partial class Net
            {
                [Conv2d(1, 6, kernel: 5)] public partial Tensor Conv1(Tensor x);
                [Forward] Tensor Network(Tensor x) => Conv1(x);
            }
            """);
        Assert.Equal("Conv1 has a 5×5 window but its (padded) input is only 4×4: it receives [B, 1, 4, 4] (x = the model input)",
            Assert.Single(kernel.Errors).Message);
    }

    [Fact]
    public void MismatchInsideASequentialPointsAtTheAttribute()
    {
        var inferred = Infer("""
            [Model(Input = [784])]
            public partial class Net
            {
                [Linear(784, 512), ReLU, Linear(500, 10)] public partial Tensor Stack(Tensor x);
                [Forward] Tensor Network(Tensor x) => Stack(x);
            }
            """);
        var error = Assert.Single(inferred.Errors);
        Assert.Equal("Stack[2] expects [B, 500] but receives [B, 512] (Stack[1] = ReLU of [B, 512]). Declare Stack[2] as Linear(512, 10), or change the preceding layers.",
            error.Message);
        Assert.Equal("Linear(500, 10)", SourceAt(error.Location!));
    }

    [Fact]
    public void ResidualAddOfIncompatibleShapesIsReported()
    {
        var inferred = Infer("""
            [Model(Input = [8])]
            public partial class Net
            {
                [Linear(8, 4)] public partial Tensor Fc(Tensor x);
                [Forward] Tensor Network(Tensor x) => x + Fc(x);
            }
            """);
        Assert.Equal("'+' of [B, 8] (x = the model input) and [B, 4] (Fc of [B, 8]): the shapes are not broadcastable (dimension 1: 8 vs 4)", Assert.Single(inferred.Errors).Message);
    }

    [Fact]
    public void UnknownCallFallsBackToEagerAndIsANoteNotAnError()
    {
        var inferred = Infer("""
            [Model(Input = [8])]
            public partial class Net
            {
                [Linear(8, 4)] public partial Tensor Fc(Tensor x);
                [Linear(4, 4)] public partial Tensor Unused(Tensor x);
                [Forward] Tensor Network(Tensor x) => Fc(x).Exp();
            }
            """);
        Assert.Empty(inferred.Errors);
        Assert.False(inferred.IsTraced);
        var note = Assert.Single(inferred.Notes);
        Assert.Equal("'Fc(x).Exp()' in 'Network' cannot be compiled into the fused plan ('Tensor.Exp' is not a layer or an op the compiler knows); 'Network' runs eagerly",
            note.Message);
        var (result, output) = GeneratorRunner.Run(Header + """
            [Model(Input = [8])]
            public partial class Net
            {
                [Linear(8, 4)] public partial Tensor Fc(Tensor x);
                [Forward] Tensor Network(Tensor x) => Fc(x).Exp();
            }
            """);
        Assert.Single(result.GeneratedTrees);
        Assert.Equal("", GeneratorRunner.Errors(output));
    }

    [Fact]
    public void UnusedLayerAndMissingDeclarationsAreReportedAsValues()
    {
        var unused = Infer("""
            [Model(Input = [8])]
            public partial class Net
            {
                [Linear(8, 4)] public partial Tensor Fc(Tensor x);
                [Linear(4, 4)] public partial Tensor Spare(Tensor x);
                [Forward] Tensor Network(Tensor x) => Fc(x);
            }
            """);
        Assert.Equal("Layer 'Spare' is declared but never used in 'Network'", Assert.Single(unused.Notes).Message);

        var missing = Infer("""
            [Model]
            public partial class Net
            {
                [Linear(8, 4)] public partial Tensor Fc(Tensor x);
            }
            """);
        Assert.Equal([DiagnosticIds.MissingInput, DiagnosticIds.MissingForward], missing.Errors.Select(e => e.Id));
    }

    [Theory]
    [InlineData("Fc1", "fc1")]
    [InlineData("LinearReluStack", "linear_relu_stack")]
    [InlineData("InputToHiddenLayer", "input_to_hidden_layer")]
    [InlineData("Conv2dBlock", "conv2d_block")]
    [InlineData("HTTPLayer", "http_layer")]
    public void ModuleNamesAreTheSnakeCaseOfMemberNames(string member, string module) => Assert.Equal(module, Naming.SnakeCase(member));

    private string SourceAt(LocationInfo location) => _source.Substring(location.TextSpan.Start, location.TextSpan.Length);
}
