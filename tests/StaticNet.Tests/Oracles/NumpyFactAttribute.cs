using System.Diagnostics;

namespace StaticNet.Tests;

/// <summary>
/// A fact that is skipped, saying why, when Debian's <c>/usr/bin/python3</c> cannot find numpy (apt-get install
/// python3-numpy; CI has it with python3-torch). Looked up once per test run, without importing.
/// </summary>
public sealed class NumpyFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> s_missing = new(Probe);

    public NumpyFactAttribute()
    {
        if (s_missing.Value is { } why) Skip = $"numpy unavailable: {why} (apt-get install python3-numpy; CI installs it).";
    }

    private static string? Probe()
    {
        if (!File.Exists(PyTorchOracle.Python)) return $"{PyTorchOracle.Python} does not exist";
        var info = new ProcessStartInfo(PyTorchOracle.Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('numpy') else 3)" }) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? null : p.ExitCode == 3 ? "numpy is not installed for " + PyTorchOracle.Python : $"{PyTorchOracle.Python} failed ({p.ExitCode})";
    }
}
