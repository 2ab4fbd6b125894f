using StaticNet.Data;

namespace StaticNet.Tests.Data;

[Collection(StaticNet.Tests.RandomGeneration.RandomCollection.Name)] // seeds the default generator
public class DataLoaderWorkerTests
{
    // A fixed pseudo-random delay per sample, 0-3 ms, so workers finish out of order.
    private static int Delay(int index) => (index * 7919) % 4;

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void WorkersDeliverTheSameBatchesInTheSameOrderAsNoWorkers(int numWorkers)
    {
        Torch.ManualSeed(123);
        var expected = BatchValues.Of(new DataLoader<long>(new ProbeDataset(60, Delay), batchSize: 5, shuffle: true));
        Torch.ManualSeed(123);
        var actual = BatchValues.Of(new DataLoader<long>(new ProbeDataset(60, Delay), batchSize: 5, shuffle: true, numWorkers: numWorkers));
        Assert.Equal(12, actual.Count);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ShuffledOrderWithWorkersStillMatchesPyTorch()
    {
        // torch.manual_seed(0); DataLoader(range(10), batch_size=3, shuffle=True, num_workers=2)
        Torch.ManualSeed(0);
        var loader = new DataLoader<long>(new RangeDataset(10), batchSize: 3, shuffle: true, numWorkers: 2);
        Assert.Equal([[6, 7, 1], [4, 2, 0], [9, 8, 3], [5]], BatchValues.Of(loader));
    }

    [Fact]
    public void EachBatchIsLoadedByOneWorkerInRotationAndWorkerInfoSaysWhich()
    {
        var probe = new ProbeDataset(12);
        _ = new DataLoader<long>(probe, batchSize: 3, numWorkers: 2).ToList();
        // Batch k (samples 3k..3k+2) is loaded by worker k % 2.
        for (int i = 0; i < 12; i++) Assert.Equal(i / 3 % 2, probe.WorkerOf[i]);
    }

    [Fact]
    public void WorkerSeedsAreTheBaseSeedPlusTheWorkerId()
    {
        // torch.manual_seed(0); iter(DataLoader(...))._base_seed == 900450186894289455
        var seeds = new System.Collections.Concurrent.ConcurrentDictionary<int, ulong>();
        Torch.ManualSeed(0);
        var loader = new DataLoader<long>(new RangeDataset(4), numWorkers: 2,
            workerInitFn: id => seeds[id] = DataLoader.GetWorkerInfo()!.Seed);
        _ = loader.ToList();
        Assert.Equal(900450186894289455UL, seeds[0]);
        Assert.Equal(900450186894289456UL, seeds[1]);
    }

    [Fact]
    public void AnExceptionInAWorkerNamesTheWorkerAndTheSampleIndex()
    {
        var probe = new ProbeDataset(20, throwAt: 7);
        var loader = new DataLoader<long>(probe, batchSize: 2, numWorkers: 2);
        var e = Assert.Throws<DataLoaderWorkerException>(() => loader.ToList());
        // Sample 7 is in batch 3, which worker 3 % 2 = 1 loads.
        Assert.Equal(1, e.WorkerId);
        Assert.Equal(7, e.SampleIndex);
        Assert.Equal("Caught InvalidOperationException in DataLoader worker 1 while loading sample 7: bad sample 7", e.Message);
        Assert.Equal("bad sample 7", Assert.IsType<InvalidOperationException>(e.InnerException).Message);
        Assert.All(probe.Threads.Where(t => t != Thread.CurrentThread), t => Assert.False(t.IsAlive));
    }

    [Fact]
    public void BatchesBeforeTheFailingOneAreDelivered()
    {
        var delivered = new List<long[]>();
        var loader = new DataLoader<long>(new ProbeDataset(20, throwAt: 7), batchSize: 2, numWorkers: 3);
        Assert.Throws<DataLoaderWorkerException>(() => { foreach (var b in loader) delivered.Add(b[0].ToArray<long>()); });
        Assert.Equal([[0, 1], [2, 3], [4, 5]], delivered);
    }

    [Fact]
    public void AnExceptionInWorkerInitFnSurfaces()
    {
        var loader = new DataLoader<long>(new RangeDataset(4), numWorkers: 2, workerInitFn: id => throw new ArgumentException($"init {id}"));
        var e = Assert.Throws<DataLoaderWorkerException>(() => loader.ToList());
        Assert.Equal(0, e.WorkerId);
        Assert.Null(e.SampleIndex);
        Assert.Contains("running workerInitFn", e.Message);
    }

    [Fact]
    public void BreakingOutOfTheLoopStopsAndJoinsTheWorkers()
    {
        var probe = new ProbeDataset(1000, _ => 1);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var batch in new DataLoader<long>(probe, batchSize: 4, numWorkers: 4))
            if (batch[0][0].Item<long>() == 8) break;
        watch.Stop();
        var workers = probe.Threads.Distinct().ToList();
        Assert.Equal(4, workers.Count);
        Assert.All(workers, t => Assert.False(t.IsAlive));
        // Only the prefetched batches were loaded (2 per worker ahead), not the whole dataset.
        Assert.True(probe.WorkerOf.Count <= 4 * (3 + 2 * 4), $"{probe.WorkerOf.Count} samples loaded");
        Assert.True(watch.ElapsedMilliseconds < 5000);
    }

    [Fact]
    public void DisposingAnUnstartedEnumeratorStartsNoWorkers()
    {
        var probe = new ProbeDataset(10);
        new DataLoader<long>(probe, numWorkers: 2).GetEnumerator().Dispose();
        Assert.Empty(probe.Threads);
    }

    [Fact]
    public void ATensorDatasetLoadsInParallel()
    {
        var x = Torch.Randn(50, 3);
        var y = Torch.Arange(50);
        var sequential = new DataLoader<Tensor[]>(new TensorDataset(x, y), batchSize: 8).Select(b => b[1].ToArray<long>()).ToList();
        var parallel = new DataLoader<Tensor[]>(new TensorDataset(x, y), batchSize: 8, numWorkers: 2).Select(b => b[1].ToArray<long>()).ToList();
        Assert.Equal(sequential, parallel);
        Assert.Equal(7, parallel.Count);
    }
}
