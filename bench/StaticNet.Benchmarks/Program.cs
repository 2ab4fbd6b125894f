using BenchmarkDotNet.Running;
using StaticNet.Benchmarks;

// `--quick [sizes or MxKxN shapes, nt:/tn: prefixes, `train`...]`: a Stopwatch loop printing GFLOP/s per shape.
// Anything else goes to BenchmarkDotNet (e.g. `--filter *Matmul* --job short`).
if (args.Length > 0 && args[0] == "--quick")
{
    QuickMatmul.Run(args.Skip(1).ToArray());
    return;
}
// `--fused`: Stopwatch and allocated bytes per training step, fused vs eager, for seed 000's network at batch 64.
if (args.Length > 0 && args[0] == "--fused")
{
    FusedModelBenchmark.Quick();
    return;
}
// `--analyzers`: the shape analyzer's execution time on a project of 50 declared models, per round.
if (args.Length > 0 && args[0] == "--analyzers")
{
    AnalyzerBenchmark.Quick();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(MatmulBenchmark).Assembly).Run(args);
