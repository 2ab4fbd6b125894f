using StaticNet.Distributed.Worker;

namespace StaticNet.Distributed.Tests;

/// <summary>
/// Two ranks under mpirun, each training seed 000's network with DistributedDataParallel on its 32-sample
/// DistributedSampler share of each global batch of 64, end with the parameters one process reaches with batches of 64
/// (the same samples per step): the gradient averaging is exact up to float rounding. Rank 1 starts from other weights,
/// so equality also shows that the construction broadcast rank 0's. Fails if gradients are summed instead of averaged,
/// not reduced at all, reduced out of order across buckets, or written back incompletely. "accumulated" trains with
/// two micro-batches per step, the first under <c>NoSync()</c>: local accumulation, then one synchronised average.
/// </summary>
public class MpirunTrainingTests
{
    private const int Steps = 6;

    [MpiTheory]
    [InlineData(0.25)] // two buckets: [fc3, fc2] and [fc1], started in order while the fused backward goes on
    [InlineData(25.0)] // PyTorch's default: one bucket
    public void TwoRanksWithBatch32EachMatchOneProcessWithBatch64(double bucketCapMB)
    {
        using var dir = new TempDir();
        var run = Mpirun.Run(2, "train", Steps.ToString(), dir.Path, bucketCapMB.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains($"declared trained {Steps} steps in {(bucketCapMB < 1 ? 2 : 1)} buckets", run.Output);

        var (images, labels) = SeedTraining.Data(Steps);
        foreach (var (name, make) in new (string, Func<NN.Module>)[] { ("declared", () => SeedTraining.Declared(100)), ("eager", () => SeedTraining.Eager(200)), ("accumulated", () => SeedTraining.Eager(300)) })
        {
            var reference = make();
            var initial = reference.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Clone());
            SeedTraining.Train(reference, images, labels, SeedTraining.SingleProcessBatches(Steps));
            var expected = reference.StateDict();
            for (int rank = 0; rank < 2; rank++)
            {
                var got = Torch.Load(Path.Combine(dir.Path, $"{name}-rank{rank}.safetensors"));
                // PyTorch's DDP state dict: the wrapped module's keys under "module.".
                Assert.Equal(expected.Keys.Select(k => "module." + k), got.Keys);
                foreach (var (key, value) in expected)
                {
                    double diff = got["module." + key].Sub(value).Abs().Max().Item<float>();
                    Assert.True(diff <= 1e-5, $"{name} rank {rank} {key}: max |Δ| = {diff:G3} against one process with batch 64");
                }
            }
            // The comparison has teeth: training moved the parameters far more than the tolerance.
            double moved = expected.Keys.Max(k => expected[k].Sub(initial[k]).Abs().Max().Item<float>());
            Assert.True(moved > 1e-2, $"{name}: parameters moved only {moved:G3}");
        }
    }

    [Fact]
    public void OneRanksHalfBatchAloneDoesNotMatchTheGlobalBatch()
    {
        // The control for the test above: without averaging, a rank's own 32 samples give other parameters.
        var (images, labels) = SeedTraining.Data(Steps);
        var full = SeedTraining.Declared(100);
        SeedTraining.Train(full, images, labels, SeedTraining.SingleProcessBatches(Steps));
        var half = SeedTraining.Declared(100);
        var share = new DistributedSampler(images.Size(0) is var n ? (int)n : 0, numReplicas: 2, rank: 0, seed: SeedTraining.SamplerSeed).ToArray();
        SeedTraining.Train(half, images, labels, share.Chunk(32));
        double diff = full.Parameters().Zip(half.Parameters()).Max(p => p.First.Sub(p.Second).Abs().Max().Item<float>());
        Assert.True(diff > 1e-3, $"max |Δ| = {diff:G3}");
    }
}
