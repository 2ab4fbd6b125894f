namespace StaticNet.Tuning;

/// <summary>
/// Prunes a trial whose best intermediate value so far is worse than the given percentile of the complete trials'
/// values at the same step (Optuna's <c>PercentilePruner</c>).
/// </summary>
public class PercentilePruner : Pruner
{
    /// <param name="percentile">Kept fraction, 0–100: 25 keeps the top 25th percentile.</param>
    /// <param name="nStartupTrials">No pruning until this many trials completed.</param>
    /// <param name="nWarmupSteps">No pruning before this step.</param>
    /// <param name="intervalSteps">Check every this many steps after the warm-up.</param>
    /// <param name="nMinTrials">No pruning at a step fewer complete trials reported.</param>
    public PercentilePruner(double percentile, int nStartupTrials = 5, int nWarmupSteps = 0, int intervalSteps = 1, int nMinTrials = 1)
    {
        if (!(percentile >= 0 && percentile <= 100)) throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "Percentile must be between 0 and 100 inclusive.");
        if (nStartupTrials < 0) throw new ArgumentOutOfRangeException(nameof(nStartupTrials), nStartupTrials, "Number of startup trials cannot be negative.");
        if (nWarmupSteps < 0) throw new ArgumentOutOfRangeException(nameof(nWarmupSteps), nWarmupSteps, "Number of warmup steps cannot be negative.");
        if (intervalSteps < 1) throw new ArgumentOutOfRangeException(nameof(intervalSteps), intervalSteps, "Pruning interval steps must be at least 1.");
        if (nMinTrials < 1) throw new ArgumentOutOfRangeException(nameof(nMinTrials), nMinTrials, "Number of trials for pruning must be at least 1.");
        (Percentile, NStartupTrials, NWarmupSteps, IntervalSteps, NMinTrials) = (percentile, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials);
    }

    /// <summary>The kept percentile.</summary>
    public double Percentile { get; }

    /// <summary>Complete trials needed before pruning starts.</summary>
    public int NStartupTrials { get; }

    /// <summary>Steps before pruning starts within a trial.</summary>
    public int NWarmupSteps { get; }

    /// <summary>Steps between checks.</summary>
    public int IntervalSteps { get; }

    /// <summary>Complete trials that must have reported at a step to judge it.</summary>
    public int NMinTrials { get; }

    /// <inheritdoc/>
    public override bool Prune(Study study, FrozenTrial trial)
    {
        var completed = study.GetTrials(TrialState.Complete);
        if (completed.Count == 0 || completed.Count < NStartupTrials) return false;
        if (trial.LastStep is not { } step || step < NWarmupSteps) return false;
        if (!IsFirstInIntervalStep(step, trial.IntermediateValues.Keys)) return false;

        bool maximize = study.Direction == StudyDirection.Maximize;
        double best = double.NaN;
        foreach (double v in trial.IntermediateValues.Values)
            if (!double.IsNaN(v) && (double.IsNaN(best) || (maximize ? v > best : v < best))) best = v;
        if (double.IsNaN(best)) return true;

        var atStep = completed.Where(t => t.IntermediateValues.ContainsKey(step)).Select(t => t.IntermediateValues[step]).ToList();
        if (atStep.Count < NMinTrials) return false;
        double p = NanPercentile(atStep, maximize ? 100 - Percentile : Percentile);
        if (double.IsNaN(p)) return false;
        return maximize ? best < p : best > p;
    }

    /// <summary>Whether no step of this interval was reported before: each interval is judged once, at its first report.</summary>
    private bool IsFirstInIntervalStep(int step, IEnumerable<int> steps)
    {
        int nearestLowerPruningStep = (step - NWarmupSteps) / IntervalSteps * IntervalSteps + NWarmupSteps;
        int secondLast = -1;
        foreach (int s in steps)
            if (s > secondLast && s != step) secondLast = s;
        return secondLast < nearestLowerPruningStep;
    }

    /// <summary><c>np.nanpercentile</c> with linear interpolation between the closest ranks.</summary>
    internal static double NanPercentile(IEnumerable<double> values, double percentile)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        double rank = percentile / 100.0 * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank), hi = Math.Min(lo + 1, sorted.Length - 1);
        double frac = rank - lo;
        return frac == 0 ? sorted[lo] : sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
    }
}

/// <summary>
/// Prunes a trial whose best intermediate value is worse than the median of the complete trials' values at the same
/// step (Optuna's <c>MedianPruner</c>, the default pruner): no pruning in the first 5 trials, from step 0, every step.
/// </summary>
public sealed class MedianPruner(int nStartupTrials = 5, int nWarmupSteps = 0, int intervalSteps = 1, int nMinTrials = 1)
    : PercentilePruner(50.0, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials);
