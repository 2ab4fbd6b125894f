using static StaticNet.Analyzers.Tests.Infrastructure.AnalyzerVerifier;

namespace StaticNet.Analyzers.Tests;

/// <summary>SN0101–SN0106: what is wrong with, or worth knowing about, a model's declaration.</summary>
public sealed class DeclarationDiagnosticTests
{
    [Fact]
    public Task ModelWithoutForwardIsReportedOnTheClassName() => VerifyAsync("""
        [Model(Input = [4])]
        public partial class {|SN0101:Net|}
        {
            [Linear(4, 2)] public partial Tensor Fc(Tensor x);
        }
        """,
        "Model 'Net' has no [Forward] method");

    [Fact]
    public Task ModelWithoutInputIsReportedOnTheClassName() => VerifyAsync("""
        [Model]
        public partial class {|SN0102:Net|}
        {
            [Linear(4, 2)] public partial Tensor Fc(Tensor x);

            [Forward]
            private Tensor Network(Tensor x) => Fc(x);
        }
        """,
        "Model 'Net' declares no Input shape: write [Model(Input = [...])] with one sample's shape");

    [Fact]
    public Task ModelWithANonPositiveInputSizeHasNoInputShape() => VerifyAsync("""
        [Model(Input = [0, 4])]
        public partial class {|SN0102:Net|}
        {
            [Linear(4, 2)] public partial Tensor Fc(Tensor x);

            [Forward]
            private Tensor Network(Tensor x) => Fc(x);
        }
        """,
        "Model 'Net' declares no Input shape: write [Model(Input = [...])] with one sample's shape");

    [Fact]
    public Task LayerThatForwardNeverCallsIsAnInfoOnTheMethodName() => VerifyAsync("""
        [Model(Input = [4])]
        public partial class Net
        {
            [Linear(4, 2)] public partial Tensor Fc(Tensor x);
            [Linear(2, 2)] public partial Tensor {|SN0103:Spare|}(Tensor x);

            [Forward]
            private Tensor Network(Tensor x) => Fc(x);
        }
        """,
        "Layer 'Spare' is declared but never used in 'Network'");

    [Fact]
    public Task UnknownOpInForwardWarnsThatTheModelRunsEagerly() => VerifyAsync("""
        [Model(Input = [4])]
        public partial class Net
        {
            [Linear(4, 2)] public partial Tensor Fc(Tensor x);

            [Forward]
            private Tensor Network(Tensor x)
            {
                x = {|SN0104:x.Exp()|};
                return Fc(x);
            }
        }
        """,
        "'x.Exp()' in 'Network' cannot be compiled into the fused plan ('Tensor.Exp' is not a layer or an op the compiler knows); 'Network' runs eagerly");

    // Traced and valid, but the fused plan has no LeakyReLU: the analyzers report the generator's own blocker (one decision).
    [Fact]
    public Task TracedOpWithoutAFusedKernelWarnsThatTheModelRunsEagerly() => VerifyAsync("""
        [Model(Input = [4])]
        public partial class Net
        {
            [Linear(4, 2)] public partial Tensor Fc(Tensor x);

            [Forward]
            private Tensor Network(Tensor x)
            {
                x = Fc(x);
                return {|SN0104:F.LeakyRelu(x)|};
            }
        }
        """,
        "'F.LeakyRelu(x)' in 'Network' cannot be compiled into the fused plan ('LeakyRelu' has no fused kernel); 'Network' runs eagerly");

    // Cat fuses along a sample dimension; along the batch it would make [2B, ...], which no plan value is.
    [Fact]
    public Task CatAlongTheBatchSaysWhyItRunsEagerly() => VerifyAsync("""
        [Model(Input = [4])]
        public partial class Net
        {
            [Linear(4, 2)] public partial Tensor Fc(Tensor x);

            [Forward]
            private Tensor Network(Tensor x)
            {
                x = Fc(x);
                return {|SN0104:Torch.Cat([x, x], 0)|};
            }
        }
        """,
        "'Torch.Cat([x, x], 0)' in 'Network' cannot be compiled into the fused plan (Cat along dimension 0 joins batches: the batch must stay alone as dimension 0); 'Network' runs eagerly");

    [Fact]
    public Task ControlFlowInForwardWarnsThatTheModelRunsEagerly() => VerifyAsync("""
        [Model(Input = [4])]
        public partial class Net
        {
            [Linear(4, 4)] public partial Tensor Fc(Tensor x);

            [Forward]
            private Tensor Network(Tensor x)
            {
                {|SN0104:for (int i = 0; i < 3; i++) x = Fc(x);|}
                return x;
            }
        }
        """,
        "'for (int i = 0; i < 3; i++) x = Fc(x);' in 'Network' cannot be compiled into the fused plan (only locals, assignments and one return are traced); 'Network' runs eagerly");

    [Fact]
    public Task GenericModelCannotBeGenerated() => VerifyAsync("""
        [Model(Input = [4])]
        public partial class {|SN0105:Net|}<T>
        {
            [Linear(4, 2)] public partial Tensor Fc(Tensor x);

            [Forward]
            private Tensor Network(Tensor x) => Fc(x);
        }
        """,
        "Model 'Net' cannot be generated: a model must be a non-generic top-level class");

    [Fact]
    public Task LayerAttributeOnAMethodWithABodyIsAnInvalidLayerMethod() => VerifyAsync("""
        [Model(Input = [4])]
        public partial class Net
        {
            [Linear(4, 2)] public Tensor {|SN0106:Fc|}(Tensor x) => x;

            [Forward]
            private Tensor Network(Tensor x) => Fc(x);
        }
        """,
        "Layer method 'Fc' must be declared as 'partial Tensor Fc(Tensor x);' without a body");
}
