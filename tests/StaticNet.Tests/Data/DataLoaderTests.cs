using StaticNet.Data;

namespace StaticNet.Tests.Data;

[Collection(StaticNet.Tests.RandomGeneration.RandomCollection.Name)] // seeds the default generator
public class DataLoaderTests
{
    [Fact]
    public void BatchSizeDefaultsToOne()
    {
        var loader = new DataLoader<long>(new RangeDataset(3));
        Assert.Equal(3, loader.Count);
        Assert.Equal("[tensor([0]), tensor([1]), tensor([2])]", "[" + string.Join(", ", loader) + "]");
    }

    [Theory]
    [InlineData(10, 3, false, 4, 1)]
    [InlineData(10, 3, true, 3, 3)]
    [InlineData(9, 3, true, 3, 3)]
    [InlineData(2, 5, true, 0, 0)]
    public void CountIsTheNumberOfBatches(int samples, int batchSize, bool dropLast, int expectedCount, int lastBatchSize)
    {
        var loader = new DataLoader<long>(new RangeDataset(samples), batchSize: batchSize, dropLast: dropLast);
        var batches = loader.ToList();
        Assert.Equal(expectedCount, loader.Count);
        Assert.Equal(expectedCount, batches.Count);
        if (expectedCount > 0) Assert.Equal(lastBatchSize, batches[^1][0].Size(0));
    }

    [Fact]
    public void ShuffleReproducesPyTorchsOrderFromTheGlobalSeed()
    {
        // torch.manual_seed(0); two epochs of DataLoader(range(10), batch_size=3, shuffle=True)
        Torch.ManualSeed(0);
        var loader = new DataLoader<long>(new RangeDataset(10), batchSize: 3, shuffle: true);
        Assert.Equal([[6, 7, 1], [4, 2, 0], [9, 8, 3], [5]], BatchValues.Of(loader));
        Assert.Equal([[2, 4, 7], [0, 8, 9], [5, 3, 6], [1]], BatchValues.Of(loader));
    }

    [Fact]
    public void ShuffleReproducesPyTorchsOrderFromAGenerator()
    {
        // DataLoader(range(10), batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(7))
        var loader = new DataLoader<long>(new RangeDataset(10), batchSize: 4, shuffle: true, generator: new Generator(7));
        Assert.Equal([[1, 3, 5, 7], [9, 4, 6, 2], [8, 0]], BatchValues.Of(loader));
    }

    [Fact]
    public void TensorDatasetBatchesDeconstructIntoXAndY()
    {
        // for a, b in DataLoader(TensorDataset(arange(10.).view(5, 2), arange(5)), batch_size=2)
        var x = Torch.Arange(0.0, 10.0).View(5, 2);
        var y = Torch.Arange(5);
        var rows = new List<(float[], long[])>();
        foreach (var (X, Y) in new DataLoader<Tensor[]>(new TensorDataset(x, y), batchSize: 2))
            rows.Add((X.ToArray<float>(), Y.ToArray<long>()));
        Assert.Equal(3, rows.Count);
        Assert.Equal([0f, 1, 2, 3], rows[0].Item1);
        Assert.Equal([0L, 1], rows[0].Item2);
        Assert.Equal([8f, 9], rows[2].Item1);
        Assert.Equal([4L], rows[2].Item2);
    }

    [Fact]
    public void ASamplerSetsTheOrder()
    {
        var loader = new DataLoader<long>(new RangeDataset(5), batchSize: 2, sampler: new[] { 4, 0, 3 });
        Assert.Equal([[4, 0], [3]], BatchValues.Of(loader));
    }

    [Fact]
    public void ABatchSamplerSetsWholeBatches()
    {
        var loader = new DataLoader<long>(new RangeDataset(5), batchSampler: new[] { new[] { 1, 2, 3 }, new[] { 0 } });
        Assert.Equal([[1, 2, 3], [0]], BatchValues.Of(loader));
    }

    [Fact]
    public void SamplerAndShuffleAreMutuallyExclusive()
    {
        var e = Assert.Throws<ArgumentException>(() => new DataLoader<long>(new RangeDataset(5), shuffle: true, sampler: new SequentialSampler(5)));
        Assert.StartsWith("sampler option is mutually exclusive with shuffle", e.Message);
        var e2 = Assert.Throws<ArgumentException>(() => new DataLoader<long>(new RangeDataset(5), batchSize: 2, batchSampler: new BatchSampler(new SequentialSampler(5), 2, false)));
        Assert.StartsWith("batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last", e2.Message);
    }

    [Fact]
    public void ACustomCollateMakesItsOwnBatchType()
    {
        var loader = new DataLoader<long, long>(new RangeDataset(7), samples => samples.Sum(), batchSize: 3);
        Assert.Equal([3L, 12, 6], loader);
    }

    [Fact]
    public void DatasetIsTheMapStyleDatasetAndIterableLoadersHaveNoLength()
    {
        var ds = new RangeDataset(4);
        Assert.Same(ds, new DataLoader<long>(ds).Dataset);
        var iterable = new DataLoader<long>(new MyIterableDataset(3, 7));
        var e = Assert.Throws<NotSupportedException>(() => iterable.Count);
        Assert.Equal("object of type 'MyIterableDataset' has no len()", e.Message);
        Assert.Throws<InvalidOperationException>(() => iterable.Dataset);
        Assert.NotNull(iterable.IterableDataset);
    }

    [Fact]
    public void WorkerInfoIsNullOutsideWorkers()
    {
        var probe = new ProbeDataset(3);
        _ = new DataLoader<long>(probe, batchSize: 3).ToList();
        Assert.Null(DataLoader.GetWorkerInfo());
        Assert.All(probe.WorkerOf.Values, id => Assert.Null(id));
    }
}
