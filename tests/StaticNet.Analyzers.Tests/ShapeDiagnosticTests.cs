using StaticNet.Analyzers.Tests.Infrastructure;
using static StaticNet.Analyzers.Tests.Infrastructure.AnalyzerVerifier;

namespace StaticNet.Analyzers.Tests;

/// <summary>
/// SN0001–SN0007: shape errors found by inferring every value of the forward body from Input with a symbolic batch B.
/// The expected shapes are worked out by hand in each test (PyTorch's output-size formulas).
/// </summary>
public sealed class ShapeDiagnosticTests
{
    // 1×32×32 → conv 3×3 → 30 → pool → 15 → conv 3×3 → 13 → pool → 6: fc1 receives 16·6·6 = 576, not 16·5·5 = 400.
    [Fact]
    public Task LinearWidthMismatchNamesBothWidthsAndWhereTheInputCameFrom() => VerifyAsync(
        Models.LeNet(fc1: "[{|layer:Linear(16 * 5 * 5, 120)|}]", call: "{|SN0001:Fc1(x)|}"),
        "Fc1 expects [B, 400] but receives [B, 576] (x = View of [B, 16, 6, 6]). Declare Fc1 as Linear(576, 120), or change the preceding layers.");

    // Seed 000's stack with the second Linear declared 500 wide: the error sits on that attribute inside the Sequential.
    [Fact]
    public Task LinearWidthMismatchInsideASequentialPointsAtItsAttribute() => VerifyAsync("""
        [Model(Input = [1, 28, 28])]
        public partial class NeuralNetwork
        {
            [Flatten] public partial Tensor Flatten(Tensor x);

            [Linear(28 * 28, 512), ReLU, {|SN0001:{|layer:Linear(500, 256)|}|}, ReLU, Linear(256, 10)]
            public partial Tensor LinearReluStack(Tensor x);

            [Forward]
            private Tensor Network(Tensor x) => LinearReluStack(Flatten(x));
        }
        """,
        "LinearReluStack[2] expects [B, 500] but receives [B, 512] (LinearReluStack[1] = ReLU of [B, 512]). Declare LinearReluStack[2] as Linear(512, 256), or change the preceding layers.");

    // conv1 gives 6 channels; pooled 30 → 15.
    [Fact]
    public Task ConvolutionChannelMismatchNamesDeclaredAndReceivedChannels() => VerifyAsync("""
        [Model(Input = [1, 32, 32])]
        public partial class Net
        {
            [Conv2d(1, 6, kernel: 3)] public partial Tensor Conv1(Tensor x);
            [{|layer:Conv2d(8, 16, kernel: 3)|}] public partial Tensor Conv2(Tensor x);

            [Forward]
            private Tensor Network(Tensor x)
            {
                x = MaxPool2d(Relu(Conv1(x)), 2);
                return {|SN0002:Conv2(x)|};
            }
        }
        """,
        "Conv2 expects 8 input channels but receives [B, 6, 15, 15] (x = MaxPool2d of [B, 6, 30, 30])");

    [Fact]
    public Task BatchNormFeatureMismatchIsAChannelMismatch() => VerifyAsync("""
        [Model(Input = [3, 8, 8])]
        public partial class Net
        {
            [Conv2d(3, 4, kernel: 3, padding: 1)] public partial Tensor Conv(Tensor x);
            [{|layer:BatchNorm2d(3)|}] public partial Tensor Norm(Tensor x);

            [Forward]
            private Tensor Network(Tensor x)
            {
                var y = Conv(x);
                return {|SN0002:Norm(y)|};
            }
        }
        """,
        "Norm expects 3 input channels but receives [B, 4, 8, 8] (y = Conv of [B, 3, 8, 8])");

    [Fact]
    public Task BatchNorm1dFeatureMismatchIsAChannelMismatch() => VerifyAsync("""
        [Model(Input = [20])]
        public partial class Net
        {
            [Linear(20, 16)] public partial Tensor Fc(Tensor x);
            [{|layer:BatchNorm1d(12)|}] public partial Tensor Norm(Tensor x);

            [Forward]
            private Tensor Network(Tensor x)
            {
                var y = Fc(x);
                return {|SN0002:Norm(y)|};
            }
        }
        """,
        "Norm expects 12 input channels but receives [B, 16] (y = Fc of [B, 20])");

