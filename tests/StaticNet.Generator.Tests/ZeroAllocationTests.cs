using StaticNet.Generators.Tests.Models;
using StaticNet.NN;
using StaticNet.Optim;
using Xunit.Abstractions;

namespace StaticNet.Generators.Tests;

/// <summary>
/// The fused backward adds each parameter's gradient straight into its <c>Grad</c> (no gradient-sized temporaries),
/// so a steady-state training step allocates only small, size-independent objects; and that shortcut keeps
/// PyTorch's semantics (gradients accumulate, <c>Autograd.Grad</c> leaves <c>Grad</c> alone).
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public class ZeroAllocationTests(ITestOutputHelper output)
{
    // Bytes allocated on this thread per step, after 5 warm-up steps (first-step allocations: workspaces, state).
    private long SteadyStateBytesPerStep(Action step)
    {
        for (int i = 0; i < 5; i++) step();
        const int steps = 20;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < steps; i++) step();
        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / steps;
        output.WriteLine($"bytes per step: {perStep}");
        return perStep;
    }

    [Fact]
    public void SteadyStateTrainingStepOfSeed000AllocatesNoGradientSizedBuffers()
    {
        Torch.ManualSeed(0);
        var model = new NeuralNetwork();
        var loss = new CrossEntropyLoss();
        var optimizer = new SGD(model.Parameters(), lr: 1e-3);
        var x = Torch.Rand(64, 1, 28, 28);
        var y = Torch.RandInt(0, 10, [64]);

        void Step()
        {
            loss.Forward(model.Forward(x), y).Backward();
            optimizer.Step();
            optimizer.ZeroGrad(setToNone: false); // keeps the Grad buffers, as PyTorch 1.13's default did
        }

        long perStep = SteadyStateBytesPerStep(Step);

        // What remains (about 16 KB): the [64, 10] output tensor and the node with its edges, and CrossEntropyLoss's
        // intermediate tensors forward and backward (the kernels' fork-join allocates nothing). Before, each step also
        // allocated every parameter's gradient (535,818 floats, 2.1 MB); the bound is a sixteenth of that.
        long parameterBytes = model.Parameters().Sum(p => p.Numel) * sizeof(float);
        Assert.True(perStep < parameterBytes / 16, $"a steady-state step allocated {perStep} bytes");
    }

    // The new graph constructs (broadcasting * and +, Cat along channels and width) add no per-step buffers: their layouts
    // are static, their kernels walk the workspace with stack-allocated counters.
    [Theory]
    [InlineData("BroadcastResidualNet")]
    [InlineData("CatConvNet")]
    public void SteadyStateTrainingStepsWithBroadcastsAndCatAllocateNoActivationSizedBuffers(string name)
    {
        Torch.ManualSeed(0);
        var (model, _, sample) = ResidualGraphTests.Create(name);
        var optimizer = new SGD(model.Parameters(), lr: 1e-3);

        long PerStep(int batch)
        {
            var x = Torch.Rand([batch, .. sample]);
            return SteadyStateBytesPerStep(() =>
            {
                model.Forward(x).Pow(2).Sum().Backward();
                optimizer.Step();
                optimizer.ZeroGrad(setToNone: false);
            });
        }

        // What grows with the batch is only the [B, 3] output and the loss's tensors of that size: 240 more samples add
        // far less than half of their input (240 · 50 or 72 floats), itself smaller than any activation of the plan.
        long small = PerStep(16), large = PerStep(256);
        long inputGrowthBytes = 240 * sample.Aggregate(1L, (a, d) => a * d) * sizeof(float);
        Assert.True(large - small < inputGrowthBytes / 2, $"a step allocated {small} bytes at batch 16 and {large} at batch 256");
    }

    // Seed 003's two outputs: one node, one call per step; what remains is the two output tensors, the node and its edges,
    // and the loss's tensors.
    [Fact]
    public void SteadyStateTrainingStepThroughBothOutputsAllocatesLessThanTheEagerBody()
    {
        Torch.ManualSeed(0);
        var model = new MyNeuralNetWithHidden();
        var optimizer = new SGD(model.Parameters(), lr: 1e-3);
        var x = Torch.Rand(256, 2);

        long Measure(Func<Tensor, (Tensor Output, Tensor Hidden)> forward) => SteadyStateBytesPerStep(() =>
        {
            var (o, h) = forward(x);
            (o.Sum() + h.Sum()).Backward();
            optimizer.Step();
            optimizer.ZeroGrad(setToNone: false);
        });

        long fused = Measure(model.Forward);
        long eager = Measure(model.Network);
        Assert.True(fused * 2 < eager, $"a fused step allocated {fused} bytes, an eager one {eager}");
    }

    [Fact]
    public void SteadyStateTrainingStepOfLeNetAtBatch4AllocatesNoActivationOrGradientSizedBuffers()
    {
        Torch.ManualSeed(0);
        var model = new LeNet();
        var loss = new CrossEntropyLoss();
        var optimizer = new SGD(model.Parameters(), lr: 1e-3);
        var x = Torch.Rand(4, 1, 32, 32);
        var y = Torch.RandInt(0, 10, [4]);

        void Step()
        {
            loss.Forward(model.Forward(x), y).Backward();
            optimizer.Step();
            optimizer.ZeroGrad(setToNone: false);
        }

        long perStep = SteadyStateBytesPerStep(Step);

        // What remains (about 7 KB, counted on this thread) is independent of the layer sizes: the [4, 10] output, the
        // node and its edges, and CrossEntropyLoss's tensors forward and backward. The activations, max-pool indices,
        // im2col buffers (ArrayPool) and gradients are not allocated per step. The bound is half of ONE activation-sized buffer, conv1's output (4·6·30·30 floats, 86 KB),
        // and a sixth of the gradients the eager path allocates each step (82,826 floats, 331 KB).
        const long conv1OutputBytes = 4 * 6 * 30 * 30 * sizeof(float);
        Assert.True(perStep < conv1OutputBytes / 2, $"a steady-state step allocated {perStep} bytes");
    }

    [Fact]
    public void DefaultZeroGradReusesTheGradientBuffersOfAFusedModel()
    {
        // PyTorch's default zero_grad() sets the gradients to null; the next fused backward writes into the buffers
        // ZeroGrad kept (Tensor.GradBuffer.cs), so a steady step allocates no gradient-sized arrays either way.
        Torch.ManualSeed(0);
        var model = new NeuralNetwork();
        var loss = new CrossEntropyLoss();
        var optimizer = new AdamW(model.Parameters(), lr: 1e-3);
        var x = Torch.Rand(64, 1, 28, 28);
        var y = Torch.RandInt(0, 10, [64]);

        void Step()
        {
            optimizer.ZeroGrad();
            loss.Forward(model.Forward(x), y).Backward();
            optimizer.Step();
        }

        long perStep = SteadyStateBytesPerStep(Step);
        long parameterBytes = model.Parameters().Sum(p => p.Numel) * sizeof(float);
        Assert.True(perStep < parameterBytes / 16, $"a steady-state step allocated {perStep} bytes");
    }

    [Fact]
    public void GradientsAddedStraightIntoGradAccumulateAcrossBackwardsLikeTheEagerTwin()
    {
        Torch.ManualSeed(0);
        var model = new MyNeuralNet();
        Torch.ManualSeed(0);
        var eager = new EagerTwins.MyNeuralNet();
        var a = Torch.Tensor(new float[,] { { 1, 2 }, { 3, -4 } });
        var b = Torch.Tensor(new float[,] { { -5, 6 }, { 7, 8 } });
        foreach (var x in new[] { a, b })
        {
            model.Forward(x).Pow(2).Sum().Backward();
            eager.Forward(x).Pow(2).Sum().Backward();
        }
        foreach (var (e, m) in eager.Parameters().Zip(model.Parameters()))
        {
            var expected = e.Grad!.ToArray<float>();
            var actual = m.Grad!.ToArray<float>();
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * Math.Abs(expected[i]) + 1e-6, $"grad[{i}]: {expected[i]} vs {actual[i]}");
        }
    }

    [Fact]
    public void AutogradGradReturnsTheFusedGradientsAndLeavesGradUntouched()
    {
        Torch.ManualSeed(0);
        var model = new MyNeuralNet();
        Torch.ManualSeed(0);
        var eager = new EagerTwins.MyNeuralNet();
        var x = Torch.Tensor(new float[,] { { 1, 2 }, { 3, -4 } });
        var parameters = model.Parameters().ToList();
        var grads = Torch.Autograd.Grad([model.Forward(x).Sum()], parameters);
        Assert.All(parameters, p => Assert.Null(p.Grad));
        eager.Forward(x).Sum().Backward();
        foreach (var (e, g) in eager.Parameters().Zip(grads))
        {
            var expected = e.Grad!.ToArray<float>();
            var actual = g!.ToArray<float>();
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * Math.Abs(expected[i]) + 1e-6, $"grad[{i}]: {expected[i]} vs {actual[i]}");
        }
    }
}
