namespace StaticNet.Optim.Schedulers;

/// <summary>
/// Multiplies each group's learning rate by <c>gamma</c> every <c>stepSize</c> epochs (<c>torch.optim.lr_scheduler.StepLR</c>):
/// with lr 0.05, stepSize 30 and gamma 0.1 the rate is 0.05 for epochs 0–29, 0.005 for 30–59, ...
/// </summary>
public sealed class StepLR : LRScheduler
{
    private readonly int _stepSize;
    private readonly double _gamma;

    /// <summary>Schedules <paramref name="optimizer"/>'s learning rates.</summary>
    /// <param name="optimizer">The optimizer whose groups' rates are set.</param>
    /// <param name="stepSize">Period of the decay, in epochs (positive).</param>
    /// <param name="gamma">Multiplicative factor of the decay.</param>
    public StepLR(Optimizer optimizer, int stepSize, double gamma = 0.1)
        : base(Checked(optimizer, stepSize))
    {
        _stepSize = stepSize;
        _gamma = gamma;
    }

    private static Optimizer Checked(Optimizer optimizer, int stepSize) =>
        stepSize > 0 ? optimizer : throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "StepLR: stepSize must be positive.");

    // The base constructor's initial step runs before the fields are set; epoch 0 keeps the rate whatever they are.
    private protected override double NextLr(int group, double currentLr) =>
        LastEpoch == 0 || LastEpoch % _stepSize != 0 ? currentLr : currentLr * _gamma;
}
