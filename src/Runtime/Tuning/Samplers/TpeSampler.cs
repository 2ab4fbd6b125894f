namespace StaticNet.Tuning;

/// <summary>
/// Tree-structured Parzen Estimator, Optuna's default sampler (<c>TPESampler</c>, independent sampling): after
/// <see cref="NStartupTrials"/> random trials, the finished trials are split into the best γ(n) = min(⌈0.1·n⌉, 25)
/// ("below") and the rest; a Parzen estimator l(x) is fitted to the first and g(x) to the second, and of
/// <see cref="NEiCandidates"/> draws from l the one with the largest l(x)/g(x) is suggested.
/// </summary>
public sealed class TpeSampler : Sampler
{
    private readonly NumpyRandom _rng;
    private readonly RandomSampler _random;

    /// <summary>Optuna's defaults: a prior of weight 1, the magic clip, no endpoint widening, 10 startup trials, 24 candidates.</summary>
    /// <param name="considerPrior">Add a prior component spanning the whole range to each estimator.</param>
    /// <param name="priorWeight">The prior component's weight, relative to 1 for each observation.</param>
    /// <param name="considerMagicClip">Keep each component's sigma above range / min(100, 1 + components).</param>
    /// <param name="considerEndpoints">Let the end components' sigmas reach to the range ends.</param>
    /// <param name="nStartupTrials">Trials drawn by <see cref="RandomSampler"/> before TPE starts.</param>
    /// <param name="nEiCandidates">Draws from l(x) among which the best l/g ratio is chosen.</param>
    /// <param name="seed">Seeds both TPE's and its startup sampler's generators (NumPy's RandomState streams).</param>
    public TpeSampler(bool considerPrior = true, double priorWeight = 1.0, bool considerMagicClip = true, bool considerEndpoints = false,
        int nStartupTrials = 10, int nEiCandidates = 24, int? seed = null)
    {
        if (!(priorWeight > 0)) throw new ArgumentOutOfRangeException(nameof(priorWeight), priorWeight, "The prior weight must be positive.");
        if (nStartupTrials < 0) throw new ArgumentOutOfRangeException(nameof(nStartupTrials), nStartupTrials, "cannot be negative.");
        if (nEiCandidates < 1) throw new ArgumentOutOfRangeException(nameof(nEiCandidates), nEiCandidates, "must be at least 1.");
        (ConsiderPrior, PriorWeight, ConsiderMagicClip, ConsiderEndpoints, NStartupTrials, NEiCandidates) =
            (considerPrior, priorWeight, considerMagicClip, considerEndpoints, nStartupTrials, nEiCandidates);
        _rng = new NumpyRandom(seed);
        _random = new RandomSampler(seed);
    }

    /// <summary>Whether each estimator has a prior component.</summary>
    public bool ConsiderPrior { get; }

    /// <summary>The prior component's weight.</summary>
    public double PriorWeight { get; }

    /// <summary>Whether sigmas are clipped from below (Optuna's "magic clip").</summary>
    public bool ConsiderMagicClip { get; }

    /// <summary>Whether end components reach to the range ends.</summary>
    public bool ConsiderEndpoints { get; }

    /// <summary>Random trials before TPE starts (10).</summary>
    public int NStartupTrials { get; }

    /// <summary>Candidates drawn from l(x) per suggestion (24).</summary>
    public int NEiCandidates { get; }

    /// <summary>
    /// Optuna 3.1's truncated-normal log density leaves out each component's −log σ (later Optuna releases add it);
    /// true reproduces 3.1's suggestions draw for draw, false (the default) uses the true density.
    /// </summary>
    internal bool Optuna31LogPdf { get; init; }

    /// <summary><c>default_gamma</c>: how many of n finished trials count as good.</summary>
    public static int Gamma(int n) => Math.Min((int)Math.Ceiling(0.1 * n), 25);

    /// <inheritdoc/>
    public override double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution)
    {
        var trials = study.GetTrials(TrialState.Complete, TrialState.Pruned);
        int n = trials.Count;
        if (n < NStartupTrials) return _random.SampleIndependent(study, trial, name, distribution);

        // _get_observation_pairs: a complete trial ranks by (−∞, sign·value), a pruned one by (−last step, sign·its
        // value) so trials that ran further rank first; NaN ranks last and a pruned trial with no report after all.
        double sign = study.Direction == StudyDirection.Maximize ? -1 : 1;
        var keys = new (double Step, double Score)[n];
        for (int i = 0; i < n; i++)
        {
            var t = trials[i];
            if (t.State == TrialState.Complete) keys[i] = (double.NegativeInfinity, sign * t.Value!.Value);
            else if (t.LastStep is { } last)
            {
                double v = t.IntermediateValues[last];
                keys[i] = (-last, double.IsNaN(v) ? double.PositiveInfinity : sign * v);
            }
            else keys[i] = (1, 0.0);
        }
        var order = Enumerable.Range(0, n).OrderBy(i => keys[i].Step).ThenBy(i => keys[i].Score).ToArray(); // stable, as argsort(kind="stable")
        int nBelow = Gamma(n);
        var isBelow = new bool[n];
        for (int k = 0; k < nBelow; k++) isBelow[order[k]] = true;

        // Trials that never asked for this parameter drop out after the split, as Optuna masks them.
        var below = new List<double>();
        var above = new List<double>();
        for (int i = 0; i < n; i++)
        {
            if (!trials[i].ParamRecords.TryGetValue(name, out var p)) continue;
            (isBelow[i] ? below : above).Add(p.Internal);
        }
        var l = new ParzenEstimator(below.ToArray(), distribution, this);
        var g = new ParzenEstimator(above.ToArray(), distribution, this);
        var candidates = l.Sample(_rng, NEiCandidates);
        var logL = l.LogPdf(candidates);
        var logG = g.LogPdf(candidates);
        int best = 0;
        for (int i = 1; i < candidates.Length; i++)
            if (logL[i] - logG[i] > logL[best] - logG[best]) best = i;
        double chosen = candidates[best];
        // to_external_repr then to_internal_repr: integers are truncated, as Python's int() does.
        return distribution is IntDistribution ? Math.Truncate(chosen) : chosen;
    }
}
