using System.Diagnostics;
using StaticNet.Kernels.Cpu;

namespace StaticNet.Benchmarks;

/// <summary>The `--quick` mode: best-of-several Stopwatch timings of Float32 matmul, printed as GFLOP/s.</summary>
internal static class QuickMatmul
{
    public static void Run(int[] sizes)
    {
        if (sizes.Length == 0) sizes = [256, 512, 1024, 2048];
        foreach (int threads in new[] { 1, Environment.ProcessorCount }.Distinct())
        {
            CpuParallelism.MaxThreads = threads;
            foreach (int n in sizes)
            {
                var a = Torch.Randn(n, n);
                var b = Torch.Randn(n, n);
                Torch.Matmul(a, b); // warm-up: JIT and packing buffers
                double flops = 2.0 * n * n * n;
                int reps = Math.Max(3, (int)(2e10 / flops));
                double best = double.MaxValue;
                for (int r = 0; r < reps; r++)
                {
                    var sw = Stopwatch.StartNew();
                    Torch.Matmul(a, b);
                    best = Math.Min(best, sw.Elapsed.TotalSeconds);
                }
                Console.WriteLine($"n={n,5} threads={threads}  {flops / best / 1e9,7:F1} GFLOP/s  ({best * 1e3:F2} ms)");
            }
        }
        CpuParallelism.MaxThreads = 0;
    }
}
