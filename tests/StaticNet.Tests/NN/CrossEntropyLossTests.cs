using StaticNet.NN;

namespace StaticNet.Tests.NN;

/// <summary>Cross-entropy and NLL against values and gradients printed by PyTorch 1.13 for the same inputs.</summary>
public class CrossEntropyLossTests
{
    private static Tensor X() => Torch.Tensor(new[,] { { 1.0f, -0.5f, 2.0f, 0.3f }, { 0.2f, 0.1f, -1.0f, 1.5f }, { -2.0f, 0.7f, 0.0f, 0.4f } });
    private static Tensor Y() => Torch.Tensor(new long[] { 2, 0, 3 });
    private static Tensor W() => Torch.Tensor(new[] { 0.5f, 1.0f, 2.0f, 1.5f });
    private static Tensor P() => Torch.Tensor(new[,] { { 0.1f, 0.2f, 0.3f, 0.4f }, { 0.25f, 0.25f, 0.25f, 0.25f }, { 0.7f, 0.1f, 0.1f, 0.1f } });

    private static readonly float[] PerSampleGrad = { 0.22532685f, 0.05027722f, -0.38749808f, 0.11189401f, -0.82979673f, 0.15400627f, 0.05126423f, 0.6245262f, 0.029161347f, 0.43391308f, 0.21547486f, -0.6785493f };

    [Fact]
    public void MeanOfClassIndexTargetsIsNllOfLogSoftmax() =>
        LossAssert.ValueAndGradient(x => F.CrossEntropy(x, Y()), X(), "NllLossBackward0", [1.1319587f],
            [0.075108953f, 0.016759075f, -0.12916604f, 0.037298005f, -0.27659893f, 0.051335424f, 0.017088078f, 0.2081754f, 0.009720449f, 0.1446377f, 0.071824953f, -0.2261831f]);

    [Fact]
    public void SumAndNoneReductions()
    {
        LossAssert.ValueAndGradient(x => F.CrossEntropy(x, Y(), reduction: LossReduction.Sum), X(), "NllLossBackward0", [3.3958762f], PerSampleGrad);
        LossAssert.ValueAndGradient(x => F.CrossEntropy(x, Y(), reduction: LossReduction.None), X(), "NllLossBackward0",
            [0.49020323f, 1.770762f, 1.134911f], PerSampleGrad);
    }

    [Fact]
    public void ClassWeightsDivideTheMeanByTheSumOfTargetWeights() =>
        LossAssert.ValueAndGradient(x => F.CrossEntropy(x, Y(), weight: W()), X(), "NllLossBackward0", [0.89203852f],
            [0.112663425f, 0.025138611f, -0.19374904f, 0.055947006f, -0.10372459f, 0.019250784f, 0.006408029f, 0.078065775f, 0.010935505f, 0.16271740f, 0.080803074f, -0.25445598f]);

    [Fact]
    public void IgnoredTargetsContributeNoLossAndNoGradient() =>
        LossAssert.ValueAndGradient(x => F.CrossEntropy(x, Y(), ignoreIndex: 0), X(), "NllLossBackward0", [0.81255716f],
            [0.112663425f, 0.025138611f, -0.19374904f, 0.055947006f, 0, 0, 0, 0, 0.014580674f, 0.21695654f, 0.10773743f, -0.33927464f]);

    [Fact]
    public void LabelSmoothingMixesInTheUniformDistribution() =>
        LossAssert.ValueAndGradient(x => F.CrossEntropy(x, Y(), labelSmoothing: 0.1), X(), "AddBackward0", [1.1961254f],
            [0.066775613f, 0.00842574f, -0.104166016f, 0.028964669f, -0.2515989f, 0.043002084f, 0.00875474f, 0.19984204f, 0.0013871146f, 0.13630435f, 0.06349161f, -0.20118308f]);

    [Fact]
    public void LabelSmoothingWithWeightsAndIgnoreIndexInEveryReduction()
    {
        float[] grad = [0.3918547f, 0.043012869f, -0.5668714f, 0.13200393f, 0, 0, 0, 0, 0.017283954f, 0.579174f, 0.21243855f, -0.80889654f];
        LossAssert.ValueAndGradient(x => F.CrossEntropy(x, Y(), W(), ignoreIndex: 0, labelSmoothing: 0.2), X(), "AddBackward0", [0.8328563f],
            [0.11195848f, 0.012289389f, -0.16196327f, 0.037715405f, 0, 0, 0, 0, 0.0049382732f, 0.16547829f, 0.060696736f, -0.23111328f]);
        LossAssert.ValueAndGradient(x => F.CrossEntropy(x, Y(), W(), 0, LossReduction.Sum, 0.2), X(), "AddBackward0", [2.9149971f], grad);
        LossAssert.ValueAndGradient(x => F.CrossEntropy(x, Y(), W(), 0, LossReduction.None, 0.2), X(), "AddBackward0", [1.184376f, 0f, 1.7306211f], grad);
    }

