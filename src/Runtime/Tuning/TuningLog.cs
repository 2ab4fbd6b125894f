using System.Globalization;

namespace StaticNet.Tuning;

/// <summary>The levels of <see cref="TuningLog"/>, as Python's logging levels Optuna uses.</summary>
public enum TuningLogLevel
{
    /// <summary>Everything, including what only matters when debugging a sampler.</summary>
    Debug = 10,
    /// <summary>A study created or loaded, each finished or pruned trial (Optuna's default).</summary>
    Info = 20,
    /// <summary>Failed trials, adjusted ranges, ignored reports.</summary>
    Warning = 30,
    /// <summary>Only errors.</summary>
    Error = 40,
    /// <summary>Nothing.</summary>
    Off = 100,
}

/// <summary>
/// The study log, written as Optuna's default handler writes it:
/// <c>[I 2026-12-07 12:00:00,000] Trial 3 finished with value: 0.123 and parameters: {'lr': 0.001}. Best is trial 1 with value: 0.1.</c>
/// It goes to standard error, as Optuna's does; set <see cref="Output"/> (seed 004 adds a stdout handler) or
/// <see cref="Handler"/> to send it elsewhere, and <see cref="Verbosity"/> to quiet it (<c>optuna.logging.set_verbosity</c>).
/// </summary>
public static class TuningLog
{
    private static readonly Lock Gate = new();

    /// <summary>The lowest level written (Info by default).</summary>
    public static TuningLogLevel Verbosity { get; set; } = TuningLogLevel.Info;

    /// <summary>Where formatted lines go (standard error by default); null drops them unless a <see cref="Handler"/> is set.</summary>
    public static TextWriter? Output { get; set; } = Console.Error;

    /// <summary>Receives each message (level and text without the prefix) before <see cref="Output"/>; null for none.</summary>
    public static Action<TuningLogLevel, string>? Handler { get; set; }

    /// <summary>Whether a message of this level would be written.</summary>
    public static bool IsEnabled(TuningLogLevel level) => level >= Verbosity && level < TuningLogLevel.Off && (Output is not null || Handler is not null);

    internal static void Info(string message) => Write(TuningLogLevel.Info, message);

    internal static void Warning(string message) => Write(TuningLogLevel.Warning, message);

    /// <summary>Writes one message with Optuna's prefix: the level's initial and the local time with milliseconds.</summary>
    public static void Write(TuningLogLevel level, string message)
    {
        if (!IsEnabled(level)) return;
        Handler?.Invoke(level, message);
        var output = Output;
        if (output is null) return;
        char initial = level switch
        {
            TuningLogLevel.Debug => 'D',
            TuningLogLevel.Info => 'I',
            TuningLogLevel.Warning => 'W',
            _ => 'E',
        };
        string line = $"[{initial} {DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture)}] {message}";
        lock (Gate) output.WriteLine(line);
    }
}
