using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using StaticNet.NN;
using StaticNet.Optim;

namespace StaticNet.Benchmarks;

/// <summary>Seed 000's network, declared: the generator gives it the fused plan.</summary>
[Model(Input = [1, 28, 28])]
public partial class FusedNeuralNetwork
{
    [Flatten]
    public partial Tensor Flatten(Tensor x);

    [Linear(28 * 28, 512), ReLU, Linear(512, 256), ReLU, Linear(256, 10), Dropout(0.2)]
    public partial Tensor LinearReluStack(Tensor x);

    [Forward]
    private Tensor Network(Tensor x) => LinearReluStack(Flatten(x));
}

/// <summary>One training step (Forward, CrossEntropy, Backward, SGD Step) of seed 000's network at batch 64: fused vs eager.</summary>
[MemoryDiagnoser]
public class FusedModelBenchmark
{
    private Module _fused = null!, _eager = null!;
    private SGD _fusedOptimizer = null!, _eagerOptimizer = null!;
    private Tensor _x = null!, _y = null!;
    private readonly CrossEntropyLoss _loss = new();

    [GlobalSetup]
    public void Setup()
    {
        Torch.ManualSeed(0);
        _fused = new FusedNeuralNetwork();
        Torch.ManualSeed(0);
        _eager = new Sequential(new Flatten(), new Sequential(
            new Linear(784, 512), new ReLU(), new Linear(512, 256), new ReLU(), new Linear(256, 10), new Dropout(0.2)));
        _fusedOptimizer = new SGD(_fused.Parameters(), lr: 1e-3);
        _eagerOptimizer = new SGD(_eager.Parameters(), lr: 1e-3);
        _x = Torch.Rand(64, 1, 28, 28);
        _y = Torch.RandInt(0, 10, [64]);
    }

    [Benchmark(Baseline = true)]
    public float Eager() => Step(_eager, _eagerOptimizer);

    [Benchmark]
    public float Fused() => Step(_fused, _fusedOptimizer);

    private float Step(Module model, SGD optimizer) => TrainingStep.Run(model, optimizer, _loss, _x, _y);

    /// <summary>A Stopwatch loop: mean step time and allocated bytes per step after warm-up.</summary>
    public static void Quick(int steps = 200)
    {
        var b = new FusedModelBenchmark();
        b.Setup();
        foreach (var (name, step) in new (string, Func<float>)[] { ("eager", b.Eager), ("fused", b.Fused) })
        {
            for (int i = 0; i < 20; i++) step();
            long before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < steps; i++) step();
            sw.Stop();
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Console.WriteLine($"{name}: {sw.Elapsed.TotalMilliseconds * 1000 / steps:F1} µs/step, {bytes / steps:N0} B allocated/step (this thread)");
        }
        // Forward + Backward alone (no optimizer step): what the model itself allocates.
        foreach (var (name, model) in new[] { ("eager", b._eager), ("fused", b._fused) })
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < steps; i++) b._loss.Forward(model.Forward(b._x), b._y).Backward();
            Console.WriteLine($"{name} forward+backward: {(GC.GetAllocatedBytesForCurrentThread() - before) / steps:N0} B/step");
        }
    }
}