    [Fact]
    public void ClassProbabilityTargets()
    {
        LossAssert.ValueAndGradient(x => F.CrossEntropy(x, P()), X(), "DivBackward0", [2.1219587f],
            [0.041775625f, -0.049907595f, 0.10416732f, -0.09603533f, -0.026598915f, -0.03199791f, -0.06624526f, 0.12484207f, -0.22361289f, 0.111304365f, 0.03849162f, 0.0738169f]);
        LossAssert.ValueAndGradient(x => F.CrossEntropy(x, P(), reduction: LossReduction.Sum), X(), "NegBackward0", [6.3658762f],
            [0.12532684f, -0.14972278f, 0.3125019f, -0.288106f, -0.07979675f, -0.09599373f, -0.19873577f, 0.3745262f, -0.67083865f, 0.3339131f, 0.11547486f, 0.22145072f]);
        LossAssert.ValueAndGradient(x => F.CrossEntropy(x, P(), W(), reduction: LossReduction.None), X(), "NegBackward0",
            [2.2807946f, 2.3509526f, 1.797929f],
            [0.27672395f, -0.12709802f, 0.28812778f, -0.4377537f, 0.08775407f, -0.05749216f, -0.4359197f, 0.40565777f, -0.3266709f, 0.24713044f, -0.027620126f, 0.107160546f]);
        LossAssert.ValueAndGradient(x => F.CrossEntropy(x, P(), W(), labelSmoothing: 0.3), X(), "DivBackward0", [2.1197424f],
            [0.08023478f, -0.048371557f, 0.09379255f, -0.12565579f, 0.029251358f, -0.019164052f, -0.14530657f, 0.13521926f, -0.085078046f, 0.08690292f, -0.029510342f, 0.027685476f]);
    }

    [Fact]
    public void SpatialTargetsUseTheSecondDimensionAsClasses()
    {
        var x = Torch.Tensor(new[,,] { { { 0.5f, -1.0f }, { 1.5f, 0.2f }, { 0.0f, 0.3f } }, { { 2.0f, 1.0f }, { -0.5f, 0.4f }, { 0.1f, -0.2f } } });
        var y = Torch.Tensor(new long[,] { { 1, 2 }, { 0, 0 } });
        LossAssert.ValueAndGradient(t => F.CrossEntropy(t, y), x, "NllLoss2DBackward0", [0.51650816f],
            [0.057805974f, 0.031291407f, -0.09286708f, 0.10389113f, 0.035061095f, -0.13518253f, -0.047020867f, -0.1148653f, 0.016661542f, 0.0741635f, 0.03035931f, 0.040701788f]);
        LossAssert.ValueAndGradient(t => F.CrossEntropy(t, y, reduction: LossReduction.None), x, "NllLoss2DBackward0",
            [0.4643688f, 0.7781173f, 0.20835774f, 0.61518884f],
            [0.2312239f, 0.12516563f, -0.3714683f, 0.41556454f, 0.14024438f, -0.5407301f, -0.18808347f, -0.4594612f, 0.066646166f, 0.29665399f, 0.121437244f, 0.16280715f]);
        Assert.Equal(new Size(2, 2), F.CrossEntropy(x, y, reduction: LossReduction.None).Shape);
    }

    [Fact]
    public void OneUnbatchedSampleTakesA0DimTarget() =>
        LossAssert.ValueAndGradient(x => F.CrossEntropy(x, Torch.Tensor(2L)), Torch.Tensor(new[] { 0.5f, 1.0f, -1.0f }), "NllLossBackward0",
            [2.554957f], [0.3482074f, 0.574097f, -0.9223044f]);

    [Fact]
    public void ExtremeLogitsStayFinite() =>
        LossAssert.ValueAndGradient(x => F.CrossEntropy(x, Torch.Tensor(new long[] { 1, 0 })),
            Torch.Tensor(new[,] { { 100f, -100f, 0f }, { -100f, 100f, 50f } }), "NllLossBackward0", [200f], [0.5f, -0.5f, 0, -0.5f, 0.5f, 0]);

    [Fact]
    public void GraphIsNllLossAfterLogSoftmax()
    {
        var x = X().RequiresGrad_();
        var loss = new CrossEntropyLoss().Forward(x, Y());
        var logSoftmax = loss.GradFn!.NextFunctions[0].Node!;
        Assert.Equal("LogSoftmaxBackward0", logSoftmax.Name);
        Assert.Equal("AccumulateGrad", logSoftmax.NextFunctions[0].Node!.Name);
        Assert.Single(loss.GradFn.NextFunctions);
    }

    [Fact]
    public void GradientFlowsFromTheLossThroughALinearLayer()
    {
        var fc = new Linear(4, 3);
        var loss = new CrossEntropyLoss().Forward(fc.Forward(X()), Torch.Tensor(new long[] { 2, 0, 1 }));
        Assert.Equal("AddmmBackward0", loss.GradFn!.NextFunctions[0].Node!.NextFunctions[0].Node!.Name);
        loss.Backward();
        Assert.Equal(new Size(3, 4), fc.Weight.Grad!.Shape);
        // Each row of d(loss)/d(logits) sums to zero (softmax − one-hot), so the bias gradient does too.
        Assert.Equal(0f, fc.Bias!.Grad!.Sum().Item<float>(), 5);
    }

