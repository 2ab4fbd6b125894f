using StaticNet.NN;
using StaticNet.Optim;

namespace StaticNet.Bench;

/// <summary>The kit's training step: ZeroGrad, forward, loss, backward, optimizer step.</summary>
internal static class TrainStep
{
    /// <summary>Runs one step and returns the loss tensor.</summary>
    public static Tensor Run(Module model, Loss lossFn, Optimizer optimizer, Tensor x, Tensor y)
    {
        optimizer.ZeroGrad();
        var output = model.Forward(x);
        var loss = lossFn.Forward(output, y);
        loss.Backward();
        optimizer.Step();
        return loss;
    }

    /// <summary>The step on a fixed batch, as one action to time as a whole.</summary>
    public static Action Of(Module model, Loss lossFn, Optimizer optimizer, Tensor x, Tensor y) =>
        () => Run(model, lossFn, optimizer, x, y);
}
