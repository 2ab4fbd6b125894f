using System.Globalization;
using StaticNet.Autograd;

namespace StaticNet.Tests.Autograd;

/// <summary>
/// P3(x) = ½(5x³ − 3x), the custom function of PyTorch's "Defining new autograd Functions" tutorial, which seed 002's
/// "通过继承Function可创建自定义微分规则" (custom differentiation rules by deriving from Function) points to.
/// </summary>
public sealed class LegendrePolynomial3 : Function<LegendrePolynomial3>
{
    protected override Tensor Forward(FunctionContext ctx, Tensor input)
    {
        ctx.SaveForBackward(input);
        return 0.5 * (5 * input.Pow(3) - 3 * input);
    }

    protected override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput)
    {
        var input = ctx.SavedTensors[0];
        return [gradOutput * 1.5 * (5 * input.Pow(2) - 1)];
    }
}

/// <summary>
/// scale · √(x² + y²): two tensor inputs that broadcast and a number, with a derivative derived by hand
/// (∂/∂x = scale·x/r, ∂/∂y = scale·y/r). It records which gradients backward was asked for.
/// </summary>
public sealed class ScaledHypot : Function<ScaledHypot>
{
    private double _scale;

    public static IReadOnlyList<bool>? LastNeedsInputGrad { get; private set; }

    protected override Tensor Forward(FunctionContext ctx, IReadOnlyList<object?> args)
    {
        var (x, y) = ((Tensor)args[0]!, (Tensor)args[1]!);
        _scale = (double)args[2]!;
        var r = (x * x + y * y).Sqrt();
        ctx.SaveForBackward(x, y, r);
        return _scale * r;
    }

    protected override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput)
    {
        LastNeedsInputGrad = ctx.NeedsInputGrad;
        var saved = ctx.SavedTensors;
        var (x, y, r) = (saved[0], saved[1], saved[2]);
        var common = gradOutput * _scale / r;
        return [ctx.NeedsInputGrad[0] ? common * x : null, ctx.NeedsInputGrad[1] ? common * y : null, null];
    }
}

/// <summary>Backward functions that break the contract, for the error messages.</summary>
public sealed class ReturnsTooFewGradients : Function<ReturnsTooFewGradients>
{
    protected override Tensor Forward(FunctionContext ctx, Tensor first, Tensor second) => first * second;
    protected override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput) => [gradOutput];
}

public sealed class ReturnsWrongShape : Function<ReturnsWrongShape>
{
    protected override Tensor Forward(FunctionContext ctx, Tensor input) => input * 2;
    protected override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput) => [Torch.Ones(5)];
}

public sealed class GradientForANumber : Function<GradientForANumber>
{
    protected override Tensor Forward(FunctionContext ctx, IReadOnlyList<object?> args) => (Tensor)args[0]! * (double)args[1]!;
    protected override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput) => [gradOutput, gradOutput];
}

public sealed class Identity : Function<Identity>
{
    protected override Tensor Forward(FunctionContext ctx, Tensor input) => input;
    protected override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput) => [gradOutput];
}

public sealed class OnlyOneTensor : Function<OnlyOneTensor>
{
    protected override Tensor Forward(FunctionContext ctx, Tensor input) => input;
    protected override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput) => [gradOutput];
}

public class CustomFunctionTests
{
    [Fact]
    public void NodeIsNamedAfterTheClassAndPrintsAsPyTorch()
    {
        var x = Torch.Tensor(new[] { 0.5f, 2f }).RequiresGrad_();
        var y = LegendrePolynomial3.Apply(x);
        Assert.Equal("LegendrePolynomial3Backward", y.GradFn!.Name);
        Assert.Contains("grad_fn=<LegendrePolynomial3Backward>", y.ToString());
        Assert.Same(x, Assert.IsType<AccumulateGrad>(y.GradFn.NextFunctions[0].Node).Variable);
        // P3(0.5) = ½(5/8 − 3/2) = −0.4375, P3(2) = ½(40 − 6) = 17
        Assert.Equal([-0.4375f, 17f], y.ToArray<float>());
        y.Sum().Backward();
        // P3'(x) = 1.5(5x² − 1): 1.5·0.25 = 0.375, 1.5·19 = 28.5
        Assert.Equal([0.375f, 28.5f], x.Grad!.ToArray<float>());
    }