    [Fact]
    public void NllLossWeightsIgnoreIndexAndNone()
    {
        LossAssert.ValueAndGradient(x => F.NllLoss(x, Y(), W()), X(), "NllLossBackward0", [-1.175f],
            [0, 0, -0.5f, 0, -0.125f, 0, 0, 0, 0, 0, 0, -0.375f]);
        LossAssert.ValueAndGradient(x => F.NllLoss(x, Y(), W(), ignoreIndex: 2), X(), "NllLossBackward0", [-0.35f],
            [0, 0, 0, 0, -0.25f, 0, 0, 0, 0, 0, 0, -0.75f]);
        LossAssert.ValueAndGradient(x => new NLLLoss(reduction: LossReduction.None).Forward(x, Y()), X(), "NllLossBackward0", [-2f, -0.2f, -0.4f],
            [0, 0, -1, 0, -1, 0, 0, 0, 0, 0, 0, -1]);
    }

    [Fact]
    public void AllTargetsIgnoredGivesNaNMeanAndZeroSum()
    {
        var y = Torch.Tensor(new long[] { 9, 9, 9 });
        Assert.True(float.IsNaN(F.NllLoss(X(), y, ignoreIndex: 9).Item<float>()));
        Assert.Equal(0f, F.NllLoss(X(), y, ignoreIndex: 9, reduction: LossReduction.Sum).Item<float>());
    }

    [Fact]
    public void ErrorsUsePyTorchsWording()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => F.CrossEntropy(X(), Torch.Tensor(new long[] { 0, 5, 1 })));
        Assert.Equal("Target 5 is out of bounds.", e.Message);
        Assert.Equal("Target -3 is out of bounds.", Assert.Throws<ArgumentOutOfRangeException>(() => F.NllLoss(X(), Torch.Tensor(new long[] { 0, -3, 1 }))).Message);
        Assert.Contains("Expected input batch_size (3) to match target batch_size (2).",
            Assert.Throws<ArgumentException>(() => F.CrossEntropy(X(), Torch.Tensor(new long[] { 0, 2 }))).Message);
        Assert.Contains("expected scalar type Long but found Float", Assert.Throws<ArgumentException>(() => F.CrossEntropy(X(), Torch.Tensor(new[] { 0f, 2, 1 }))).Message);
        Assert.Contains("expected scalar type Long but found Int",
            Assert.Throws<ArgumentException>(() => F.NllLoss(X(), Torch.Tensor(new[] { 0, 2, 1 }, DType.Int32))).Message);
        Assert.Contains("0D or 1D target tensor expected, multi-target not supported", Assert.Throws<ArgumentException>(() => F.CrossEntropy(X(), Torch.Rand(3, 5))).Message);
        Assert.Contains("Expected target size [2, 5], got [2, 4]",
            Assert.Throws<ArgumentException>(() => F.CrossEntropy(Torch.Randn(2, 4, 5), Torch.Zeros([2, 4], DType.Int64))).Message);
        Assert.Contains("weight tensor should be defined either for all 4 classes or no classes but got weight tensor of shape: [3]",
            Assert.Throws<ArgumentException>(() => F.CrossEntropy(X(), Y(), Torch.Ones(3))).Message);
        Assert.Contains("Expected floating point type for target with class probabilities, got Long",
            Assert.Throws<ArgumentException>(() => F.CrossEntropy(Torch.Randn(2, 4, 5), Torch.Zeros([2, 4, 5], DType.Int64))).Message);
        Assert.Contains("ignore_index is not supported for floating point target", Assert.Throws<ArgumentException>(() => F.CrossEntropy(X(), P(), ignoreIndex: 1)).Message);
        Assert.Contains("label_smoothing must be between 0.0 and 1.0. Got: 1.2", Assert.Throws<ArgumentException>(() => F.CrossEntropy(X(), Y(), labelSmoothing: 1.2)).Message);
    }

    [Fact]
    public void ModulesPrintLikePyTorchAndRegisterWeightsAsBuffers()
    {
        Assert.Equal("CrossEntropyLoss()", new CrossEntropyLoss(labelSmoothing: 0.1, reduction: LossReduction.Sum).ToString());
        Assert.Equal("NLLLoss()", new NLLLoss().ToString());
        Assert.Empty(new CrossEntropyLoss().StateDict().Keys);
        var loss = new CrossEntropyLoss(weight: Torch.Ones(3));
        Assert.Equal(new[] { "weight" }, loss.StateDict().Keys);
        Assert.Empty(loss.Parameters());
    }

    [Fact]
    public void SingleArgumentForwardExplainsThatALossNeedsATarget()
    {
        Module loss = new CrossEntropyLoss();
        var e = Assert.Throws<InvalidOperationException>(() => loss.Forward(X()));
        Assert.Contains("CrossEntropyLoss.Forward needs a target", e.Message);
    }
}
