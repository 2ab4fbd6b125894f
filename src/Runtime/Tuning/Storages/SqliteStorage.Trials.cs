using Microsoft.Data.Sqlite;

namespace StaticNet.Tuning;

public sealed partial class SqliteStorage
{
    internal override void SetTrialParam(long trialId, string name, double internalValue, Distribution distribution) => Write((c, tx) =>
    {
        var (studyId, _) = RunningTrial(c, tx, trialId);
        // Optuna checks the new distribution against the study's first record of the name.
        var first = Scalar(c, tx, """
            SELECT p.distribution_json FROM trial_params p JOIN trials t ON p.trial_id = t.trial_id
            WHERE t.study_id = @s AND p.param_name = @n ORDER BY p.param_id LIMIT 1
            """, ("@s", studyId), ("@n", name));
        if (first is string json) Distribution.CheckCompatible(name, ParseDistribution(json, $"'{Path}' trial_params.distribution_json of '{name}'"), distribution);
        Execute(c, tx, """
            INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json) VALUES (@t, @n, @v, @d)
            ON CONFLICT (trial_id, param_name) DO UPDATE SET param_value = excluded.param_value, distribution_json = excluded.distribution_json
            """, ("@t", trialId), ("@n", name), ("@v", internalValue), ("@d", distribution.ToJson()));
    });

    internal override void SetTrialIntermediateValue(long trialId, int step, double value) => Write((c, tx) =>
    {
        RunningTrial(c, tx, trialId);
        var (stored, type) = OptunaSchema.ToStored(value);
        Execute(c, tx, """
            INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value, intermediate_value_type) VALUES (@t, @s, @v, @y)
            ON CONFLICT (trial_id, step) DO UPDATE SET intermediate_value = excluded.intermediate_value, intermediate_value_type = excluded.intermediate_value_type
            """, ("@t", trialId), ("@s", step), ("@v", stored), ("@y", type));
    });

    internal override void SetTrialUserAttr(long trialId, string key, string json) => SetAttr("trial_user_attributes", trialId, key, json);

    internal override void SetTrialSystemAttr(long trialId, string key, string json) => SetAttr("trial_system_attributes", trialId, key, json);

    private void SetAttr(string table, long trialId, string key, string json) => Write((c, tx) =>
    {
        RunningTrial(c, tx, trialId);
        Execute(c, tx, $"""
            INSERT INTO {table} (trial_id, "key", value_json) VALUES (@t, @k, @v)
            ON CONFLICT (trial_id, "key") DO UPDATE SET value_json = excluded.value_json
            """, ("@t", trialId), ("@k", key), ("@v", json));
    });

    internal override void SetTrialStateValue(long trialId, TrialState state, double? value) => Write((c, tx) =>
    {
        RunningTrial(c, tx, trialId);
        if (value is { } v)
        {
            if (double.IsNaN(v)) throw new ArgumentException("A trial's value cannot be NaN.", nameof(value));
            var (stored, type) = OptunaSchema.ToStored(v);
            Execute(c, tx, """
                INSERT INTO trial_values (trial_id, objective, value, value_type) VALUES (@t, 0, @v, @y)
                ON CONFLICT (trial_id, objective) DO UPDATE SET value = excluded.value, value_type = excluded.value_type
                """, ("@t", trialId), ("@v", stored), ("@y", type));
        }
        Execute(c, tx, "UPDATE trials SET state = @s, datetime_complete = @d WHERE trial_id = @t",
            ("@s", state.Name()), ("@d", state.IsFinished() ? Stamp(DateTime.Now) : null), ("@t", trialId));
    });

    internal override FrozenTrial GetTrial(long trialId) => Run(c =>
    {
        var studyId = Scalar(c, null, "SELECT study_id FROM trials WHERE trial_id = @t", ("@t", trialId))
            ?? throw new KeyNotFoundException($"Study storage '{Path}' has no trial with id {trialId}.");
        return ReadTrials(c, (long)studyId, trialId).Single();
    });

