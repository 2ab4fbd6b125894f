namespace StaticNet.Bench;

/// <summary>W1: C = A @ B for square n×n Float32 matrices, the output allocated by the call as user code does.</summary>
internal static class W1Gemm
{
    public static readonly int[] Sizes = [128, 256, 512, 1024, 2048];

    /// <summary>2 warm-up calls (1 for n = 2048), then up to 25 timed reps, stopping after 3 s once 3 are done.</summary>
    public static void Run(string variant, int threads, double budgetSeconds = 3.0)
    {
        foreach (int n in Sizes)
        {
            var a = Torch.Randn(n, n);
            var b = Torch.Randn(n, n);
            int warmup = n <= 1024 ? 2 : 1;
            var times = Report.TimeSteps(() => Torch.Matmul(a, b), warmup, 25, budgetSeconds);
            double flop = 2.0 * n * n * (double)n;
            double median = Report.Median(times);
            Report.Line($"peer={Report.Peer} variant={variant} workload=W1 n={n} threads={threads} median_ms={Report.Fmt(median)} " +
                        $"gflops={Report.F(flop / (median * 1e-3) / 1e9, 2)} best_gflops={Report.F(flop / (times.Min() * 1e-3) / 1e9, 2)} reps={times.Count}");
        }
    }
}
