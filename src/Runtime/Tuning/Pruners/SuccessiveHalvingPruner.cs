namespace StaticNet.Tuning;

/// <summary>
/// Asynchronous successive halving (Optuna's <c>SuccessiveHalvingPruner</c>): at steps r·η^(s+k) (rung k) a trial
/// records its value in the rung and goes on only if it is in the top 1/η of all values recorded in that rung.
/// </summary>
public sealed class SuccessiveHalvingPruner : Pruner
{
    private int? _minResource;

    /// <param name="minResource">r, the first rung's step; null estimates it (Optuna's "auto") as max(last step of the longest complete trial / 100, 1).</param>
    /// <param name="reductionFactor">η: rungs lie η times further apart, and 1/η of each rung goes on.</param>
    /// <param name="minEarlyStoppingRate">s: the first rung is at r·η^s.</param>
    /// <param name="bootstrapCount">Values a rung needs before anything at it goes on.</param>
    public SuccessiveHalvingPruner(int? minResource = null, int reductionFactor = 4, int minEarlyStoppingRate = 0, int bootstrapCount = 0)
    {
        if (minResource < 1) throw new ArgumentOutOfRangeException(nameof(minResource), minResource, "The value of `min_resource` must be `min_resource >= 1` or null (auto).");
        if (reductionFactor < 2) throw new ArgumentOutOfRangeException(nameof(reductionFactor), reductionFactor, "The value of `reduction_factor` must be `reduction_factor >= 2`.");
        if (minEarlyStoppingRate < 0) throw new ArgumentOutOfRangeException(nameof(minEarlyStoppingRate), minEarlyStoppingRate, "The value of `min_early_stopping_rate` must be >= 0.");
        if (bootstrapCount < 0) throw new ArgumentOutOfRangeException(nameof(bootstrapCount), bootstrapCount, "The value of `bootstrap_count` must be >= 0.");
        if (bootstrapCount > 0 && minResource is null) throw new ArgumentException("bootstrapCount > 0 and an automatic minResource are mutually incompatible.");
        _minResource = minResource;
        (ReductionFactor, MinEarlyStoppingRate, BootstrapCount) = (reductionFactor, minEarlyStoppingRate, bootstrapCount);
    }

    /// <summary>η.</summary>
    public int ReductionFactor { get; }

    /// <summary>s.</summary>
    public int MinEarlyStoppingRate { get; }

    /// <summary>The values a rung needs before promoting.</summary>
    public int BootstrapCount { get; }

    private static string RungKey(int rung) => $"completed_rung_{rung}";

    /// <inheritdoc/>
    public override bool Prune(Study study, FrozenTrial trial)
    {
        if (trial.LastStep is not { } step) return false;
        int rung = 0;
        while (trial.SystemAttrJson.ContainsKey(RungKey(rung))) rung++;
        double value = trial.IntermediateValues[step];
        IReadOnlyList<FrozenTrial>? trials = null;
        while (true)
        {
            if (_minResource is null)
            {
                trials ??= study.Trials;
                var steps = trials.Where(t => t.State == TrialState.Complete && t.LastStep is not null).Select(t => t.LastStep!.Value).ToList();
                if (steps.Count == 0) return false;
                _minResource = Math.Max(steps.Max() / 100, 1);
            }
            long promotionStep = _minResource.Value * (long)Math.Pow(ReductionFactor, MinEarlyStoppingRate + rung);
            if (step < promotionStep) return false;
            if (double.IsNaN(value)) return true;
            trials ??= study.Trials;
            string key = RungKey(rung);
            study.Storage.SetTrialSystemAttr(trial.TrialId, key, PyJson.Write(value));
            var competing = trials.Where(t => t.TrialId != trial.TrialId && t.SystemAttrJson.ContainsKey(key))
                .Select(t => t.SystemAttrs[key] is double d ? d : Convert.ToDouble(t.SystemAttrs[key], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            competing.Add(value);
            if (competing.Count <= BootstrapCount) return true;
            if (!IsPromotable(value, competing, study.Direction)) return true;
            rung++;
        }
    }

    private bool IsPromotable(double value, List<double> competing, StudyDirection direction)
    {
        int promotableIndex = competing.Count / ReductionFactor - 1;
        if (promotableIndex == -1) promotableIndex = 0;
        competing.Sort();
        return direction == StudyDirection.Maximize ? value >= competing[^(promotableIndex + 1)] : value <= competing[promotableIndex];
    }
}
