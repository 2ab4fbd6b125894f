using System.Diagnostics;

namespace StaticNet.Tests;

/// <summary>Runs a Python script under the PyTorch oracle's interpreter and returns its standard output.</summary>
public static class PyTorchScript
{
    public static string Run(string script, params string[] args)
    {
        var info = new ProcessStartInfo(PyTorchOracle.Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"the Python oracle failed ({p.ExitCode}): {stderr.Result}");
        return stdout;
    }
}