    [Fact]
    public void LegendrePolynomial3PassesGradCheck()
    {
        var x = Torch.Tensor(new[] { -1.3, -0.2, 0.0, 0.7, 2.1 }).To(DType.Float64).RequiresGrad_();
        Assert.True(Torch.Autograd.GradCheck(i => LegendrePolynomial3.Apply(i[0]), [x]));
    }

    // The tutorial's training loop, y ≈ a + b·P3(c + d·x) fitted to sin on [−π, π], with the losses torch 1.13 printed
    // for it (float32, CPU: /usr/bin/python3 running the tutorial's code) at t = 99, 999 and 1999, and its final coefficients.
    [Fact]
    public void TutorialTrainingLoopFollowsPyTorchsLossTrajectory()
    {
        var losses = TrainLegendre(out var coefficients);
        Assert.Equal(209.95835876464844, losses[0], 209.96 * 1e-4);
        Assert.Equal(14.877889633178711, losses[9], 14.88 * 1e-4);
        Assert.Equal(8.94364070892334, losses[19], 8.94 * 1e-4);
        for (int i = 1; i < losses.Length; i++) Assert.True(losses[i] < losses[i - 1], $"loss rose at step {i * 100 + 99}");
        Assert.Equal(-2.208526849746704, coefficients[1], 1e-4);
        Assert.Equal(0.2554861009120941, coefficients[3], 1e-5);
        Assert.True(Math.Abs(coefficients[0]) < 1e-6 && Math.Abs(coefficients[2]) < 1e-6); // a, c stay ≈ 0 (odd target)
    }

    [PyTorchFact]
    public void TutorialTrainingLoopMatchesTorchAtEveryPrintedStep()
    {
        const string script = """
            import torch, math
            class LegendrePolynomial3(torch.autograd.Function):
                @staticmethod
                def forward(ctx, input):
                    ctx.save_for_backward(input)
                    return 0.5 * (5 * input ** 3 - 3 * input)
                @staticmethod
                def backward(ctx, grad_output):
                    input, = ctx.saved_tensors
                    return grad_output * 1.5 * (5 * input ** 2 - 1)
            x = torch.linspace(-math.pi, math.pi, 2000)
            y = torch.sin(x)
            a = torch.full((), 0.0, requires_grad=True); b = torch.full((), -1.0, requires_grad=True)
            c = torch.full((), 0.0, requires_grad=True); d = torch.full((), 0.3, requires_grad=True)
            for t in range(2000):
                y_pred = a + b * LegendrePolynomial3.apply(c + d * x)
                loss = (y_pred - y).pow(2).sum()
                if t % 100 == 99: print(repr(loss.item()))
                loss.backward()
                with torch.no_grad():
                    for p in (a, b, c, d):
                        p -= 5e-6 * p.grad
                        p.grad = None
            """;
        var expected = PyTorchScript.Run(script).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var losses = TrainLegendre(out _);
        Assert.Equal(expected.Length, losses.Length);
        for (int i = 0; i < losses.Length; i++) Assert.Equal(expected[i], losses[i], expected[i] * 1e-4);
    }

    private static double[] TrainLegendre(out double[] coefficients)
    {
        var x = Torch.Linspace(-Math.PI, Math.PI, 2000);
        var y = Torch.Sin(x);
        var a = Torch.Full([], 0.0, requiresGrad: true);
        var b = Torch.Full([], -1.0, requiresGrad: true);
        var c = Torch.Full([], 0.0, requiresGrad: true);
        var d = Torch.Full([], 0.3, requiresGrad: true);
        const double learningRate = 5e-6;
        var losses = new List<double>();
        for (int t = 0; t < 2000; t++)
        {
            var yPred = a + b * LegendrePolynomial3.Apply(c + d * x);
            var loss = (yPred - y).Pow(2).Sum();
            if (t % 100 == 99) losses.Add(loss.Item<float>());
            loss.Backward();
            using (Torch.NoGrad())
            {
                foreach (var p in new[] { a, b, c, d })
                {
                    p.Sub_(learningRate * p.Grad!);
                    p.Grad = null;
                }
            }
        }
        coefficients = [a.Item<float>(), b.Item<float>(), c.Item<float>(), d.Item<float>()];
        return losses.ToArray();
    }

