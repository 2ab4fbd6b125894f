using BenchmarkDotNet.Attributes;
using StaticNet.Kernels;
using StaticNet.Kernels.Cpu;

namespace StaticNet.Benchmarks;

/// <summary>Float32 n x n matmul at 1 and 2 threads; the GFLOP/s column is 2n³ / mean time.</summary>
[Config(typeof(GflopsConfig))]
public class MatmulBenchmark
{
    private Tensor _a = null!, _b = null!;

    [Params(256, 512, 1024, 2048)]
    public int N { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        CpuParallelism.MaxThreads = Threads;
        Torch.ManualSeed(0);
        _a = Torch.Randn(N, N);
        _b = Torch.Randn(N, N);
    }

    [GlobalCleanup]
    public void Cleanup() => CpuParallelism.MaxThreads = 0;

    [Benchmark]
    public Tensor Matmul() => Torch.Matmul(_a, _b);
}
