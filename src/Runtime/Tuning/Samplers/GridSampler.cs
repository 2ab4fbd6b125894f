namespace StaticNet.Tuning;

/// <summary>
/// Tries every combination of the given values once (Optuna's <c>GridSampler</c>): each trial takes an unvisited
/// grid point (trial n takes point n while n is below the grid size, then a random unvisited one, so several
/// processes share the grid), and the study stops when the grid is exhausted.
/// </summary>
public sealed class GridSampler : Sampler
{
    private readonly SortedDictionary<string, IReadOnlyList<object?>> _space;
    private readonly string[] _names;
    private readonly int _gridSize;
    private readonly string _spaceJson;
    private readonly NumpyRandom _rng;

    /// <summary>The values to try for each parameter name: null, bool, integers, floats or strings.</summary>
    public GridSampler(IReadOnlyDictionary<string, IReadOnlyList<object?>> searchSpace, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(searchSpace);
        _space = new SortedDictionary<string, IReadOnlyList<object?>>(StringComparer.Ordinal);
        foreach (var (name, values) in searchSpace)
        {
            if (values.Count == 0) throw new ArgumentException($"The grid of '{name}' has no values.", nameof(searchSpace));
            // The CategoricalDistribution constructor checks that each value can be stored.
            _space[name] = new CategoricalDistribution(values).Choices;
        }
        _names = [.. _space.Keys];
        _gridSize = _space.Values.Aggregate(1, (n, v) => checked(n * v.Count));
        _spaceJson = PyJson.Write(_space.Select(kv => KeyValuePair.Create(kv.Key, (object?)kv.Value)));
        _rng = new NumpyRandom(seed);
    }

    /// <summary>The number of grid points.</summary>
    public int GridSize => _gridSize;

    /// <summary>The value of <paramref name="name"/> at a grid point (itertools.product order over sorted names).</summary>
    private object? ValueAt(int gridId, string name)
    {
        int index = Array.IndexOf(_names, name);
        int stride = 1;
        for (int k = _names.Length - 1; k > index; k--) stride *= _space[_names[k]].Count;
        var values = _space[name];
        return values[gridId / stride % values.Count];
    }

    /// <inheritdoc/>
    public override void BeforeTrial(Study study, FrozenTrial trial)
    {
        int gridId;
        if (trial.Number < _gridSize) gridId = trial.Number;
        else
        {
            var unvisited = Unvisited(study);
            if (unvisited.Count == 0)
            {
                TuningLog.Warning("`GridSampler` is re-evaluating a configuration because the grid has been exhausted. This may happen due to a timing issue during distributed optimization or when re-running optimizations on already finished studies.");
                unvisited = [.. Enumerable.Range(0, _gridSize)];
            }
            gridId = unvisited[_rng.Below(unvisited.Count)];
        }
        study.Storage.SetTrialSystemAttr(trial.TrialId, "search_space", _spaceJson);
        study.Storage.SetTrialSystemAttr(trial.TrialId, "grid_id", PyJson.Write(gridId));
    }

    /// <inheritdoc/>
    public override double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution)
    {
        var latest = study.Storage.GetTrial(trial.TrialId);
        if (latest.SystemAttrs.GetValueOrDefault("grid_id") is not long gridId)
            throw new InvalidOperationException($"Trial {trial.Number} has no grid point: GridSampler must start the trial.");
        if (!_space.ContainsKey(name))
            throw new ArgumentException($"The parameter name, {name}, is not found in the given grid (it has: {string.Join(", ", _names)}).");
        object? value = ValueAt((int)gridId, name);
        double internalValue = distribution.ToInternal(value);
        if (!distribution.Contains(internalValue))
            TuningLog.Warning($"The value `{PyRepr.Value(value)}` is out of range of the parameter `{name}`. The value will be used but the actual distribution is: `{distribution}`.");
        return internalValue;
    }

    /// <inheritdoc/>
    public override void AfterTrial(Study study, FrozenTrial trial, TrialState state, double? value)
    {
        var unvisited = Unvisited(study);
        if (unvisited.Count == 0) study.Stop();
        else if (unvisited.Count == 1 && study.Storage.GetTrial(trial.TrialId).SystemAttrs.GetValueOrDefault("grid_id") is long id && id == unvisited[0])
            study.Stop();
    }

    /// <summary>Grid points no finished trial of this grid took, nor a running one unless all are taken.</summary>
    private List<int> Unvisited(Study study)
    {
        var visited = new HashSet<int>();
        var running = new HashSet<int>();
        foreach (var t in study.Trials)
        {
            if (!t.SystemAttrJson.TryGetValue("search_space", out var space) || space != _spaceJson) continue;
            if (t.SystemAttrs.GetValueOrDefault("grid_id") is not long id) continue;
            if (t.State.IsFinished()) visited.Add((int)id);
            else if (t.State == TrialState.Running) running.Add((int)id);
        }
        var free = Enumerable.Range(0, _gridSize).Where(i => !visited.Contains(i) && !running.Contains(i)).ToList();
        return free.Count > 0 ? free : [.. Enumerable.Range(0, _gridSize).Where(i => !visited.Contains(i))];
    }
}
