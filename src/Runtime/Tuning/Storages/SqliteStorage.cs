using System.Globalization;
using Microsoft.Data.Sqlite;

namespace StaticNet.Tuning;

/// <summary>
/// Trials in an SQLite file in Optuna 3.1's own schema (<see cref="OptunaSchema"/>): <c>optuna.load_study</c> and
/// optuna-dashboard open a StaticNet study, and StaticNet continues a study Optuna started. Every change is one
/// transaction begun with <c>BEGIN IMMEDIATE</c>, so several processes can optimize one study in one file: a new
/// trial's number counts the study's earlier trials inside the transaction that inserts it, as Optuna does.
/// </summary>
public sealed partial class SqliteStorage : StudyStorage
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();
    private readonly string _connectionString;
    private readonly Dictionary<string, Distribution> _distributionCache = [];
    private readonly Lock _cacheGate = new();

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> and checks or lays down Optuna's schema.</summary>
    public SqliteStorage(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        CheckHeader();
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 60 }.ToString();
        Run(InitializeSchema);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    internal override string Kind => "RDB";

    /// <summary>A file that exists but does not start as SQLite files do is named in the error, before SQLite says "file is not a database".</summary>
    private void CheckHeader()
    {
        if (!File.Exists(Path)) return;
        var head = new byte[SqliteHeader.Length];
        int read;
        using (var f = File.OpenRead(Path)) read = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read == 0) return; // an empty file is a new database to SQLite
        if (read < head.Length || !head.AsSpan().SequenceEqual(SqliteHeader))
            throw new InvalidDataException($"Study storage '{Path}' is not an SQLite database (its first bytes are not \"SQLite format 3\"); it is corrupt or another kind of file.");
    }

    private void InitializeSchema(SqliteConnection c)
    {
        using var tx = c.BeginTransaction(deferred: false);
        var existing = new HashSet<string>(StringComparer.Ordinal);
        using (var cmd = Command(c, tx, "SELECT name FROM sqlite_master WHERE type = 'table'"))
        using (var r = cmd.ExecuteReader())
            while (r.Read()) existing.Add(r.GetString(0));
        if (!existing.Contains("studies"))
        {
            if (existing.Count > 0)
                throw new InvalidDataException($"Study storage '{Path}' is an SQLite database with other tables ({string.Join(", ", existing)}) and no Optuna study tables.");
            foreach (string ddl in OptunaSchema.Statements) Execute(c, tx, ddl);
            existing.UnionWith(OptunaSchema.Tables);
        }
        var missing = OptunaSchema.Tables.Where(t => !existing.Contains(t)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"Study storage '{Path}' lacks the Optuna table(s) {string.Join(", ", missing)}; it was written by an Optuna older than 3.0. Upgrade it with `optuna storage upgrade --storage sqlite:///{Path}`.");
        if (Scalar(c, tx, "SELECT COUNT(*) FROM version_info") is 0L)
            Execute(c, tx, "INSERT INTO version_info (version_info_id, schema_version, library_version) VALUES (1, @v, @l)",
                ("@v", OptunaSchema.SchemaVersion), ("@l", OptunaSchema.LibraryVersion));
        var revision = Scalar(c, tx, "SELECT version_num FROM alembic_version");
        if (revision is null) Execute(c, tx, "INSERT INTO alembic_version (version_num) VALUES (@r)", ("@r", OptunaSchema.AlembicRevision));
        else if ((string)revision != OptunaSchema.AlembicRevision)
            throw new InvalidDataException($"Study storage '{Path}' has schema revision '{revision}'; StaticNet reads Optuna's revision '{OptunaSchema.AlembicRevision}' (Optuna 3.0 to 3.1). Upgrade it with `optuna storage upgrade`.");
        tx.Commit();
    }

    /// <summary>Runs <paramref name="work"/> on an open connection; SQLite errors name the file.</summary>
    private T Run<T>(Func<SqliteConnection, T> work)
    {
        try
        {
            using var c = new SqliteConnection(_connectionString);
            c.Open();
            return work(c);
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"Study storage '{Path}': {e.Message}", e);
        }
    }

    private void Run(Action<SqliteConnection> work) => Run(c => { work(c); return 0; });

    /// <summary>One write transaction, begun IMMEDIATE so concurrent writers queue instead of failing at commit.</summary>
    private T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work) => Run(c =>
    {
        using var tx = c.BeginTransaction(deferred: false);
        var result = work(c, tx);
        tx.Commit();
        return result;
    });

    private void Write(Action<SqliteConnection, SqliteTransaction> work) => Write((c, tx) => { work(c, tx); return 0; });

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    private static int Execute(SqliteConnection c, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(c, tx, sql, args);
        return cmd.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection c, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(c, tx, sql, args);
        var v = cmd.ExecuteScalar();
        return v is DBNull ? null : v;
    }

    /// <summary>SQLAlchemy's SQLite DATETIME text: local time with microseconds.</summary>
    private static string Stamp(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    private DateTime? ParseStamp(object value, string where)
    {
        if (value is DBNull) return null;
        string s = (string)value;
        string[] formats = ["yyyy-MM-dd HH:mm:ss.FFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFF"];
        return DateTime.TryParseExact(s, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t : throw new InvalidDataException($"Study storage '{Path}': {where} holds '{s}', not a date and time.");
    }

    private Distribution ParseDistribution(string json, string where)
    {
        lock (_cacheGate)
        {
            if (_distributionCache.TryGetValue(json, out var d)) return d;
            try { d = Distribution.FromJson(json, where); }
            catch (FormatException e) { throw new InvalidDataException($"Study storage '{Path}': {e.Message}", e); }
            _distributionCache[json] = d;
            return d;
        }
    }
}
