using System.Diagnostics;
using StaticNet.Bench.Models;

namespace StaticNet.Bench;

/// <summary>
/// The kit's start-to-first-inference probe: load StaticNet, build the W2 MLP, run one batch-1 forward, then print
/// the wall-clock time in ns since the Unix epoch (the kit subtracts its own launch timestamp).
/// </summary>
/// <remarks>The same line carries where the in-process time went (ms since the process started, per phase).</remarks>
internal static class Startup
{
    public static void Run(string variant)
    {
        double mainMs = SinceProcessStart();
        long t0 = Stopwatch.GetTimestamp();
        Torch.ManualSeed(0);
        var model = ModelFactory.Mlp(variant);
        model.Eval();
        double builtMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        var x = Torch.Rand(1, 1, 28, 28);
        var y = W5Inference.Infer(model, x);
        double inferredMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        float checksum = y.Sum().Item<float>();
        long doneNs = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        double inProcessMs = SinceProcessStart();
        Report.Line($"# t_first_inference_done_ns={doneNs} in_process_ms={Report.F(inProcessMs, 1)} variant={variant} checksum={Report.F(checksum, 6)} " +
                    $"main_at_ms={Report.F(mainMs, 1)} model_built_ms={Report.F(builtMs, 1)} first_forward_done_ms={Report.F(inferredMs, 1)}");
    }

    private static double SinceProcessStart() => (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
}
