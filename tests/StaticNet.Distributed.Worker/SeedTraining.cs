using StaticNet.NN;
using StaticNet.Optim;
using FashionMnistSample;

namespace StaticNet.Distributed.Worker;

/// <summary>
/// The training both sides of the equivalence test run: seed 000's network (declared, and as an eager Sequential) on
/// Fashion-MNIST-shaped data drawn from a fixed seed, SGD with momentum, a global batch of 64 per step. One process
/// takes 64 consecutive indices of the epoch's permutation per step; under DDP each of the ranks takes its
/// DistributedSampler share of the same 64.
/// </summary>
public static class SeedTraining
{
    public const int GlobalBatch = 64;
    public const ulong SamplerSeed = 7;

    /// <summary>steps × 64 images [1, 28, 28] in [0, 1) and labels in 0..9, the same in every process.</summary>
    public static (Tensor Images, Tensor Labels) Data(int steps)
    {
        var g = new Generator(1234);
        var images = Torch.Rand([steps * GlobalBatch, 1, 28, 28], generator: g);
        var labels = Torch.RandInt(0, 10, [steps * GlobalBatch], generator: g);
        return (images, labels);
    }

    /// <summary>Seed 000's network, declared, in evaluation mode: its Dropout draws each process's own masks, so only the
    /// deterministic part of training can be compared across process counts (in PyTorch too).</summary>
    public static Module Declared(ulong seed)
    {
        Torch.ManualSeed(seed);
        var model = new NeuralNetwork();
        model.Eval();
        return model;
    }

    /// <summary>The same layers as eager modules (their gradients reach the parameters through AccumulateGrad).</summary>
    public static Module Eager(ulong seed)
    {
        Torch.ManualSeed(seed);
        return new Sequential(new Flatten(), new Linear(28 * 28, 512), new ReLU(), new Linear(512, 256), new ReLU(), new Linear(256, 10));
    }

    /// <summary>The epoch's index order: PyTorch's randperm seeded with seed + epoch, as DistributedSampler draws it.</summary>
    public static int[] Permutation(int count, int epoch = 0) =>
        [.. Torch.RandPerm(count, generator: new Generator(SamplerSeed + (ulong)epoch)).ToArray<long>().Select(i => (int)i)];

    /// <summary>Trains <paramref name="model"/> on the given batches of indices (one optimizer step each).</summary>
    public static void Train(Module model, Tensor images, Tensor labels, IEnumerable<int[]> batches)
    {
        var optimizer = new SGD(model.Parameters(), lr: 0.1, momentum: 0.9);
        var lossFn = new CrossEntropyLoss();
        foreach (var batch in batches)
        {
            var index = Torch.Tensor(batch.Select(i => (long)i).ToArray());
            var loss = lossFn.Forward(model.Forward(images.IndexSelect(0, index)), labels.IndexSelect(0, index));
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
        }
    }

    /// <summary>
    /// Gradient accumulation under DDP: each rank's 32 samples as two micro-batches of 16, the first backward inside
    /// <c>NoSync()</c> (local accumulation), the second synchronised, each loss halved so the sum is the batch mean.
    /// </summary>
    public static void TrainAccumulating(DistributedDataParallel ddp, Tensor images, Tensor labels, IEnumerable<int[]> batches)
    {
        var optimizer = new SGD(ddp.Parameters(), lr: 0.1, momentum: 0.9);
        var lossFn = new CrossEntropyLoss();
        Tensor Loss(int[] rows)
        {
            var index = Torch.Tensor(rows.Select(i => (long)i).ToArray());
            return lossFn.Forward(ddp.Forward(images.IndexSelect(0, index)), labels.IndexSelect(0, index)) * 0.5;
        }
        foreach (var batch in batches)
        {
            optimizer.ZeroGrad();
            var half = batch.Length / 2;
            using (ddp.NoSync()) Loss(batch[..half]).Backward();
            Loss(batch[half..]).Backward();
            optimizer.Step();
        }
    }

    /// <summary>One process: 64 consecutive indices of the permutation per step.</summary>
    public static IEnumerable<int[]> SingleProcessBatches(int steps) => Permutation(steps * GlobalBatch).Chunk(GlobalBatch);
}
