using StaticNet.NN;

namespace StaticNet.Tests.NN;

/// <summary>BCE and BCE-with-logits against values and gradients printed by PyTorch 1.13 for the same inputs.</summary>
public class BinaryCrossEntropyLossTests
{
    private static Tensor Probabilities() => Torch.Tensor(new[,] { { 0.1f, 0.9f, 0.5f }, { 0.3f, 0.99f, 0.02f } });
    private static Tensor Logits() => Torch.Tensor(new[,] { { 0.5f, -1.0f, 2.0f }, { -0.3f, 3.0f, 0.0f } });
    private static Tensor Target() => Torch.Tensor(new[,] { { 0f, 1f, 1f }, { 1f, 0f, 0.5f } });
    private static Tensor Weight() => Torch.Tensor(new[] { 1.0f, 2.0f, 0.5f });
    private static Tensor PosWeight() => Torch.Tensor(new[] { 2.0f, 0.5f, 1.0f });

    /// <summary>Checks the value and the gradients of sum(output) with respect to both input and target.</summary>
    private static void Check(Func<Tensor, Tensor, Tensor> f, Tensor input, string node, float[] value, float[] gradInput, float[] gradTarget)
    {
        var x = input.Detach().Clone().RequiresGrad_();
        var t = Target().RequiresGrad_();
        var output = f(x, t);
        Assert.Equal(node, output.GradFn?.Name);
        Assert.Equal(2, output.GradFn!.NextFunctions.Count);
        LossAssert.Close(value, output);
        output.Sum().Backward();
        LossAssert.Close(gradInput, x.Grad!, 1e-4f);
        LossAssert.Close(gradTarget, t.Grad!);
    }

    [Fact]
    public void BinaryCrossEntropyMeanSumWithWeightsAndNone()
    {
        Check((x, t) => F.BinaryCrossEntropy(x, t), Probabilities(), "BinaryCrossEntropyBackward0", [1.4465208f],
            [0.1851852f, -0.1851852f, -0.33333334f, -0.5555555f, 16.666683f, -4.0816326f],
            [0.3662041f, -0.36620405f, 0f, 0.1412163f, -0.76585346f, 0.64863676f]);
        Check((x, t) => F.BinaryCrossEntropy(x, t, Weight(), LossReduction.Sum), Probabilities(), "BinaryCrossEntropyBackward0", [12.060027f],
            [1.1111112f, -2.2222223f, -1f, -3.3333333f, 200.0002f, -12.244898f],
            [2.1972246f, -4.394449f, 0f, 0.84729785f, -9.190242f, 1.9459102f]);
        Check((x, t) => new BCELoss(reduction: LossReduction.None).Forward(x, t), Probabilities(), "BinaryCrossEntropyBackward0",
            [0.10536055f, 0.10536055f, 0.6931472f, 1.2039728f, 4.605171f, 1.9661129f],
            [1.1111112f, -1.1111112f, -2f, -3.3333333f, 100.0001f, -24.489796f],
            [2.1972246f, -2.1972244f, 0f, 0.84729785f, -4.595121f, 3.8918204f]);
    }

    [Fact]
    public void BinaryCrossEntropyClampsTheLogAtMinus100()
    {
        var loss = F.BinaryCrossEntropy(Torch.Tensor(new[] { 0f, 1f, 0f, 1f }), Torch.Tensor(new[] { 1f, 0f, 0f, 1f }), reduction: LossReduction.None);
        Assert.Equal(new[] { 100f, 100f, 0f, 0f }, loss.ToArray<float>());
    }

    [Fact]
    public void WithLogitsMeanWeightsAndPosWeight()
    {
        Check((x, t) => F.BinaryCrossEntropyWithLogits(x, t), Logits(), "BinaryCrossEntropyWithLogitsBackward0", [1.1683927f],
            [0.103743225f, -0.1218431f, -0.01986716f, -0.09574042f, 0.15876235f, 0f],
            [-0.083333336f, 0.16666667f, -0.33333334f, 0.05f, -0.5f, 0f]);
        Check((x, t) => F.BinaryCrossEntropyWithLogits(x, t, Weight(), posWeight: PosWeight()), Logits(), "BinaryCrossEntropyWithLogitsBackward0", [1.7505437f],
            [0.103743225f, -0.1218431f, -0.00993358f, -0.19148083f, 0.3175247f, 0f],
            [-0.0043205023f, 0.11445639f, -0.16666667f, 0.19239254f, -1.0080979f, 0f]);
        Check((x, t) => new BCEWithLogitsLoss(reduction: LossReduction.None, posWeight: PosWeight()).Forward(x, t), Logits(),
            "BinaryCrossEntropyWithLogitsBackward0",
            [0.974077f, 0.6566308f, 0.12692805f, 1.7087106f, 3.0485873f, 0.6931472f],
            [0.62245935f, -0.3655293f, -0.11920297f, -1.148885f, 0.95257413f, 0f],
            [-0.025923014f, 0.3433692f, -2f, 1.1543553f, -3.0242937f, 0f]);
    }

    [Fact]
    public void WithLogitsStaysFiniteForExtremeLogits()
    {
        var x = Torch.Tensor(new[] { 100f, -100f, 100f, -100f }, requiresGrad: true);
        var loss = F.BinaryCrossEntropyWithLogits(x, Torch.Tensor(new[] { 0f, 1f, 1f, 0f }), reduction: LossReduction.None);
        Assert.Equal(new[] { 100f, 100f, 0f, 0f }, loss.ToArray<float>());
        loss.Sum().Backward();
        Assert.Equal(new[] { 1f, -1f, 0f, 0f }, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void ErrorsUsePyTorchsWording()
    {
        var p = Probabilities();
        Assert.Contains("Using a target size ([3, 5]) that is different to the input size ([2, 3]) is deprecated",
            Assert.Throws<ArgumentException>(() => F.BinaryCrossEntropy(p, Torch.Rand(3, 5))).Message);
        Assert.Contains("all elements of input should be between 0 and 1", Assert.Throws<ArgumentException>(() => F.BinaryCrossEntropy(p * 2.0, Target())).Message);
        Assert.Contains("Found dtype Float but expected Double",
            Assert.Throws<ArgumentException>(() => F.BinaryCrossEntropy(p.Double(), Target())).Message);
        Assert.Contains("Target size ([3]) must be the same as input size ([2, 3])",
            Assert.Throws<ArgumentException>(() => F.BinaryCrossEntropyWithLogits(Logits(), Torch.Rand(3))).Message);
        Assert.Contains("is not differentiable with respect to argument 'weight'",
            Assert.Throws<ArgumentException>(() => F.BinaryCrossEntropy(p, Target(), Weight().RequiresGrad_())).Message);
        Assert.Contains("pos_weight of shape [4] cannot be broadcast to the input shape [2, 3]",
            Assert.Throws<ArgumentException>(() => F.BinaryCrossEntropyWithLogits(Logits(), Target(), posWeight: Torch.Ones(4))).Message);
    }

    [Fact]
    public void ModulesPrintLikePyTorchAndRegisterWeightsAsBuffers()
    {
        Assert.Equal("BCELoss()", new BCELoss().ToString());
        Assert.Equal("BCEWithLogitsLoss()", new BCEWithLogitsLoss().ToString());
        Assert.Equal(new[] { "weight", "pos_weight" }, new BCEWithLogitsLoss(Torch.Ones(3), posWeight: Torch.Ones(3)).StateDict().Keys);
        Assert.Empty(new BCEWithLogitsLoss().StateDict().Keys);
    }
}
