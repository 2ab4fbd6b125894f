using StaticNet.Analyzers.Tests.Infrastructure;
using static StaticNet.Analyzers.Tests.Infrastructure.AnalyzerVerifier;

namespace StaticNet.Analyzers.Tests;

/// <summary>The fix that declares a layer with the size it receives, where the analyzer is certain of it.</summary>
public sealed class CodeFixTests
{
    [Fact]
    public Task LinearDeclaredWithTheWrongWidthIsRewrittenToTheReceivedWidth() => VerifyFixAsync(
        Models.LeNet(fc1: "[{|layer:Linear(16 * 5 * 5, 120)|}]", call: "{|SN0001:Fc1(x)|}"),
        Models.LeNet(fc1: "[Linear(576, 120)]"),
        "Fc1 expects [B, 400] but receives [B, 576] (x = View of [B, 16, 6, 6]). Declare Fc1 as Linear(576, 120), or change the preceding layers.");

    [Fact]
    public Task NamedInFeaturesArgumentIsTheOneRewritten() => VerifyFixAsync(
        Models.LeNet(fc1: "[{|layer:Linear(outFeatures: 120, inFeatures: 400)|}]", call: "{|SN0001:Fc1(x)|}"),
        Models.LeNet(fc1: "[Linear(outFeatures: 120, inFeatures: 576)]"),
        "Fc1 expects [B, 400] but receives [B, 576] (x = View of [B, 16, 6, 6]). Declare Fc1 as Linear(576, 120), or change the preceding layers.");

    [Fact]
    public Task LinearInsideASequentialIsRewrittenInPlace() => VerifyFixAsync("""
        [Model(Input = [8])]
        public partial class Net
        {
            [Linear(8, 32), ReLU, {|SN0001:{|layer:Linear(16, 4)|}|}]
            public partial Tensor Stack(Tensor x);

            [Forward]
            private Tensor Network(Tensor x) => Stack(x);
        }
        """, """
        [Model(Input = [8])]
        public partial class Net
        {
            [Linear(8, 32), ReLU, Linear(32, 4)]
            public partial Tensor Stack(Tensor x);

            [Forward]
            private Tensor Network(Tensor x) => Stack(x);
        }
        """,
        "Stack[2] expects [B, 16] but receives [B, 32] (Stack[1] = ReLU of [B, 32]). Declare Stack[2] as Linear(32, 4), or change the preceding layers.");

    [Fact]
    public Task ConvolutionDeclaredWithTheWrongChannelsIsRewrittenToTheReceivedChannels() => VerifyFixAsync("""
        [Model(Input = [3, 8, 8])]
        public partial class Net
        {
            [{|layer:Conv2d(1, 4, kernel: 3)|}] public partial Tensor Conv(Tensor x);

            [Forward]
            private Tensor Network(Tensor x) => {|SN0002:Conv(x)|};
        }
        """, """
        [Model(Input = [3, 8, 8])]
        public partial class Net
        {
            [Conv2d(3, 4, kernel: 3)] public partial Tensor Conv(Tensor x);

            [Forward]
            private Tensor Network(Tensor x) => Conv(x);
        }
        """,
        "Conv expects 1 input channels but receives [B, 3, 8, 8] (x = the model input)");

    // [B, 16, 6, 6] reaching a Linear most likely lacks a View: no width is certain, so no fix is offered.
    [Fact]
    public Task LinearOnAnImageIsNotFixed() => VerifyFixAsync("""
        [Model(Input = [16, 6, 6])]
        public partial class Net
        {
            [{|layer:Linear(576, 10)|}] public partial Tensor Fc(Tensor x);

            [Forward]
            private Tensor Network(Tensor x) => {|SN0001:Fc(x)|};
        }
        """, """
        [Model(Input = [16, 6, 6])]
        public partial class Net
        {
            [{|layer:Linear(576, 10)|}] public partial Tensor Fc(Tensor x);

            [Forward]
            private Tensor Network(Tensor x) => {|SN0001:Fc(x)|};
        }
        """,
        "Fc expects [B, 576] but receives [B, 16, 6, 6] (x = the model input). Declare Fc as Linear(6, 10), or change the preceding layers.");
}
