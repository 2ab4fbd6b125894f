namespace StaticNet.Optim.Schedulers;

/// <summary>
/// Anneals each group's learning rate from its initial value to <c>etaMin</c> along a half cosine over <c>tMax</c>
/// epochs, then back up, periodically (<c>torch.optim.lr_scheduler.CosineAnnealingLR</c>). Uses PyTorch's recursive
/// form, <c>ηₜ = (1 + cos(πt/T)) / (1 + cos(π(t−1)/T)) · (ηₜ₋₁ − η_min) + η_min</c>, so that rates changed by
/// something else between steps are followed, as in PyTorch.
/// </summary>
public sealed class CosineAnnealingLR : LRScheduler
{
    private readonly int _tMax;
    private readonly double _etaMin;

    /// <summary>Schedules <paramref name="optimizer"/>'s learning rates.</summary>
    /// <param name="optimizer">The optimizer whose groups' rates are set.</param>
    /// <param name="tMax">Half period, in epochs (positive).</param>
    /// <param name="etaMin">Minimum learning rate.</param>
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin = 0)
        : base(Checked(optimizer, tMax))
    {
        _tMax = tMax;
        _etaMin = etaMin;
    }

    private static Optimizer Checked(Optimizer optimizer, int tMax) =>
        tMax > 0 ? optimizer : throw new ArgumentOutOfRangeException(nameof(tMax), tMax, "CosineAnnealingLR: tMax must be positive.");

    private protected override double NextLr(int group, double currentLr)
    {
        int t = LastEpoch;
        if (t == 0) return currentLr;
        // Python's % is never negative: the restart branch fires at t = T + 1, 3T + 1, ...
        int period = 2 * _tMax, phase = ((t - 1 - _tMax) % period + period) % period;
        if (phase == 0)
            return currentLr + (BaseLrs[group] - _etaMin) * (1 - Math.Cos(Math.PI / _tMax)) / 2;
        return (1 + Math.Cos(Math.PI * t / _tMax)) / (1 + Math.Cos(Math.PI * (t - 1) / _tMax)) * (currentLr - _etaMin) + _etaMin;
    }
}
