namespace StaticNet.Tuning;

/// <summary>
/// Where a study's trials live: <see cref="InMemoryStorage"/>, or an SQLite file in Optuna's own schema
/// (<see cref="SqliteStorage"/>, from a <c>"sqlite:///path.db"</c> URL as Optuna takes). A string converts
/// implicitly, so <c>storage: "sqlite:///study.db"</c> reads as it does in Python.
/// </summary>
public abstract class StudyStorage
{
    private protected StudyStorage() { }

    /// <summary>An SQLite URL (<c>sqlite:///relative.db</c>, <c>sqlite:////absolute.db</c>) opens <see cref="SqliteStorage"/>.</summary>
    public static implicit operator StudyStorage(string url) => FromUrl(url);

    /// <summary>Opens the storage an URL names; only SQLite URLs are understood.</summary>
    public static StudyStorage FromUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        const string prefix = "sqlite:///";
        if (!url.StartsWith(prefix, StringComparison.Ordinal) || url.Length == prefix.Length)
            throw new ArgumentException($"Storage URL '{url}' is not understood: StaticNet.Tuning stores studies in SQLite, written as \"sqlite:///relative/path.db\" or \"sqlite:////absolute/path.db\".", nameof(url));
        string path = url[prefix.Length..];
        int query = path.IndexOf('?');
        if (query >= 0) path = path[..query];
        return new SqliteStorage(path);
    }

    /// <summary>"memory" or "RDB", the word Optuna's log uses.</summary>
    internal abstract string Kind { get; }

    internal abstract long CreateNewStudy(string studyName, StudyDirection direction);
    internal abstract long? FindStudy(string studyName);
    internal abstract StudyDirection GetStudyDirection(long studyId);
    internal abstract IReadOnlyList<string> GetAllStudyNames();
    internal abstract void SetStudyUserAttr(long studyId, string key, string json);
    internal abstract IReadOnlyDictionary<string, string> GetStudyUserAttrs(long studyId);

    /// <summary>A new running trial; its number counts the study's earlier trials, atomically across processes.</summary>
    internal abstract FrozenTrial CreateNewTrial(long studyId);

    /// <summary>Records a parameter after checking it against the distribution the study's first use of the name had.</summary>
    internal abstract void SetTrialParam(long trialId, string name, double internalValue, Distribution distribution);
    internal abstract void SetTrialIntermediateValue(long trialId, int step, double value);
    internal abstract void SetTrialUserAttr(long trialId, string key, string json);
    internal abstract void SetTrialSystemAttr(long trialId, string key, string json);

    /// <summary>Finishes a running trial; a trial that already finished cannot change (Optuna's UpdateFinishedTrialError).</summary>
    internal abstract void SetTrialStateValue(long trialId, TrialState state, double? value);
    internal abstract FrozenTrial GetTrial(long trialId);
    internal abstract IReadOnlyList<FrozenTrial> GetAllTrials(long studyId);

    private protected static InvalidOperationException Finished(FrozenTrial t) =>
        new($"Trial#{t.Number} has already finished ({t.State.Name()}) and can not be updated.");
}

/// <summary>A study of that name already exists in the storage (Optuna's <c>DuplicatedStudyError</c>).</summary>
public sealed class DuplicatedStudyException(string studyName) : InvalidOperationException(
    $"Another study with name '{studyName}' already exists. Please specify a different name, or reuse the existing one by setting `loadIfExists: true`.")
{
    /// <summary>The name that is taken.</summary>
    public string StudyName { get; } = studyName;
}
