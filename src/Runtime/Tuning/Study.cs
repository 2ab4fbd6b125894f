namespace StaticNet.Tuning;

/// <summary>
/// A hyperparameter search (Optuna's <c>Study</c>): a named set of trials in a <see cref="StudyStorage"/>, a direction,
/// a <see cref="Sampler"/> that proposes parameters and a <see cref="Pruner"/> that stops unpromising trials.
/// </summary>
public sealed partial class Study
{
    private volatile bool _stopRequested;

    private Study(string studyName, long studyId, StudyStorage storage, StudyDirection direction, Sampler? sampler, Pruner? pruner)
    {
        StudyName = studyName;
        StudyId = studyId;
        Storage = storage;
        Direction = direction;
        Sampler = sampler ?? new TpeSampler();
        Pruner = pruner ?? new MedianPruner();
    }

    /// <summary>The study's name in its storage.</summary>
    public string StudyName { get; }

    internal long StudyId { get; }

    /// <summary>Where the trials live.</summary>
    public StudyStorage Storage { get; }

    /// <summary>Minimize or maximize.</summary>
    public StudyDirection Direction { get; }

    /// <summary>Proposes parameter values (TPE by default, as in Optuna).</summary>
    public Sampler Sampler { get; }

    /// <summary>Stops unpromising trials (the median rule by default, as in Optuna).</summary>
    public Pruner Pruner { get; }

    /// <summary>
    /// A new study, or the existing one of that name with <paramref name="loadIfExists"/> (<c>optuna.create_study</c>).
    /// </summary>
    /// <param name="studyName">The name; null makes a unique <c>no-name-&lt;uuid&gt;</c> one.</param>
    /// <param name="direction">Minimize (the default for a new study) or maximize; for a loaded study, null takes the stored one and anything else must match it.</param>
    /// <param name="storage">null keeps the trials in memory; <c>"sqlite:///study.db"</c> stores them in Optuna's schema.</param>
    /// <param name="loadIfExists">Use the study of this name if the storage has one, instead of failing.</param>
    /// <param name="sampler">The sampler (a new <see cref="TpeSampler"/> by default).</param>
    /// <param name="pruner">The pruner (a new <see cref="MedianPruner"/> by default).</param>
    public static Study Create(string? studyName = null, StudyDirection? direction = null, StudyStorage? storage = null,
        bool loadIfExists = false, Sampler? sampler = null, Pruner? pruner = null)
    {
        if (direction is StudyDirection.NotSet) throw new ArgumentException("A study's direction must be Minimize or Maximize.", nameof(direction));
        storage ??= new InMemoryStorage();
        string name = studyName ?? "no-name-" + Guid.NewGuid().ToString("D");
        long id;
        try
        {
            id = storage.CreateNewStudy(name, direction ?? StudyDirection.Minimize);
            TuningLog.Info($"A new study created in {storage.Kind} with name: {name}");
        }
        catch (DuplicatedStudyException) when (loadIfExists)
        {
            TuningLog.Info($"Using an existing study with name '{name}' instead of creating a new one.");
            id = storage.FindStudy(name) ?? throw new InvalidOperationException($"Study '{name}' was reported as existing but cannot be found.");
            var stored = storage.GetStudyDirection(id);
            if (direction is { } asked && asked != stored)
                throw new ArgumentException($"Study '{name}' exists with direction {stored} but was asked for with direction {asked}.", nameof(direction));
            direction = stored;
        }
        return new Study(name, id, storage, direction ?? StudyDirection.Minimize, sampler, pruner);
    }

    /// <summary>An existing study (<c>optuna.load_study</c>), for instance one Optuna's Python code started.</summary>
    public static Study Load(string studyName, StudyStorage storage, Sampler? sampler = null, Pruner? pruner = null)
    {
        ArgumentNullException.ThrowIfNull(studyName);
        ArgumentNullException.ThrowIfNull(storage);
        long id = storage.FindStudy(studyName) ?? throw new KeyNotFoundException(
            $"No study named '{studyName}' in the storage; it holds: {(storage.GetAllStudyNames() is { Count: > 0 } names ? string.Join(", ", names.Select(n => $"'{n}'")) : "no study")}.");
        return new Study(studyName, id, storage, storage.GetStudyDirection(id), sampler, pruner);
    }

    /// <summary>The names of the studies a storage holds (<c>optuna.get_all_study_names</c>).</summary>
    public static IReadOnlyList<string> GetAllStudyNames(StudyStorage storage) => storage.GetAllStudyNames();

    /// <summary>Every trial, in number order (<c>study.trials</c>).</summary>
    public IReadOnlyList<FrozenTrial> Trials => Storage.GetAllTrials(StudyId);

    /// <summary>The trials in the given states (<c>study.get_trials(states=...)</c>).</summary>
    public IReadOnlyList<FrozenTrial> GetTrials(params TrialState[] states) =>
        states.Length == 0 ? Trials : [.. Trials.Where(t => states.Contains(t.State))];

    /// <summary>The complete trial with the best value; the earliest among equals.</summary>
    public FrozenTrial BestTrial
    {
        get
        {
            FrozenTrial? best = null;
            foreach (var t in Trials)
            {
                if (t.State != TrialState.Complete || t.Value is not { } v) continue;
                if (best is null || (Direction == StudyDirection.Maximize ? v > best.Value!.Value : v < best.Value!.Value)) best = t;
            }
            return best ?? throw new InvalidOperationException($"No trials are completed yet in study '{StudyName}'.");
        }
    }

    /// <summary>The best trial's value (<c>study.best_value</c>).</summary>
    public double BestValue => BestTrial.Value!.Value;

    /// <summary>The best trial's parameters (<c>study.best_params</c>).</summary>
    public IReadOnlyDictionary<string, object?> BestParams => BestTrial.Params;

    /// <summary>What <see cref="SetUserAttr"/> attached to the study.</summary>
    public IReadOnlyDictionary<string, object?> UserAttrs =>
        new OrderedDictionary<string, object?>(Storage.GetStudyUserAttrs(StudyId).Select(kv =>
            KeyValuePair.Create(kv.Key, PyJson.Parse(kv.Value, $"study_user_attributes.value_json key '{kv.Key}'"))));

    /// <summary>Attaches a JSON-storable value to the study (<c>study.set_user_attr</c>).</summary>
    public void SetUserAttr(string key, object? value) => Storage.SetStudyUserAttr(StudyId, key, PyJson.Write(value));

    /// <summary>Ends <see cref="Optimize"/> after the running trial (<c>study.stop</c>).</summary>
    public void Stop() => _stopRequested = true;

    /// <summary>The trials as a table with Optuna's <c>trials_dataframe()</c> columns.</summary>
    public TrialsTable TrialsTable() => Tuning.TrialsTable.From(this);
}