    internal override IReadOnlyList<FrozenTrial> GetAllTrials(long studyId) => Run(c => ReadTrials(c, studyId, null));

    /// <summary>A study's trials (or one of them) with everything they hold, in six queries inside one read transaction.</summary>
    private List<FrozenTrial> ReadTrials(SqliteConnection c, long studyId, long? onlyTrial)
    {
        using var tx = c.BeginTransaction(deferred: true);
        string filter = onlyTrial is null ? "t.study_id = @s" : "t.trial_id = @only";
        (string, object?)[] args = onlyTrial is null ? [("@s", studyId)] : [("@only", onlyTrial.Value)];
        var trials = new List<FrozenTrial>();
        var byId = new Dictionary<long, FrozenTrial>();
        using (var cmd = Command(c, tx, $"SELECT t.trial_id, t.number, t.state, t.datetime_start, t.datetime_complete FROM trials t WHERE {filter} ORDER BY t.trial_id", args))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
            {
                long id = r.GetInt64(0);
                var t = new FrozenTrial(id, r.IsDBNull(1) ? -1 : r.GetInt32(1), TuningNames.ParseState(r.GetString(2), $"'{Path}' trials.state of trial id {id}"))
                {
                    DatetimeStart = ParseStamp(r.GetValue(3), $"trials.datetime_start of trial id {id}"),
                    DatetimeComplete = ParseStamp(r.GetValue(4), $"trials.datetime_complete of trial id {id}"),
                };
                trials.Add(t);
                byId[id] = t;
            }
        if (trials.Count == 0) return trials;

        void Each(string sql, Action<SqliteDataReader, FrozenTrial> read)
        {
            using var cmd = Command(c, tx, sql.Replace("{filter}", filter, StringComparison.Ordinal), args);
            using var r = cmd.ExecuteReader();
            while (r.Read())
                if (byId.TryGetValue(r.GetInt64(0), out var t)) read(r, t);
        }
        Each("SELECT p.trial_id, p.param_name, p.param_value, p.distribution_json FROM trial_params p JOIN trials t ON p.trial_id = t.trial_id WHERE {filter} ORDER BY p.param_id",
            (r, t) => t.ParamRecords[r.GetString(1)] = (r.GetDouble(2), ParseDistribution(r.GetString(3), $"'{Path}' trial_params.distribution_json of '{r.GetString(1)}'")));
        Each("SELECT v.trial_id, v.value, v.value_type FROM trial_values v JOIN trials t ON v.trial_id = t.trial_id WHERE {filter} AND v.objective = 0",
            (r, t) => t.Value = OptunaSchema.FromStored(r.GetValue(1), r.GetString(2), $"'{Path}' trial_values of trial {t.Number}"));
        Each("SELECT v.trial_id, v.step, v.intermediate_value, v.intermediate_value_type FROM trial_intermediate_values v JOIN trials t ON v.trial_id = t.trial_id WHERE {filter}",
            (r, t) => t.IntermediateValueRecords[r.GetInt32(1)] = OptunaSchema.FromStored(r.GetValue(2), r.GetString(3), $"'{Path}' trial_intermediate_values of trial {t.Number}"));
        Each("SELECT a.trial_id, a.\"key\", a.value_json FROM trial_user_attributes a JOIN trials t ON a.trial_id = t.trial_id WHERE {filter} ORDER BY a.trial_user_attribute_id",
            (r, t) => t.UserAttrJson[r.GetString(1)] = r.GetString(2));
        Each("SELECT a.trial_id, a.\"key\", a.value_json FROM trial_system_attributes a JOIN trials t ON a.trial_id = t.trial_id WHERE {filter} ORDER BY a.trial_system_attribute_id",
            (r, t) => t.SystemAttrJson[r.GetString(1)] = r.GetString(2));
        tx.Commit();
        trials.Sort((a, b) => a.Number.CompareTo(b.Number));
        return trials;
    }
}
