namespace StaticNet.Tuning;

/// <summary>
/// A snapshot of one trial as the storage holds it (Optuna's <c>FrozenTrial</c>): what was suggested, reported and
/// returned. Snapshots do not change; ask the study again for a newer one.
/// </summary>
public sealed class FrozenTrial
{
    internal FrozenTrial(long trialId, int number, TrialState state)
    {
        TrialId = trialId;
        Number = number;
        State = state;
    }

    internal long TrialId { get; }

    /// <summary>The trial's number in its study, from 0 in creation order, unique across processes.</summary>
    public int Number { get; }

    /// <summary>Running, complete, pruned or failed.</summary>
    public TrialState State { get; internal set; }

    /// <summary>The objective value (for a pruned trial its last reported value, as Optuna); null when there is none.</summary>
    public double? Value { get; internal set; }

    /// <summary>When the trial started (local time, as Optuna stores it).</summary>
    public DateTime? DatetimeStart { get; internal set; }

    /// <summary>When the trial finished; null while it runs.</summary>
    public DateTime? DatetimeComplete { get; internal set; }

    /// <summary>How long the trial took; null while it runs.</summary>
    public TimeSpan? Duration => DatetimeStart is { } s && DatetimeComplete is { } c ? c - s : null;

    internal OrderedDictionary<string, (double Internal, Distribution Distribution)> ParamRecords { get; } = new();

    /// <summary>The suggested values in suggestion order: <see cref="double"/>, <see cref="long"/> or the categorical choice.</summary>
    public IReadOnlyDictionary<string, object?> Params =>
        new OrderedDictionary<string, object?>(ParamRecords.Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Distribution.ToExternal(kv.Value.Internal))));

    /// <summary>The range each parameter was drawn from.</summary>
    public IReadOnlyDictionary<string, Distribution> Distributions =>
        new OrderedDictionary<string, Distribution>(ParamRecords.Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Distribution)));

    internal SortedDictionary<int, double> IntermediateValueRecords { get; } = new();

    /// <summary>What <see cref="Trial.Report"/> recorded, by step in increasing order.</summary>
    public IReadOnlyDictionary<int, double> IntermediateValues => IntermediateValueRecords;

    /// <summary>The largest reported step, or null when nothing was reported.</summary>
    public int? LastStep => IntermediateValueRecords.Count == 0 ? null : IntermediateValueRecords.Keys.Last();

    internal OrderedDictionary<string, string> UserAttrJson { get; } = new();

    internal OrderedDictionary<string, string> SystemAttrJson { get; } = new();

    /// <summary>What the objective attached with <see cref="Trial.SetUserAttr"/> (values as read back from JSON).</summary>
    public IReadOnlyDictionary<string, object?> UserAttrs => Parse(UserAttrJson, "trial_user_attributes");

    /// <summary>What samplers and pruners attached (Optuna's system attributes, such as <c>completed_rung_0</c>).</summary>
    public IReadOnlyDictionary<string, object?> SystemAttrs => Parse(SystemAttrJson, "trial_system_attributes");

    private IReadOnlyDictionary<string, object?> Parse(OrderedDictionary<string, string> json, string table) =>
        new OrderedDictionary<string, object?>(json.Select(kv => KeyValuePair.Create(kv.Key, PyJson.Parse(kv.Value, $"{table}.value_json of trial {Number} key '{kv.Key}'"))));

    internal FrozenTrial Clone()
    {
        var copy = new FrozenTrial(TrialId, Number, State) { Value = Value, DatetimeStart = DatetimeStart, DatetimeComplete = DatetimeComplete };
        foreach (var (k, v) in ParamRecords) copy.ParamRecords[k] = v;
        foreach (var (k, v) in IntermediateValueRecords) copy.IntermediateValueRecords[k] = v;
        foreach (var (k, v) in UserAttrJson) copy.UserAttrJson[k] = v;
        foreach (var (k, v) in SystemAttrJson) copy.SystemAttrJson[k] = v;
        return copy;
    }

    /// <summary>One line: number, state, value and parameters.</summary>
    public override string ToString() =>
        $"FrozenTrial(number={Number}, state={State.Name()}, value={(Value is { } v ? PyRepr.Float(v) : "None")}, params={PyRepr.Dict(Params)})";
}
