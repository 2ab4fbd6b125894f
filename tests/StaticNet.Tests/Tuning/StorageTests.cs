using Microsoft.Data.Sqlite;
using StaticNet.Tuning;

namespace StaticNet.Tests.Tuning;

/// <summary>Studies written to SQLite and read back, alone and with several writers at once.</summary>
public class StorageTests
{
    /// <summary>A study with every kind of parameter, pruned and failed trials, intermediate values (NaN and ±∞ too) and attributes.</summary>
    internal static Study WriteRichStudy(StudyStorage storage, string name)
    {
        var study = Study.Create(studyName: name, direction: StudyDirection.Maximize, storage: storage, sampler: new TpeSampler(nStartupTrials: 3, seed: 7),
            pruner: new NopPruner());
        study.SetUserAttr("dataset", "fashion-mnist");
        int n = 0;
        study.Optimize(t =>
        {
            double lr = t.SuggestFloat("lr", 1e-5, 1e-1, log: true);
            int hidden = t.SuggestInt("hidden", 16, 256, step: 16);
            string opt = t.SuggestCategorical("optimizer", ["SGD", "Adam"]);
            int batch = t.SuggestCategorical("batch_size", [32, 64, 128]);
            if (opt == "SGD") t.SuggestFloat("momentum", 0, 0.9, step: 0.1); // a conditional parameter
            t.SetUserAttr("note", new Dictionary<string, object?> { ["k"] = new List<object?> { 1L, 2.5, "x" } });
            t.Report(Math.Log10(lr), 0);
            t.Report(n % 4 == 1 ? double.NaN : n % 4 == 2 ? double.PositiveInfinity : hidden / 256.0, 1);
            n++;
            if (n % 5 == 0) throw new TrialPruned();
            if (n % 7 == 0) throw new InvalidOperationException("boom");
            return -Math.Abs(Math.Log10(lr) + 3) + hidden / 1000.0 + (opt == "Adam" ? 0.1 : 0) + batch / 1e4;
        }, nTrials: 16);
        return study;
    }

