using BenchmarkDotNet.Attributes;
using StaticNet.NN;
using StaticNet.Optim;

namespace StaticNet.Benchmarks;

/// <summary>Seed 001's LeNet (one 32×32 channel, 5×5 kernels), declared: the generator fuses it into one node.</summary>
[Model(Input = [1, 32, 32])]
public partial class FusedLeNet
{
    [Conv2d(1, 6, kernel: 5)] public partial Tensor Conv1(Tensor x);
    [Conv2d(6, 16, kernel: 5)] public partial Tensor Conv2(Tensor x);
    [Linear(16 * 5 * 5, 120)] public partial Tensor Fc1(Tensor x);
    [Linear(120, 84)] public partial Tensor Fc2(Tensor x);
    [Linear(84, 10)] public partial Tensor Fc3(Tensor x);

    [Forward]
    private Tensor Network(Tensor x)
    {
        x = F.MaxPool2d(F.Relu(Conv1(x)), (2, 2));
        x = F.MaxPool2d(F.Relu(Conv2(x)), 2);
        x = x.Flatten(1);
        x = F.Relu(Fc1(x));
        x = F.Relu(Fc2(x));
        return Fc3(x);
    }
}

/// <summary>The same network from nn layers, run eagerly through autograd.</summary>
public sealed class EagerLeNet : Module
{
    private readonly Conv2d _conv1 = new(1, 6, 5), _conv2 = new(6, 16, 5);
    private readonly Linear _fc1 = new(16 * 5 * 5, 120), _fc2 = new(120, 84), _fc3 = new(84, 10);

    /// <summary>Registers the layers under seed 001's names, in its order.</summary>
    public EagerLeNet()
    {
        Register("conv1", _conv1);
        Register("conv2", _conv2);
        Register("fc1", _fc1);
        Register("fc2", _fc2);
        Register("fc3", _fc3);
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x)
    {
        x = F.MaxPool2d(F.Relu(_conv1.Forward(x)), 2);
        x = F.MaxPool2d(F.Relu(_conv2.Forward(x)), 2);
        x = x.Flatten(1);
        x = F.Relu(_fc1.Forward(x));
        x = F.Relu(_fc2.Forward(x));
        return _fc3.Forward(x);
    }
}

/// <summary>
/// One training step of seed 001's LeNet at batch 4, as the seed trains it (MSELoss against a random target, SGD
/// lr 0.01): ZeroGrad, Forward, loss, Backward, Step — the declared (fused) model vs its eager twin.
/// </summary>
[MemoryDiagnoser]
public class LeNetBenchmark
{
    private Module _fused = null!, _eager = null!;
    private SGD _fusedOptimizer = null!, _eagerOptimizer = null!;
    private Tensor _x = null!, _target = null!;
    private readonly MSELoss _loss = new();

    [GlobalSetup]
    public void Setup()
    {
        Torch.ManualSeed(0);
        _fused = new FusedLeNet();
        Torch.ManualSeed(0);
        _eager = new EagerLeNet();
        _fusedOptimizer = new SGD(_fused.Parameters(), lr: 0.01);
        _eagerOptimizer = new SGD(_eager.Parameters(), lr: 0.01);
        _x = Torch.Randn(4, 1, 32, 32);
        _target = Torch.Randn(4, 10);
    }

    [Benchmark(Baseline = true)]
    public float Eager() => Step(_eager, _eagerOptimizer);

    [Benchmark]
    public float Fused() => Step(_fused, _fusedOptimizer);

    private float Step(Module model, SGD optimizer) => TrainingStep.Run(model, optimizer, _loss, _x, _target);
}
