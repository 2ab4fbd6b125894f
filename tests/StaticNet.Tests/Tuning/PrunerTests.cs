using StaticNet.Tuning;

namespace StaticNet.Tests.Tuning;

/// <summary>Pruner decisions on hand-built intermediate values, each worked out from Optuna 3.1's rules.</summary>
public class PrunerTests
{
    /// <summary>A study whose complete trials reported the given curves (one value per step from 0).</summary>
    private static Study WithCompleted(Pruner pruner, StudyDirection direction, params double[][] curves)
    {
        var study = Study.Create(direction: direction, pruner: pruner, sampler: new RandomSampler(0));
        foreach (var curve in curves)
        {
            var t = study.Ask();
            for (int step = 0; step < curve.Length; step++) t.Report(curve[step], step);
            study.Tell(t, curve[^1]);
        }
        return study;
    }

    private static bool PruneAfter(Study study, params double[] reports)
    {
        var t = study.Ask();
        for (int step = 0; step < reports.Length; step++) t.Report(reports[step], step);
        return t.ShouldPrune();
    }

    [Fact]
    public void MedianPrunesAboveTheMedianWhenMinimizing()
    {
        // Step 1 values of the five complete trials: 1, 2, 3, 4, 5, median 3.
        var study = WithCompleted(new MedianPruner(), StudyDirection.Minimize, [9, 1], [9, 2], [9, 3], [9, 4], [9, 5]);
        Assert.True(PruneAfter(study, 9, 3.5));   // best so far 3.5 > 3
        Assert.False(PruneAfter(study, 9, 2.5));  // 2.5 ≤ 3
        Assert.False(PruneAfter(study, 9, 3.0));  // equal to the median is kept
        Assert.False(PruneAfter(study, 2.9, 9));  // the best over all steps, 2.9, meets step 1's median 3
    }

    [Fact]
    public void MedianPrunesBelowTheMedianWhenMaximizing()
    {
        var study = WithCompleted(new MedianPruner(), StudyDirection.Maximize, [0.1, 0.5], [0.1, 0.6], [0.1, 0.7], [0.1, 0.8], [0.1, 0.9]);
        Assert.True(PruneAfter(study, 0.1, 0.65));
        Assert.False(PruneAfter(study, 0.1, 0.75));
    }

    [Fact]
    public void MedianWaitsForItsStartupTrialsAndWarmupSteps()
    {
        var four = WithCompleted(new MedianPruner(), StudyDirection.Minimize, [1, 1], [1, 1], [1, 1], [1, 1]);
        Assert.False(PruneAfter(four, 100, 100)); // only 4 < 5 complete trials
        var warm = WithCompleted(new MedianPruner(nWarmupSteps: 2), StudyDirection.Minimize, [1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1]);
        Assert.False(PruneAfter(warm, 100, 100));      // step 1 < 2 warm-up steps
        Assert.True(PruneAfter(warm, 100, 100, 100));  // step 2
    }

    [Fact]
    public void MedianChecksOncePerInterval()
    {
        var study = WithCompleted(new MedianPruner(intervalSteps: 3), StudyDirection.Minimize,
            [1, 1, 1, 1, 1], [1, 1, 1, 1, 1], [1, 1, 1, 1, 1], [1, 1, 1, 1, 1], [1, 1, 1, 1, 1]);
        Assert.True(PruneAfter(study, 5));             // step 0 is checked
        Assert.False(PruneAfter(study, 5, 5));         // step 1: inside the interval [0, 3)
        Assert.True(PruneAfter(study, 5, 5, 5, 5));    // step 3 opens the next interval
    }

    [Fact]
    public void MedianPrunesATrialThatOnlyReportedNaN()
    {
        var study = WithCompleted(new MedianPruner(), StudyDirection.Minimize, [1], [1], [1], [1], [1]);
        Assert.True(PruneAfter(study, double.NaN));
    }

    [Fact]
    public void PercentileKeepsTheGivenTopFraction()
    {
        // Step 0 values 1..8; the 25th percentile by linear interpolation is 1 + 0.25·7 = 2.75.
        var study = WithCompleted(new PercentilePruner(25), StudyDirection.Minimize, [1], [2], [3], [4], [5], [6], [7], [8]);
        Assert.True(PruneAfter(study, 2.8));
        Assert.False(PruneAfter(study, 2.7));
    }

    [Fact]
    public void NopNeverPrunes()
    {
        var study = WithCompleted(new NopPruner(), StudyDirection.Minimize, [1], [1], [1], [1], [1], [1]);
        Assert.False(PruneAfter(study, 1000));
    }

    [Fact]
    public void SuccessiveHalvingPromotesTheTopQuarterOfARung()
    {
        // min resource 1, η = 4: rung 0 at step 1, rung 1 at step 4. Four earlier trials left 1, 2, 3, 4 in rung 0.
        var pruner = new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 4);
        var study = Study.Create(pruner: pruner, sampler: new RandomSampler(0));
        for (int k = 1; k <= 4; k++)
        {
            var t = study.Ask();
            t.Report(99, 0);
            t.Report(k, 1);
            t.ShouldPrune();
            study.Tell(t, k);
        }
        // With 5 values in the rung, the promotable index is 5 / 4 − 1 = 0: only the best value goes on.
        var good = study.Ask();
        good.Report(99, 0);
        Assert.False(good.ShouldPrune()); // step 0 is before rung 0
        good.Report(0.5, 1);
        Assert.False(good.ShouldPrune());
        Assert.Equal(0.5, (double)study.Storage.GetTrial(good.TrialId).SystemAttrs["completed_rung_0"]!);
        var bad = study.Ask();
        bad.Report(99, 0);
        bad.Report(2.5, 1);
        Assert.True(bad.ShouldPrune());
    }

    [Fact]
    public void PrunedTrialsKeepTheirLastValueAndTheStudyGoesOn()
    {
        var study = Study.Create(direction: StudyDirection.Maximize, pruner: new MedianPruner(nStartupTrials: 2), sampler: new RandomSampler(3));
        study.Optimize(t =>
        {
            double quality = t.SuggestFloat("q", 0, 1);
            double acc = 0;
            for (int epoch = 0; epoch < 5; epoch++)
            {
                acc = quality * (epoch + 1) / 5;
                t.Report(acc, epoch);
                if (t.ShouldPrune()) throw new TrialPruned();
            }
            return acc;
        }, nTrials: 30);
        var pruned = study.GetTrials(TrialState.Pruned);
        Assert.NotEmpty(pruned);
        Assert.All(pruned, t => Assert.Equal(t.IntermediateValues[t.LastStep!.Value], t.Value));
        Assert.Equal(30, study.Trials.Count);
    }
}