    // A 7×7 kernel with padding 1 needs at least 7 rows; 4 + 2·1 = 6.
    [Fact]
    public Task KernelLargerThanPaddedInputNamesBothSizes() => VerifyAsync("""
        [Model(Input = [1, 4, 4])]
        public partial class Net
        {
            [{|layer:Conv2d(1, 2, kernel: 7, padding: 1)|}] public partial Tensor Conv1(Tensor x);

            [Forward]
            private Tensor Network(Tensor x) => {|SN0003:Conv1(x)|};
        }
        """,
        "Conv1 has a 7×7 window but its (padded) input is only 6×6: it receives [B, 1, 4, 4] (x = the model input)");

    // 5×5 → conv 3×3 → 3×3; a 4×4 pooling window does not fit.
    [Fact]
    public Task PoolingWindowLargerThanInputIsReportedAtTheCall() => VerifyAsync("""
        [Model(Input = [1, 5, 5])]
        public partial class Net
        {
            [Conv2d(1, 2, kernel: 3)] public partial Tensor Conv1(Tensor x);

            [Forward]
            private Tensor Network(Tensor x)
            {
                x = Relu(Conv1(x));
                return {|SN0003:MaxPool2d(x, 4)|};
            }
        }
        """,
        "MaxPool2d has a 4×4 window but its (padded) input is only 3×3: it receives [B, 2, 3, 3] (x = Relu of [B, 2, 3, 3])");

    // 3·8·8 = 192 elements per sample: no B makes B·192 a multiple of 100 for every batch size.
    [Fact]
    public Task ViewOfTheWrongElementCountNamesBothCounts() => VerifyAsync("""
        [Model(Input = [3, 8, 8])]
        public partial class Net
        {
            [Linear(100, 10)] public partial Tensor Fc(Tensor x);

            [Forward]
            private Tensor Network(Tensor x)
            {
                x = {|SN0004:x.View(-1, 100)|};
                return Fc(x);
            }
        }
        """,
        "View to [-1, 100] needs a multiple of 100 elements for every batch size B but receives [B, 3, 8, 8] with B·192 elements (x = the model input)");

    [Fact]
    public Task ReshapeToFixedSizesCannotHoldABatch() => VerifyAsync("""
        [Model(Input = [3, 8, 8])]
        public partial class Net
        {
            [Linear(192, 10)] public partial Tensor Fc(Tensor x);

            [Forward]
            private Tensor Network(Tensor x) => Fc({|SN0004:x.Reshape(1, 192)|});
        }
        """,
        "Reshape to [1, 192] needs 192 elements for every batch size B but receives [B, 3, 8, 8] with B·192 elements (x = the model input)");

    [Fact]
    public Task ResidualAddOfIncompatibleShapesNamesBothOperands() => VerifyAsync("""
        [Model(Input = [16])]
        public partial class Net
        {
            [Linear(16, 32)] public partial Tensor Fc1(Tensor x);
            [Linear(16, 8)] public partial Tensor Fc2(Tensor x);

            [Forward]
            private Tensor Network(Tensor x)
            {
                var a = Fc1(x);
                var b = Fc2(x);
                return {|SN0005:a + b|};
            }
        }
        """,
        "'+' of [B, 32] (a = Fc1 of [B, 16]) and [B, 8] (b = Fc2 of [B, 16]): the shapes are not broadcastable (dimension 1: 32 vs 8)");

    [Fact]
    public Task ProductOfIncompatibleShapesIsReportedToo() => VerifyAsync("""
        [Model(Input = [16])]
        public partial class Net
        {
            [Linear(16, 4)] public partial Tensor Gate(Tensor x);

            [Forward]
            private Tensor Network(Tensor x) => {|SN0005:x * Gate(x)|};
        }
        """,
        "'*' of [B, 16] (x = the model input) and [B, 4] (Gate of [B, 16]): the shapes are not broadcastable (dimension 1: 16 vs 4)");