    internal static void AssertSameTrials(IReadOnlyList<FrozenTrial> expected, IReadOnlyList<FrozenTrial> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal(e.Number, a.Number);
            Assert.Equal(e.State, a.State);
            Assert.Equal(e.Value, a.Value);
            Assert.Equal(e.Params, a.Params);
            Assert.Equal(e.Distributions, a.Distributions);
            Assert.Equal(e.IntermediateValues.Keys, a.IntermediateValues.Keys);
            Assert.Equal(e.IntermediateValues.Values, a.IntermediateValues.Values); // NaN equals NaN for Assert.Equal on doubles
            Assert.Equal(PyJson.Write(e.UserAttrs), PyJson.Write(a.UserAttrs));
            Assert.Equal(e.DatetimeStart, a.DatetimeStart);
            Assert.Equal(e.DatetimeComplete, a.DatetimeComplete);
        }
    }

    [Fact]
    public void SqliteRoundTripKeepsEverythingATrialHolds()
    {
        using var dir = new TempFolder();
        string url = "sqlite:///" + dir.File("study.db");
        var written = WriteRichStudy(url, "rich");
        var loaded = Study.Load("rich", url);
        Assert.Equal(StudyDirection.Maximize, loaded.Direction);
        AssertSameTrials(written.Trials, loaded.Trials);
        Assert.Contains(loaded.Trials, t => t.State == TrialState.Pruned);
        Assert.Contains(loaded.Trials, t => t.State == TrialState.Fail);
        Assert.Contains(loaded.Trials, t => t.IntermediateValues.Values.Any(double.IsNaN));
        Assert.Contains(loaded.Trials, t => t.IntermediateValues.Values.Any(double.IsPositiveInfinity));
        Assert.Equal("fashion-mnist", loaded.UserAttrs["dataset"]);
        Assert.Equal(written.BestParams, loaded.BestParams);
        Assert.Equal(["rich"], Study.GetAllStudyNames(url));
    }

    [Fact]
    public void InMemoryAndSqliteGiveTheSameStudyForTheSameSeed()
    {
        using var dir = new TempFolder();
        var memory = WriteRichStudy(new InMemoryStorage(), "same");
        var sqlite = WriteRichStudy("sqlite:///" + dir.File("same.db"), "same");
        Assert.Equal(memory.Trials.Select(t => t.Params), sqlite.Trials.Select(t => t.Params));
        Assert.Equal(memory.Trials.Select(t => t.Value), sqlite.Trials.Select(t => t.Value));
    }

    [Fact]
    public void LoadIfExistsContinuesTheNumbering()
    {
        using var dir = new TempFolder();
        string url = "sqlite:///" + dir.File("resume.db");
        Study.Create(studyName: "s", storage: url).Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 3);
        Assert.Throws<DuplicatedStudyException>(() => Study.Create(studyName: "s", storage: url));
        var again = Study.Create(studyName: "s", storage: url, loadIfExists: true);
        again.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 2);
        Assert.Equal([0, 1, 2, 3, 4], again.Trials.Select(t => t.Number));
        var wrongDirection = Assert.Throws<ArgumentException>(() => Study.Create(studyName: "s", storage: url, loadIfExists: true, direction: StudyDirection.Maximize));
        Assert.Contains("Minimize", wrongDirection.Message);
    }

    [Fact]
    public void LoadingAMissingStudyNamesWhatTheStorageHolds()
    {
        using var dir = new TempFolder();
        string url = "sqlite:///" + dir.File("names.db");
        Study.Create(studyName: "present", storage: url);
        var e = Assert.Throws<KeyNotFoundException>(() => Study.Load("absent", url));
        Assert.Contains("'absent'", e.Message);
        Assert.Contains("'present'", e.Message);
    }

    [Fact]
    public void ConcurrentWritersNeverLoseOrRepeatATrialNumber()
    {
        using var dir = new TempFolder();
        string path = dir.File("shared.db");
        Study.Create(studyName: "shared", storage: "sqlite:///" + path);
        // Three workers, each with its own storage object and so its own connections, as three processes would have.
        Parallel.For(0, 3, new ParallelOptions { MaxDegreeOfParallelism = 3 }, w =>
        {
            var study = Study.Load("shared", new SqliteStorage(path), sampler: new RandomSampler(w));
            study.Optimize(t => t.SuggestFloat("x", 0, 1) + w, nTrials: 15);
        });
        var trials = Study.Load("shared", "sqlite:///" + path).Trials;
        Assert.Equal(45, trials.Count);
        Assert.Equal(Enumerable.Range(0, 45), trials.Select(t => t.Number).Order());
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public async Task AsyncOptimizeRunsJobsConcurrentlyWithDistinctNumbers()
    {
        using var dir = new TempFolder();
        var study = Study.Create(storage: "sqlite:///" + dir.File("async.db"), sampler: new RandomSampler(1));
        int running = 0, maxRunning = 0;
        await study.OptimizeAsync(async t =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            double x = t.SuggestFloat("x", -1, 1);
            await Task.Delay(200); // long beside a trial's few SQLite commits, so the three jobs overlap even on a loaded machine
            Interlocked.Decrement(ref running);
            return x * x;
        }, nTrials: 12, nJobs: 3);
        Assert.Equal(Enumerable.Range(0, 12), study.Trials.Select(t => t.Number));
        Assert.True(maxRunning > 1, "trials should overlap with nJobs: 3");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    [Fact]
    public void ACorruptDatabaseFileIsNamedInTheError()
    {
        using var dir = new TempFolder();
        string path = dir.File("corrupt.db");
        File.WriteAllText(path, "this is not a database, just some text that is long enough");
        var e = Assert.Throws<InvalidDataException>(() => Study.Create(storage: "sqlite:///" + path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not an SQLite database", e.Message);
    }

    [Fact]
    public void ADatabaseTruncatedAfterItsHeaderIsNamedInTheError()
    {
        using var dir = new TempFolder();
        string path = dir.File("truncated.db");
        Study.Create(studyName: "s", storage: "sqlite:///" + path).Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 2);
        SqliteConnection.ClearAllPools();
        var bytes = File.ReadAllBytes(path);
        for (int i = 100; i < bytes.Length; i++) bytes[i] = 0xEE; // keep the header, wreck the pages
        File.WriteAllBytes(path, bytes);
        var e = Assert.ThrowsAny<Exception>(() => Study.Load("s", "sqlite:///" + path).Trials.Count.ToString());
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void AnSqliteFileWithoutOptunaTablesIsRefused()
    {
        using var dir = new TempFolder();
        string path = dir.File("other.db");
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE things (id INTEGER)";
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<InvalidDataException>(() => new SqliteStorage(path));
        Assert.Contains("things", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void OnlySqliteUrlsAreUnderstood()
    {
        var e = Assert.Throws<ArgumentException>(() => Study.Create(storage: "mysql://localhost/db"));
        Assert.Contains("mysql://localhost/db", e.Message);
    }

    [Fact]
    public void TheSchemaMatchesOptunasTablesAndRevision()
    {
        using var dir = new TempFolder();
        string path = dir.File("schema.db");
        _ = new SqliteStorage(path);
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        var tables = new List<string>();
        using (var r = cmd.ExecuteReader()) while (r.Read()) tables.Add(r.GetString(0));
        Assert.Equal(OptunaSchema.Tables.Order(StringComparer.Ordinal), tables);
        cmd.CommandText = "SELECT version_num FROM alembic_version";
        Assert.Equal("v3.0.0.d", cmd.ExecuteScalar());
        cmd.CommandText = "SELECT schema_version || ' ' || library_version FROM version_info";
        Assert.Equal("12 3.1.0", cmd.ExecuteScalar());
    }
}
