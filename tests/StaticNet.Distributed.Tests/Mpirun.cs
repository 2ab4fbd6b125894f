using System.Diagnostics;

namespace StaticNet.Distributed.Tests;

/// <summary>Starts the worker program, under <c>mpirun -np N</c> or alone, and collects its exit code and output.</summary>
internal static class Mpirun
{
    public static readonly string Worker = Path.Combine(AppContext.BaseDirectory, "StaticNet.Distributed.Worker.dll");

    /// <summary>The launcher's path, or null when Open MPI's mpirun is not installed.</summary>
    public static readonly string? LauncherPath = Find("mpirun");

    public sealed record Result(int ExitCode, string Output, TimeSpan Elapsed);

    /// <summary>Runs the worker on <paramref name="ranks"/> processes (as root: mpirun needs --allow-run-as-root;
    /// --oversubscribe lets 2 ranks run on a 1-core runner).</summary>
    public static Result Run(int ranks, params string[] args) =>
        Start(LauncherPath ?? throw new InvalidOperationException("mpirun is not installed"),
            ["--allow-run-as-root", "--oversubscribe", "-np", ranks.ToString(), Dotnet, Worker, .. args]);

    /// <summary>Runs the worker as one plain process (no launcher).</summary>
    public static Result RunAlone(params string[] args) => Start(Dotnet, [Worker, .. args]);

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static Result Start(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        // The worker must not think it was launched when the test runner itself was (and must not inherit a rank).
        foreach (var name in new[] { "OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE" }) info.Environment.Remove(name);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within 90 s (a hang). Output so far:\n{output}");
        }
        process.WaitForExit();
        lock (output) return new Result(process.ExitCode, output.ToString(), watch.Elapsed);
    }

    private static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, program)).FirstOrDefault(File.Exists);
}

/// <summary>A fact skipped, saying why, where Open MPI's mpirun is not installed.</summary>
public sealed class MpiFactAttribute : FactAttribute
{
    public MpiFactAttribute()
    {
        if (Mpirun.LauncherPath is null) Skip = "mpirun is not installed (apt-get install openmpi-bin libopenmpi-dev; CI installs it).";
    }
}

/// <summary>A theory skipped, saying why, where Open MPI's mpirun is not installed.</summary>
public sealed class MpiTheoryAttribute : TheoryAttribute
{
    public MpiTheoryAttribute()
    {
        if (Mpirun.LauncherPath is null) Skip = "mpirun is not installed (apt-get install openmpi-bin libopenmpi-dev; CI installs it).";
    }
}
