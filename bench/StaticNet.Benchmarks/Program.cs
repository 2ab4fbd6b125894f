using BenchmarkDotNet.Running;
using StaticNet.Benchmarks;

// `--quick [sizes...]`: a Stopwatch loop printing GFLOP/s per size, for fast iteration while tuning kernels.
// Anything else goes to BenchmarkDotNet (e.g. `--filter *Matmul* --job short`).
if (args.Length > 0 && args[0] == "--quick")
{
    QuickMatmul.Run(args.Skip(1).Select(int.Parse).ToArray());
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(MatmulBenchmark).Assembly).Run(args);
