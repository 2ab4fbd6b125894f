using StaticNet.Data;

namespace StaticNet.Tests.Data;

[Collection(StaticNet.Tests.RandomGeneration.RandomCollection.Name)] // seeds the default generator
public class SamplerTests
{
    [Fact]
    public void SequentialSamplerYieldsIndicesInOrder()
    {
        Assert.Equal([0, 1, 2, 3], new SequentialSampler(new RangeDataset(4)));
        Assert.Equal(4, new SequentialSampler(4).Count);
    }

    [Fact]
    public void RandomSamplerWithoutGeneratorSeedsFromTheDefaultGeneratorAsPyTorch()
    {
        // torch.manual_seed(0); list(RandomSampler(range(10)))
        Torch.ManualSeed(0);
        Assert.Equal([6, 9, 0, 7, 3, 5, 4, 2, 1, 8], new RandomSampler(new RangeDataset(10)));
    }

    [Fact]
    public void RandomSamplerWithGeneratorMatchesPyTorch()
    {
        // list(RandomSampler(range(10), generator=torch.Generator().manual_seed(42)))
        Assert.Equal([2, 6, 1, 8, 4, 5, 0, 9, 3, 7], new RandomSampler(10, generator: new Generator(42)));
    }

    [Fact]
    public void RandomSamplerIsReproducibleFromASeedAndDiffersBetweenEpochs()
    {
        var sampler = new RandomSampler(100, generator: new Generator(5));
        var epoch1 = sampler.ToArray();
        var epoch2 = sampler.ToArray();
        Assert.Equal(epoch1, new RandomSampler(100, generator: new Generator(5)).ToArray());
        Assert.NotEqual(epoch1, epoch2);
        Assert.Equal(Enumerable.Range(0, 100), epoch1.Order());
    }

    [Fact]
    public void RandomSamplerWithReplacementMatchesPyTorch()
    {
        // RandomSampler(range(10), replacement=True, num_samples=12, generator=manual_seed(42))
        var sampler = new RandomSampler(10, replacement: true, numSamples: 12, generator: new Generator(42));
        Assert.Equal(12, sampler.Count);
        Assert.Equal([2, 7, 6, 4, 6, 5, 0, 4, 0, 3, 8, 4], sampler);
    }

    [Fact]
    public void RandomSamplerWithMoreSamplesThanItemsChainsPermutations()
    {
        // RandomSampler(range(5), num_samples=13, generator=manual_seed(42))
        Assert.Equal([2, 4, 3, 0, 1, 1, 4, 3, 2, 0, 0, 2, 3], new RandomSampler(5, numSamples: 13, generator: new Generator(42)));
    }

    [Fact]
    public void RandomSamplerRejectsNonPositiveNumSamples()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RandomSampler(5, numSamples: 0));
        Assert.Contains("num_samples should be a positive integer value, but got num_samples=0", e.Message);
    }

    [Fact]
    public void SubsetRandomSamplerPermutesTheGivenIndicesAsPyTorch()
    {
        // list(SubsetRandomSampler([10, 20, 30, 40, 50], generator=manual_seed(1)))
        Assert.Equal([10, 50, 30, 40, 20], new SubsetRandomSampler([10, 20, 30, 40, 50], new Generator(1)));
    }

    [Fact]
    public void WeightedRandomSamplerWithReplacementMatchesPyTorch()
    {
        // list(WeightedRandomSampler([0.1, 0.9, 0.4, 0.7, 3.0, 0.6], 10, generator=manual_seed(3)))
        var sampler = new WeightedRandomSampler([0.1, 0.9, 0.4, 0.7, 3.0, 0.6], 10, generator: new Generator(3));
        Assert.Equal([1, 3, 4, 1, 4, 4, 2, 4, 4, 4], sampler);
    }

    [Fact]
    public void WeightedRandomSamplerWithoutReplacementMatchesPyTorch()
    {
        // list(WeightedRandomSampler([0.9, 0.4, 0.05, 0.2, 0.3, 0.1], 5, replacement=False, generator=manual_seed(3)))
        var sampler = new WeightedRandomSampler([0.9, 0.4, 0.05, 0.2, 0.3, 0.1], 5, replacement: false, generator: new Generator(3));
        Assert.Equal([0, 1, 3, 4, 5], sampler);
    }

    [Fact]
    public void WeightedRandomSamplerFrequenciesFollowTheWeights()
    {
        var counts = new int[3];
        foreach (int i in new WeightedRandomSampler([1.0, 2.0, 7.0], 20000, generator: new Generator(11))) counts[i]++;
        // Expected 2000, 4000, 14000; a binomial standard deviation is at most ~65, so 4 sigma is 260.
        Assert.InRange(counts[0], 2000 - 260, 2000 + 260);
        Assert.InRange(counts[1], 4000 - 260, 4000 + 260);
        Assert.InRange(counts[2], 14000 - 260, 14000 + 260);
    }

    [Fact]
    public void WeightedRandomSamplerWithoutReplacementNeverRepeatsAndSkipsZeroWeights()
    {
        var drawn = new WeightedRandomSampler([1.0, 0.0, 3.0, 2.0], 3, replacement: false, generator: new Generator(0)).ToArray();
        Assert.Equal([0, 2, 3], drawn.Order());
    }

    [Fact]
    public void WeightedRandomSamplerRejectsNegativeWeights()
    {
        var e = Assert.Throws<ArgumentException>(() => new WeightedRandomSampler([1.0, -1.0], 2));
        Assert.Contains("probability entry < 0", e.Message);
    }

    [Fact]
    public void BatchSamplerGroupsIndicesAndDropsTheShortLastBatchOnRequest()
    {
        // list(BatchSampler(SequentialSampler(range(10)), batch_size=3, drop_last=False / True))
        var keep = new BatchSampler(new SequentialSampler(10), 3, dropLast: false);
        Assert.Equal([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]], keep);
        Assert.Equal(4, keep.Count);
        var drop = new BatchSampler(new SequentialSampler(10), 3, dropLast: true);
        Assert.Equal([[0, 1, 2], [3, 4, 5], [6, 7, 8]], drop);
        Assert.Equal(3, drop.Count);
    }
}
