namespace StaticNet.Tuning;

/// <summary>Trials kept in this process only, gone when it ends (Optuna's <c>InMemoryStorage</c>, the default).</summary>
public sealed class InMemoryStorage : StudyStorage
{
    private sealed class StudyRecord(string name, StudyDirection direction)
    {
        public string Name { get; } = name;
        public StudyDirection Direction { get; } = direction;
        public List<FrozenTrial> Trials { get; } = [];
        public Dictionary<string, Distribution> ParamDistributions { get; } = [];
        public OrderedDictionary<string, string> UserAttrs { get; } = new();
    }

    private readonly Lock _gate = new();
    private readonly List<StudyRecord> _studies = [];
    private readonly List<(StudyRecord Study, FrozenTrial Trial)> _trials = [];

    internal override string Kind => "memory";

    internal override long CreateNewStudy(string studyName, StudyDirection direction)
    {
        lock (_gate)
        {
            if (_studies.Any(s => s.Name == studyName)) throw new DuplicatedStudyException(studyName);
            _studies.Add(new StudyRecord(studyName, direction));
            return _studies.Count;
        }
    }

    internal override long? FindStudy(string studyName)
    {
        lock (_gate)
        {
            int i = _studies.FindIndex(s => s.Name == studyName);
            return i < 0 ? null : i + 1;
        }
    }

    private StudyRecord Study(long id) =>
        id >= 1 && id <= _studies.Count ? _studies[(int)id - 1] : throw new KeyNotFoundException($"No study with id {id} in memory.");

    internal override StudyDirection GetStudyDirection(long studyId) { lock (_gate) return Study(studyId).Direction; }

    internal override IReadOnlyList<string> GetAllStudyNames() { lock (_gate) return [.. _studies.Select(s => s.Name)]; }

    internal override void SetStudyUserAttr(long studyId, string key, string json) { lock (_gate) Study(studyId).UserAttrs[key] = json; }

    internal override IReadOnlyDictionary<string, string> GetStudyUserAttrs(long studyId)
    {
        lock (_gate) return new OrderedDictionary<string, string>(Study(studyId).UserAttrs);
    }

    internal override FrozenTrial CreateNewTrial(long studyId)
    {
        lock (_gate)
        {
            var study = Study(studyId);
            var trial = new FrozenTrial(_trials.Count + 1, study.Trials.Count, TrialState.Running) { DatetimeStart = DateTime.Now };
            study.Trials.Add(trial);
            _trials.Add((study, trial));
            return trial.Clone();
        }
    }

    private (StudyRecord Study, FrozenTrial Trial) Running(long trialId)
    {
        var entry = Entry(trialId);
        if (entry.Trial.State != TrialState.Running) throw Finished(entry.Trial);
        return entry;
    }

    private (StudyRecord Study, FrozenTrial Trial) Entry(long trialId) =>
        trialId >= 1 && trialId <= _trials.Count ? _trials[(int)trialId - 1] : throw new KeyNotFoundException($"No trial with id {trialId} in memory.");

    internal override void SetTrialParam(long trialId, string name, double internalValue, Distribution distribution)
    {
        lock (_gate)
        {
            var (study, trial) = Running(trialId);
            if (study.ParamDistributions.TryGetValue(name, out var first)) Distribution.CheckCompatible(name, first, distribution);
            else study.ParamDistributions[name] = distribution;
            trial.ParamRecords[name] = (internalValue, distribution);
        }
    }

    internal override void SetTrialIntermediateValue(long trialId, int step, double value)
    {
        lock (_gate) Running(trialId).Trial.IntermediateValueRecords[step] = value;
    }

    internal override void SetTrialUserAttr(long trialId, string key, string json) { lock (_gate) Running(trialId).Trial.UserAttrJson[key] = json; }

    internal override void SetTrialSystemAttr(long trialId, string key, string json) { lock (_gate) Running(trialId).Trial.SystemAttrJson[key] = json; }

    internal override void SetTrialStateValue(long trialId, TrialState state, double? value)
    {
        lock (_gate)
        {
            var trial = Running(trialId).Trial;
            trial.State = state;
            trial.Value = value;
            if (state.IsFinished()) trial.DatetimeComplete = DateTime.Now;
        }
    }

    internal override FrozenTrial GetTrial(long trialId)
    {
        lock (_gate)
        {
            var trial = Entry(trialId).Trial;
            return trial.State.IsFinished() ? trial : trial.Clone();
        }
    }

    internal override IReadOnlyList<FrozenTrial> GetAllTrials(long studyId)
    {
        // A finished trial can no longer change, so its snapshot is shared instead of copied on every call: TPE
        // reads all trials for each suggestion.
        lock (_gate) return [.. Study(studyId).Trials.Select(t => t.State.IsFinished() ? t : t.Clone())];
    }
}

