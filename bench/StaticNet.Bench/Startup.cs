using System.Diagnostics;
using StaticNet.Bench.Models;

namespace StaticNet.Bench;

/// <summary>
/// The kit's start-to-first-inference probe: load StaticNet, build the W2 MLP, run one batch-1 forward, then print
/// the wall-clock time in ns since the Unix epoch (the kit subtracts its own launch timestamp).
/// </summary>
internal static class Startup
{
    public static void Run(string variant)
    {
        Torch.ManualSeed(0);
        var model = ModelFactory.Mlp(variant);
        model.Eval();
        float checksum = W5Inference.Infer(model, Torch.Rand(1, 1, 28, 28)).Sum().Item<float>();
        long doneNs = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        double inProcessMs = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        Report.Line($"# t_first_inference_done_ns={doneNs} in_process_ms={Report.F(inProcessMs, 1)} variant={variant} checksum={Report.F(checksum, 6)}");
    }
}
