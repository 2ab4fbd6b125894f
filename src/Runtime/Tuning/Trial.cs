namespace StaticNet.Tuning;

/// <summary>
/// One evaluation of the objective (Optuna's <c>Trial</c>). Parameters are asked for as the objective runs
/// (define-by-run): they may depend on <c>if</c>s and loops, and asking for a name again returns the value drawn first.
/// </summary>
public sealed class Trial
{
    private readonly FrozenTrial _cache;

    internal Trial(Study study, FrozenTrial snapshot)
    {
        Study = study;
        _cache = snapshot;
    }

    /// <summary>The study this trial belongs to.</summary>
    public Study Study { get; }

    internal long TrialId => _cache.TrialId;

    /// <summary>The trial's number in its study (from 0, unique across processes sharing a storage).</summary>
    public int Number => _cache.Number;

    /// <summary>When the trial started.</summary>
    public DateTime? DatetimeStart => _cache.DatetimeStart;

    /// <summary>The values suggested so far, in suggestion order.</summary>
    public IReadOnlyDictionary<string, object?> Params => _cache.Params;

    /// <summary>The range of each parameter suggested so far.</summary>
    public IReadOnlyDictionary<string, Distribution> Distributions => _cache.Distributions;

    /// <summary>What <see cref="SetUserAttr"/> attached so far.</summary>
    public IReadOnlyDictionary<string, object?> UserAttrs => _cache.UserAttrs;

    /// <summary>
    /// A float in [<paramref name="low"/>, <paramref name="high"/>] (<c>trial.suggest_float</c>): uniform, log-uniform
    /// with <paramref name="log"/>, or on the grid low, low + step, ... with <paramref name="step"/>.
    /// </summary>
    public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null) =>
        Suggest(name, new FloatDistribution(low, high, log, step));

    /// <summary>An integer in [<paramref name="low"/>, <paramref name="high"/>] on the grid of <paramref name="step"/> (<c>trial.suggest_int</c>).</summary>
    public int SuggestInt(string name, int low, int high, int step = 1, bool log = false) =>
        checked((int)Suggest(name, new IntDistribution(low, high, log, step)));

    /// <summary>One of <paramref name="choices"/> (<c>trial.suggest_categorical</c>); the choices must be the same in every trial.</summary>
    public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return choices[(int)Suggest(name, new CategoricalDistribution(choices.Select(c => (object?)c)))];
    }

    /// <summary>The internal value for <paramref name="name"/>: the one already drawn, or a new draw stored before it is returned.</summary>
    private double Suggest(string name, Distribution distribution)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_cache.ParamRecords.TryGetValue(name, out var existing))
        {
            // Optuna hands back the first value even when the range changed; that value may lie outside the new
            // range, a silent wrong answer, so a changed range within one trial is an error here.
            if (!existing.Distribution.Equals(distribution))
                throw new ArgumentException($"Trial {Number} already suggested '{name}' from {existing.Distribution}; it cannot be asked again from {distribution}.");
            return existing.Internal;
        }
        double value = distribution.IsSingle ? distribution.SingleValue : Study.Sampler.SampleIndependent(Study, _cache, name, distribution);
        if (distribution is CategoricalDistribution && !distribution.Contains(value))
            throw new InvalidOperationException($"{Study.Sampler.GetType().Name} returned {PyRepr.Float(value)} for '{name}', outside {distribution}.");
        if (double.IsNaN(value)) throw new InvalidOperationException($"{Study.Sampler.GetType().Name} returned nan for '{name}' ({distribution}).");
        Study.Storage.SetTrialParam(TrialId, name, value, distribution);
        _cache.ParamRecords[name] = (value, distribution);
        return value;
    }

    /// <summary>
    /// Records an intermediate objective value, such as one epoch's accuracy (<c>trial.report</c>); pruners compare
    /// trials by them. A step reported twice keeps its first value, with a warning, as Optuna does.
    /// </summary>
    public void Report(double value, int step)
    {
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, $"The `step` argument is {step} but cannot be negative.");
        if (_cache.IntermediateValueRecords.ContainsKey(step))
        {
            TuningLog.Warning($"The reported value is ignored because this `step` {step} is already reported.");
            return;
        }
        Study.Storage.SetTrialIntermediateValue(TrialId, step, value);
        _cache.IntermediateValueRecords[step] = value;
    }

    /// <summary>Whether the study's pruner says to stop this trial now (<c>trial.should_prune</c>); throw <see cref="TrialPruned"/> if so.</summary>
    public bool ShouldPrune() => Study.Pruner.Prune(Study, Study.Storage.GetTrial(TrialId));

    /// <summary>Attaches a value to the trial (<c>trial.set_user_attr</c>): a string, number, bool, null, or a list or string-keyed dictionary of those.</summary>
    public void SetUserAttr(string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        string json = PyJson.Write(value);
        Study.Storage.SetTrialUserAttr(TrialId, key, json);
        _cache.UserAttrJson[key] = json;
    }

    internal FrozenTrial Snapshot => _cache;
}
