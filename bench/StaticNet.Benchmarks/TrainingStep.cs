using StaticNet.NN;
using StaticNet.Optim;

namespace StaticNet.Benchmarks;

/// <summary>One training step as the tutorials write it: ZeroGrad, Forward, loss, Backward, Step; returns the loss.</summary>
internal static class TrainingStep
{
    public static float Run(Module model, Optimizer optimizer, Loss loss, Tensor x, Tensor target)
    {
        optimizer.ZeroGrad();
        var value = loss.Forward(model.Forward(x), target);
        value.Backward();
        optimizer.Step();
        return value.Item<float>();
    }
}