    [Fact]
    public Task CatOfShapesThatDifferOutsideTheJoinedDimension() => VerifyAsync("""
        [Model(Input = [16])]
        public partial class Net
        {
            [Linear(16, 32)] public partial Tensor Fc1(Tensor x);
            [Linear(16, 8)] public partial Tensor Fc2(Tensor x);

            [Forward]
            private Tensor Network(Tensor x)
            {
                var a = Fc1(x);
                var b = Fc2(x);
                return {|SN0006:Torch.Cat([a, b], 0)|};
            }
        }
        """,
        "Cat along dimension 0 of [B, 32] (a = Fc1 of [B, 16]) and [B, 8] (b = Fc2 of [B, 16]): the shapes differ in dimension 1");

    [Fact]
    public Task BroadcastOfImagesWhoseChannelsDifferNamesBothShapes() => VerifyAsync("""
        [Model(Input = [3, 4, 4])]
        public partial class Net
        {
            [Conv2d(3, 2, kernel: 1)] public partial Tensor Conv(Tensor x);
            [AdaptiveAvgPool2d(1)] public partial Tensor Squeeze(Tensor x);

            [Forward]
            private Tensor Network(Tensor x) => {|SN0005:Conv(x) * Squeeze(x)|};
        }
        """,
        "'*' of [B, 2, 4, 4] (Conv of [B, 3, 4, 4]) and [B, 3, 1, 1] (Squeeze of [B, 3, 4, 4]): the shapes are not broadcastable (dimension 1: 2 vs 3)");

    [Fact]
    public Task CatAlongANegativeDimensionOfShapesThatDifferElsewhere() => VerifyAsync("""
        [Model(Input = [16])]
        public partial class Net
        {
            [Linear(16, 6)] public partial Tensor Fc1(Tensor x);
            [Linear(16, 12)] public partial Tensor Fc2(Tensor x);

            [Forward]
            private Tensor Network(Tensor x)
            {
                var a = Fc1(x).View(-1, 2, 3);
                var b = Fc2(x).View(-1, 4, 3);
                return {|SN0006:Torch.Cat([a, b], -1)|};
            }
        }
        """,
        "Cat along dimension -1 of [B, 2, 3] (a = View of [B, 6]) and [B, 4, 3] (b = View of [B, 12]): the shapes differ in dimension 1");

    [Fact]
    public Task CatOfValuesOfDifferentRanks() => VerifyAsync("""
        [Model(Input = [16])]
        public partial class Net
        {
            [Linear(16, 6)] public partial Tensor Fc(Tensor x);

            [Forward]
            private Tensor Network(Tensor x)
            {
                var a = Fc(x);
                return {|SN0006:Torch.Cat([a, a.View(-1, 2, 3)], 1)|};
            }
        }
        """,
        "Cat along dimension 1 of [B, 6] (a = Fc of [B, 16]) and [B, 2, 3] (View of [B, 6]): the shapes differ in rank");

    [Theory]
    [InlineData("2")]
    [InlineData("-3")]
    public Task CatAlongADimensionThatDoesNotExist(string dim) => VerifyAsync($$"""
        [Model(Input = [16])]
        public partial class Net
        {
            [Linear(16, 8)] public partial Tensor Fc1(Tensor x);
            [Linear(16, 4)] public partial Tensor Fc2(Tensor x);

            [Forward]
            private Tensor Network(Tensor x)
            {
                var a = Fc1(x);
                var b = Fc2(x);
                return {|SN0007:Torch.Cat([a, b], {{dim}})|};
            }
        }
        """,
        $"Cat expects dimension {dim} to exist but receives [B, 8] (a = Fc1 of [B, 16])");

    [Fact]
    public Task PoolingLayerOnAFlatInputIsARankMismatch() => VerifyAsync("""
        [Model(Input = [16])]
        public partial class Net
        {
            [{|layer:MaxPool2d(2)|}] public partial Tensor Pool(Tensor x);

            [Forward]
            private Tensor Network(Tensor x) => {|SN0007:Pool(x)|};
        }
        """,
        "Pool expects a 4-D input [B, C, H, W] but receives [B, 16] (x = the model input)");
}
