using StaticNet.Data;

namespace StaticNet.Tests.Data;

/// <summary>Seed 000's IterableDataset cases, with the outputs the seed prints.</summary>
public class IterableDatasetTests
{
    private static string Print(IEnumerable<Batch> loader) => "[" + string.Join(", ", loader) + "]";

    [Fact]
    public void SingleProcessLoadingYieldsEachSampleOnce()
    {
        // print(list(DataLoader(ds, num_workers=0)))
        Assert.Equal("[tensor([3]), tensor([4]), tensor([5]), tensor([6])]", Print(new DataLoader<long>(new MyIterableDataset(3, 7), numWorkers: 0)));
    }

    [Fact]
    public void TwoWorkersIgnoringWorkerInfoYieldEachSampleTwice()
    {
        // print(list(DataLoader(ds, num_workers=2)))
        Assert.Equal("[tensor([3]), tensor([3]), tensor([4]), tensor([4]), tensor([5]), tensor([5]), tensor([6]), tensor([6])]",
            Print(new DataLoader<long>(new MyIterableDataset(3, 7), numWorkers: 2)));
    }

    [Fact]
    public void AShardingDatasetYieldsEachSampleOnceWithTwoWorkers()
    {
        // Worker 0 fetched [3, 4]. Worker 1 fetched [5, 6].
        Assert.Equal("[tensor([3]), tensor([5]), tensor([4]), tensor([6])]", Print(new DataLoader<long>(new ShardedIterableDataset(3, 7), numWorkers: 2)));
    }

    [Fact]
    public void AShardingDatasetYieldsEachSampleOnceWithTwentyWorkers()
    {
        Assert.Equal("[tensor([3]), tensor([4]), tensor([5]), tensor([6])]", Print(new DataLoader<long>(new ShardedIterableDataset(3, 7), numWorkers: 20)));
    }

    [Fact]
    public void ShardingWorksWithoutWorkersToo()
    {
        Assert.Equal("[tensor([3]), tensor([4]), tensor([5]), tensor([6])]", Print(new DataLoader<long>(new ShardedIterableDataset(3, 7))));
    }

    [Fact]
    public void WorkersBatchTheirOwnStreams()
    {
        // DataLoader(ds, batch_size=2, num_workers=2) with the sharded range(3, 10): worker 0 has 3..6, worker 1 has 7..9.
        var loader = new DataLoader<long>(new ShardedIterableDataset(3, 10), batchSize: 2, numWorkers: 2);
        Assert.Equal([[3, 4], [7, 8], [5, 6], [9]], BatchValues.Of(loader));
        var dropped = new DataLoader<long>(new ShardedIterableDataset(3, 10), batchSize: 2, numWorkers: 2, dropLast: true);
        Assert.Equal([[3, 4], [7, 8], [5, 6]], BatchValues.Of(dropped));
    }

    [Fact]
    public void WorkerInitFnRunsOnTheWorkerBeforeItsEnumeratorIsCreated()
    {
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var ds = new LoggingIterable(log);
        var loader = new DataLoader<long>(ds, numWorkers: 2, workerInitFn: id => log.Enqueue($"init {id} on {DataLoader.GetWorkerInfo()?.Id}"));
        _ = loader.ToList();
        foreach (int id in new[] { 0, 1 })
        {
            var mine = log.Where(l => l.EndsWith($" {id}")).ToList();
            Assert.Equal([$"init {id} on {id}", $"enumerate on {id}"], mine);
        }
    }

    [Fact]
    public void AnExceptionInAnIterableWorkerNamesTheWorkerAndPosition()
    {
        var loader = new DataLoader<long>(new FailingIterable(), numWorkers: 2);
        var e = Assert.Throws<DataLoaderWorkerException>(() => loader.ToList());
        Assert.Equal(2, e.SampleIndex);
        Assert.Contains($"DataLoader worker {e.WorkerId}", e.Message);
        Assert.IsType<FormatException>(e.InnerException);
    }

    [Fact]
    public void BreakingOutOfAnEndlessStreamStopsTheWorkers()
    {
        var ds = new EndlessIterable();
        int seen = 0;
        foreach (var batch in new DataLoader<long>(ds, batchSize: 4, numWorkers: 3))
            if (++seen == 5) break;
        Assert.Equal(3, ds.Threads.Count);
        Assert.All(ds.Threads, t => Assert.False(t.IsAlive));
    }

    private sealed class LoggingIterable(System.Collections.Concurrent.ConcurrentQueue<string> log) : IterableDataset<long>
    {
        public override IEnumerator<long> GetEnumerator()
        {
            log.Enqueue($"enumerate on {DataLoader.GetWorkerInfo()?.Id}");
            yield return 1;
        }
    }

    private sealed class FailingIterable : IterableDataset<long>
    {
        public override IEnumerator<long> GetEnumerator()
        {
            yield return 0;
            yield return 1;
            throw new FormatException("bad record");
        }
    }

    private sealed class EndlessIterable : IterableDataset<long>
    {
        public readonly System.Collections.Concurrent.ConcurrentBag<Thread> Threads = [];

        public override IEnumerator<long> GetEnumerator()
        {
            Threads.Add(Thread.CurrentThread);
            for (long i = 0; ; i++) yield return i;
        }
    }
}
