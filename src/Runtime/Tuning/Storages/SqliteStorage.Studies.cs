using Microsoft.Data.Sqlite;

namespace StaticNet.Tuning;

public sealed partial class SqliteStorage
{
    internal override long CreateNewStudy(string studyName, StudyDirection direction) => Write((c, tx) =>
    {
        if (Scalar(c, tx, "SELECT study_id FROM studies WHERE study_name = @n", ("@n", studyName)) is not null)
            throw new DuplicatedStudyException(studyName);
        Execute(c, tx, "INSERT INTO studies (study_name) VALUES (@n)", ("@n", studyName));
        long id = (long)Scalar(c, tx, "SELECT last_insert_rowid()")!;
        Execute(c, tx, "INSERT INTO study_directions (direction, study_id, objective) VALUES (@d, @s, 0)", ("@d", direction.Name()), ("@s", id));
        return id;
    });

    internal override long? FindStudy(string studyName) =>
        Run(c => Scalar(c, null, "SELECT study_id FROM studies WHERE study_name = @n", ("@n", studyName)) as long?);

    internal override StudyDirection GetStudyDirection(long studyId) => Run(c =>
    {
        using var cmd = Command(c, null, "SELECT direction FROM study_directions WHERE study_id = @s ORDER BY objective", ("@s", studyId));
        using var r = cmd.ExecuteReader();
        var directions = new List<string>();
        while (r.Read()) directions.Add(r.GetString(0));
        if (directions.Count != 1)
            throw new NotSupportedException($"Study storage '{Path}': study {studyId} has {directions.Count} objectives; StaticNet.Tuning supports single-objective studies.");
        return TuningNames.ParseDirection(directions[0], $"'{Path}' study_directions");
    });

    internal override IReadOnlyList<string> GetAllStudyNames() => Run(c =>
    {
        using var cmd = Command(c, null, "SELECT study_name FROM studies ORDER BY study_id");
        using var r = cmd.ExecuteReader();
        var names = new List<string>();
        while (r.Read()) names.Add(r.GetString(0));
        return (IReadOnlyList<string>)names;
    });

    internal override void SetStudyUserAttr(long studyId, string key, string json) => Write((c, tx) =>
        Execute(c, tx, """
            INSERT INTO study_user_attributes (study_id, "key", value_json) VALUES (@s, @k, @v)
            ON CONFLICT (study_id, "key") DO UPDATE SET value_json = excluded.value_json
            """, ("@s", studyId), ("@k", key), ("@v", json)));

    internal override IReadOnlyDictionary<string, string> GetStudyUserAttrs(long studyId) => Run(c =>
    {
        using var cmd = Command(c, null, "SELECT \"key\", value_json FROM study_user_attributes WHERE study_id = @s ORDER BY study_user_attribute_id", ("@s", studyId));
        using var r = cmd.ExecuteReader();
        var attrs = new OrderedDictionary<string, string>();
        while (r.Read()) attrs[r.GetString(0)] = r.GetString(1);
        return (IReadOnlyDictionary<string, string>)attrs;
    });

    internal override FrozenTrial CreateNewTrial(long studyId) => Write((c, tx) =>
    {
        if (Scalar(c, tx, "SELECT study_id FROM studies WHERE study_id = @s", ("@s", studyId)) is null)
            throw new KeyNotFoundException($"Study storage '{Path}' has no study with id {studyId}.");
        var start = DateTime.Now;
        Execute(c, tx, "INSERT INTO trials (number, study_id, state, datetime_start) VALUES (NULL, @s, 'RUNNING', @t)", ("@s", studyId), ("@t", Stamp(start)));
        long trialId = (long)Scalar(c, tx, "SELECT last_insert_rowid()")!;
        // Optuna's count_past_trials: the number is how many of the study's trials came before, inside this transaction.
        long number = (long)Scalar(c, tx, "SELECT COUNT(*) FROM trials WHERE study_id = @s AND trial_id < @t", ("@s", studyId), ("@t", trialId))!;
        Execute(c, tx, "UPDATE trials SET number = @n WHERE trial_id = @t", ("@n", number), ("@t", trialId));
        return new FrozenTrial(trialId, checked((int)number), TrialState.Running) { DatetimeStart = DateTime.Parse(Stamp(start), System.Globalization.CultureInfo.InvariantCulture) };
    });

    /// <summary>The study and state of a trial, inside a write transaction; only a running trial may change.</summary>
    private (long StudyId, int Number) RunningTrial(SqliteConnection c, SqliteTransaction tx, long trialId)
    {
        using var cmd = Command(c, tx, "SELECT study_id, number, state FROM trials WHERE trial_id = @t", ("@t", trialId));
        using var r = cmd.ExecuteReader();
        if (!r.Read()) throw new KeyNotFoundException($"Study storage '{Path}' has no trial with id {trialId}.");
        var state = TuningNames.ParseState(r.GetString(2), $"'{Path}' trials.state");
        int number = r.IsDBNull(1) ? -1 : r.GetInt32(1);
        if (state != TrialState.Running)
            throw new InvalidOperationException($"Trial#{number} has already finished ({state.Name()}) and can not be updated.");
        return (r.GetInt64(0), number);
    }
}
