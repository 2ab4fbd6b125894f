using System.Diagnostics;

namespace StaticNet.OnnxTests;

/// <summary>
/// A fact skipped, saying why, when Debian's <c>/usr/bin/python3</c> cannot find the onnx module (apt-get install
/// python3-onnx; CI installs it). Only the module is looked up here, once per run.
/// </summary>
public sealed class OnnxFactAttribute : FactAttribute
{
    public OnnxFactAttribute()
    {
        if (OnnxChecker.Missing is { } why) Skip = $"ONNX checker unavailable: {why} (apt-get install python3-onnx; CI installs it).";
    }
}

/// <summary>Runs ONNX's own checker (<c>onnx.checker.check_model(..., full_check=True)</c>) from Debian's python3-onnx.</summary>
public static class OnnxChecker
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> s_missing = new(() =>
    {
        if (!File.Exists(Python)) return $"{Python} does not exist";
        var (code, _) = Run("import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('onnx') else 3)");
        return code == 0 ? null : code == 3 ? "onnx is not installed for " + Python : $"{Python} failed ({code})";
    });

    public static string? Missing => s_missing.Value;

    /// <summary>The checker's verdict on <paramref name="path"/>: exit code 0, or its error text.</summary>
    public static (int ExitCode, string Output) Check(string path) =>
        Run("import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True); print('ok')", path);

    private static (int, string) Run(string code, params string[] args)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(code);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }
}
