using System.Diagnostics;
using StaticNet.Kernels;
using StaticNet.Kernels.Cpu;

namespace StaticNet.Benchmarks;

/// <summary>The `--quick` mode: best-of-several Stopwatch timings of Float32 matmul, printed as GFLOP/s.</summary>
/// <remarks>
/// Arguments are square sizes (<c>1024</c>) or shapes <c>MxKxN</c>, optionally prefixed <c>nt:</c> (A·Bᵀ, B stored
/// N x K) or <c>tn:</c> (Aᵀ·B, A stored K x M); <c>train</c> expands to the MLP training step's small-M shapes,
/// <c>small</c> to tiny products and <c>gemv</c> to batch-1 matrix-vector products (run those with
/// <c>DOTNET_TieredCompilation=0</c>: a few ms of calls is too short for tiered JIT to finish).
/// </remarks>
internal static class QuickMatmul
{
    private static readonly string[] TrainShapes =
    [
        "64x784x512", "64x512x256", "nt:64x512x784", "nt:64x256x512", "tn:784x64x512", "tn:512x64x256",
    ];

    // The peer kit's W4 MLP (Linear(2, 8), Linear(8, 1), batch 4) and the unpacked/packed crossover.
    private static readonly string[] SmallShapes = ["4x2x8", "4x8x2", "8x4x2", "8x8x8", "16x16x16", "nt:16x16x16", "32x32x32"];

    // Batch-1 inference (W5 b=1): x·Wᵀ (nt) and the vector-matrix products of the 784-512-256-10 MLP.
    private static readonly string[] GemvShapes = ["1x784x512", "nt:1x784x512", "1x512x256", "nt:1x512x256"];

    public static void Run(string[] args)
    {
        if (args.Length == 0) args = ["256", "512", "1024", "2048"];
        var shapes = args.SelectMany(s => s switch { "train" => TrainShapes, "small" => SmallShapes, "gemv" => GemvShapes, _ => [s] }).ToArray();
        foreach (int threads in new[] { 1, Environment.ProcessorCount }.Distinct())
        {
            CpuParallelism.MaxThreads = threads;
            foreach (string shape in shapes)
                Console.WriteLine($"{shape,-16} threads={threads}  {Measure(shape)}");
        }
        CpuParallelism.MaxThreads = 0;
    }

    private static string Measure(string shape)
    {
        string mode = shape.Contains(':') ? shape[..shape.IndexOf(':')] : "nn";
        var dims = shape[(shape.IndexOf(':') + 1)..].Split('x').Select(int.Parse).ToArray();
        int m = dims[0], k = dims.Length == 3 ? dims[1] : dims[0], n = dims.Length == 3 ? dims[2] : dims[0];
        var a = mode == "tn" ? Torch.Randn(k, m).T : Torch.Randn(m, k);
        var b = mode == "nt" ? Torch.Randn(n, k).T : Torch.Randn(k, n);
        var c = Torch.Matmul(a, b); // warm-up: JIT and packing buffers
        double flops = 2.0 * m * n * k;
        int reps = Math.Max(5, (int)(2e10 / flops));
        reps = Math.Min(reps, 2000);
        double best = double.MaxValue;
        for (int r = 0; r < reps; r++)
        {
            var sw = Stopwatch.StartNew();
            Torch.Matmul(a, b);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return $"{flops / best / 1e9,7:F1} GFLOP/s  ({best * 1e3:F3} ms)";
    }
}