    [Fact]
    public void SeveralInputsAndANumberPassGradCheckWithBroadcasting()
    {
        var rng = new Generator(7);
        var x = (Torch.Rand([2, 3], DType.Float64, generator: rng) + 0.5).RequiresGrad_();
        var y = (Torch.Rand([1, 3], DType.Float64, generator: rng) - 1.5).RequiresGrad_();
        Assert.True(Torch.Autograd.GradCheck(i => ScaledHypot.Apply(i[0], i[1], 2.5), [x, y]));
        Assert.Equal([true, true, false], ScaledHypot.LastNeedsInputGrad);
    }

    [Fact]
    public void HandDerivedValuesAndNeedsInputGrad()
    {
        var x = Torch.Tensor(new[] { 3.0 }).To(DType.Float64).RequiresGrad_();
        var y = Torch.Tensor(new[] { 4.0 }).To(DType.Float64);
        var z = ScaledHypot.Apply(x, y, 2.0);
        Assert.Equal(10.0, z.Item<double>()); // 2·5
        z.Backward();
        Assert.Equal(2.0 * 3 / 5, x.Grad!.Item<double>(), 12);
        Assert.Equal([true, false, false], ScaledHypot.LastNeedsInputGrad);
    }

    [Fact]
    public void WithoutGradNothingIsRecorded()
    {
        var x = Torch.Tensor(new[] { 1f }).RequiresGrad_();
        using (Torch.NoGrad()) Assert.Null(LegendrePolynomial3.Apply(x).GradFn);
        Assert.Null(LegendrePolynomial3.Apply(Torch.Tensor(new[] { 1f })).GradFn);
    }

    [Fact]
    public void ForwardReturningItsInputLeavesTheInputALeaf()
    {
        var x = Torch.Tensor(new[] { 1f, 2f }).RequiresGrad_();
        var y = Identity.Apply(x);
        Assert.NotSame(x, y);
        Assert.True(x.IsLeaf);
        Assert.Equal("IdentityBackward", y.GradFn!.Name);
        (y * 3).Sum().Backward();
        Assert.Equal([3f, 3f], x.Grad!.ToArray<float>());
    }

    [Fact]
    public void BackwardBreakingTheContractGetsPyTorchsErrors()
    {
        var x = Torch.Tensor(new[] { 1f, 2f }).RequiresGrad_();
        var count = Assert.Throws<InvalidOperationException>(() => ReturnsTooFewGradients.Apply(x, x).Sum().Backward());
        Assert.Equal("function ReturnsTooFewGradientsBackward returned an incorrect number of gradients (expected 2, got 1)", count.Message);
        var shape = Assert.Throws<InvalidOperationException>(() => ReturnsWrongShape.Apply(x).Sum().Backward());
        Assert.Equal("Function ReturnsWrongShapeBackward returned an invalid gradient at index 0 - got [5] but expected shape compatible with [2]", shape.Message);
        var number = Assert.Throws<InvalidOperationException>(() => GradientForANumber.Apply(x, 2.0).Sum().Backward());
        Assert.Contains("returned a gradient different than null at position 1, but the corresponding forward input was not a Tensor", number.Message);
        var arity = Assert.Throws<NotSupportedException>(() => OnlyOneTensor.Apply(x, x));
        Assert.Contains("does not override Forward(FunctionContext, Tensor, Tensor)", arity.Message);
    }

    [Fact]
    public void SavedTensorsAreCheckedForInPlaceChangesAndFreedAfterBackward()
    {
        var x = Torch.Tensor(new[] { 1f, 2f }).RequiresGrad_();
        var h = x * 1; // a non-leaf that may be changed in place
        var y = LegendrePolynomial3.Apply(h);
        using (Torch.NoGrad()) h.Add_(Torch.Tensor(new[] { 1f, 1f }));
        var modified = Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
        Assert.Contains("modified by an inplace operation", modified.Message);
        Assert.Contains("LegendrePolynomial3Backward", modified.Message);

        var z = LegendrePolynomial3.Apply(x).Sum();
        z.Backward();
        var freed = Assert.Throws<InvalidOperationException>(() => z.Backward());
        Assert.Contains("Trying to backward through the graph a second time", freed.Message);
    }
}
