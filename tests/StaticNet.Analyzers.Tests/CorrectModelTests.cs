using StaticNet.Analyzers.Tests.Infrastructure;
using static StaticNet.Analyzers.Tests.Infrastructure.AnalyzerVerifier;

namespace StaticNet.Analyzers.Tests;

/// <summary>The seeds' networks, declared correctly, produce no error (and no warning when they fuse); a class without [Model] nothing.</summary>
public sealed class CorrectModelTests
{
    [Fact]
    public Task Seed000NeuralNetworkHasNoDiagnostics() => VerifyAsync("""
        [Model(Input = [1, 28, 28])]
        public partial class NeuralNetwork
        {
            [Flatten] public partial Tensor Flatten(Tensor x);

            [Linear(28 * 28, 512), ReLU, Linear(512, 256), ReLU, Linear(256, 10), Dropout(0.2)]
            public partial Tensor LinearReluStack(Tensor x);

            [Forward]
            private Tensor Network(Tensor x)
            {
                x = Flatten(x);
                var logits = LinearReluStack(x);
                return logits;
            }
        }
        """);

    // BatchNorm fuses now (training and evaluation), affine or not, with a cumulative average: no SN0104 any more.
    [Fact]
    public Task BatchNormAfterConvolutionsAndLinearsHasNoDiagnostics() => VerifyAsync("""
        [Model(Input = [3, 8, 8])]
        public partial class Net
        {
            [Conv2d(3, 4, kernel: 3, padding: 1, bias: false)] public partial Tensor Conv(Tensor x);
            [BatchNorm2d(4, momentum: 0.2, affine: false)] public partial Tensor Bn(Tensor x);
            [Linear(4 * 8 * 8, 6)] public partial Tensor Fc(Tensor x);
            [BatchNorm1d(6, eps: 1e-3, cumulativeAverage: true)] public partial Tensor Bn1(Tensor x);

            [Forward]
            private Tensor Network(Tensor x) => F.Relu(Bn1(Fc(F.Relu(Bn(Conv(x))).Flatten(1))));
        }
        """);

    // The generator implements the layer methods: that generated body is not a hand-written one (SN0106).
    [Fact]
    public Task Seed002LeNetWithTheGeneratorsOutputHasNoDiagnostics() => VerifyWithGeneratorAsync(Models.LeNet(fc1: "[Linear(576, 120)]"));

    [Fact]
    public Task Seed002LeNetDeclaredWith576FeaturesHasNoDiagnostics() => VerifyAsync(Models.LeNet(fc1: "[Linear(576, 120)]"));

    // A tuple return, a residual + and *, and Cat all fuse: no diagnostic at all (no SN0104).
    [Fact]
    public Task Seed003NetworkReturningATupleWithResidualAndCatFusesWithoutDiagnostics() => VerifyAsync("""
        [Model(Input = [2])]
        public partial class MyNeuralNet
        {
            [Linear(2, 8)] public partial Tensor InputToHiddenLayer(Tensor x);
            [ReLU] public partial Tensor HiddenLayerActivation(Tensor x);
            [Linear(16, 1)] public partial Tensor HiddenToOutputLayer(Tensor x);

            [Forward]
            private (Tensor Output, Tensor Hidden) Network(Tensor x)
            {
                var hidden1 = InputToHiddenLayer(x);
                var hidden2 = HiddenLayerActivation(hidden1) + hidden1 * hidden1;
                var output = HiddenToOutputLayer(Torch.Cat([hidden1, hidden2], 1));
                return (output, hidden2);
            }
        }
        """);

    // Broadcasting residuals as the shapes say ([B, C, H, W] * [B, C, 1, 1], [B, N] + [B, 1]) fuse: no diagnostic.
    [Fact]
    public Task BroadcastingResidualsFuseWithoutDiagnostics() => VerifyAsync("""
        [Model(Input = [3, 4, 4])]
        public partial class Net
        {
            [Conv2d(3, 3, kernel: 1)] public partial Tensor Conv(Tensor x);
            [AdaptiveAvgPool2d(1)] public partial Tensor Squeeze(Tensor x);
            [Linear(48, 8)] public partial Tensor Fc(Tensor x);
            [Linear(8, 1)] public partial Tensor Gate(Tensor x);

            [Forward]
            private Tensor Network(Tensor x)
            {
                var y = Conv(x) * F.Sigmoid(Squeeze(x)) + x;
                var h = Fc(y.Flatten(1));
                return h * Gate(h) + Gate(h);
            }
        }
        """);

    [Fact]
    public Task ClassWithoutModelAttributeIsNotAnalyzed() => VerifyAsync("""
        public partial class NotAModel
        {
            [Linear(400, 120)] public partial Tensor Fc1(Tensor x);

            private Tensor Network(Tensor x) => Fc1(x.View(-1, 576));
        }
        """);
}
