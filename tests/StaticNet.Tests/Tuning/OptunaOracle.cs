using System.Diagnostics;

namespace StaticNet.Tests.Tuning;

/// <summary>Runs Python scripts against Debian's python3-optuna (the version CI installs) as the reference.</summary>
internal static class OptunaOracle
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Missing = new(() =>
    {
        if (!File.Exists(Python)) return $"{Python} is absent";
        try
        {
            var (code, output) = RunRaw("import optuna; print(optuna.__version__)");
            return code == 0 ? null : $"{Python} cannot import optuna ({output.Trim()})";
        }
        catch (Exception e) { return $"{Python} did not run ({e.Message})"; }
    });

    /// <summary>Why the oracle cannot run, or null when it can.</summary>
    public static string? WhyMissing => Missing.Value;

    private const string Quiet = "import optuna\noptuna.logging.set_verbosity(optuna.logging.WARNING)\n";

    private static Process Launch(string script)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        return Process.Start(info)!;
    }

    private static (int Code, string Stdout, string Stderr) Complete(Process p)
    {
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout, stderr.Result);
    }

    private static (int Code, string Output) RunRaw(string script)
    {
        using var p = Launch(script);
        var (code, stdout, stderr) = Complete(p);
        return (code, stdout + stderr);
    }

    /// <summary>Runs the script and returns its standard output; a failure shows Python's traceback.</summary>
    public static string Run(string script)
    {
        using var p = Launch(Quiet + script);
        var (code, stdout, stderr) = Complete(p);
        if (code != 0) throw new Xunit.Sdk.XunitException($"Python failed ({code}):\n{stderr}\n{stdout}");
        return stdout;
    }

    /// <summary>Starts the script without waiting; the caller reads its output and waits.</summary>
    public static Process Start(string script) => Launch(Quiet + script);
}

/// <summary>A fact skipped, saying why, when /usr/bin/python3 cannot import optuna (apt-get install python3-optuna; CI installs it).</summary>
public sealed class OptunaFactAttribute : FactAttribute
{
    public OptunaFactAttribute()
    {
        if (OptunaOracle.WhyMissing is { } why) Skip = $"Optuna oracle unavailable: {why} (apt-get install python3-optuna; CI installs it).";
    }
}

/// <summary>A temporary folder for database files, removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("staticnet-tuning-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
