using System.Diagnostics;

namespace StaticNet.Tests;

/// <summary>
/// A fact that is skipped, saying why, when Debian's <c>/usr/bin/python3</c> cannot find the torch module
/// (apt-get install python3-torch; CI installs it). The check only looks the module up (no import, which takes
/// seconds), once per test run.
/// </summary>
public sealed class PyTorchFactAttribute : FactAttribute
{
    public PyTorchFactAttribute()
    {
        if (PyTorchOracle.Missing is { } why) Skip = $"PyTorch oracle unavailable: {why} (apt-get install python3-torch; CI installs it).";
    }
}

/// <summary>Whether <c>/usr/bin/python3</c> has torch, looked up once.</summary>
public static class PyTorchOracle
{
    /// <summary>The Debian interpreter the oracle tests run (not a pyenv python3 on PATH).</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> s_missing = new(Probe);

    /// <summary>Why the oracle cannot run, or null when it can.</summary>
    public static string? Missing => s_missing.Value;

    private static string? Probe()
    {
        if (!File.Exists(Python)) return $"{Python} does not exist";
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('torch') else 3)" }) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? null : p.ExitCode == 3 ? "torch is not installed for " + Python : $"{Python} failed ({p.ExitCode})";
    }
}
