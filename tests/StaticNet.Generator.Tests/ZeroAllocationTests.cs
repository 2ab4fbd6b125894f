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
