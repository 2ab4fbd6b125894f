using StaticNet.Data;

namespace StaticNet.Tests.Data;

/// <summary>
/// Each DataLoader worker reads its own copy of an iterable dataset (<see cref="IterableDataset{T}.CloneForWorker"/>),
/// so seed 000's <c>worker_init_fn</c> recipe, which edits <c>get_worker_info().dataset.start/end</c>, gives PyTorch's
/// output. With one shared object (before the copies) 2 workers gave [3, 4, 4] and 20 workers [3].
/// </summary>
public class WorkerDatasetCopyTests
{
    private static string Print(IEnumerable<Batch> loader) => "[" + string.Join(", ", loader) + "]";

    /// <summary>Seed 000's <c>MyIterableDataset</c> with settable <c>start</c>/<c>end</c>, as the recipe needs.</summary>
    private sealed class SeedIterableDataset : IterableDataset<long>
    {
        public SeedIterableDataset(long start, long end)
        {
            if (end <= start) throw new ArgumentException("end must be greater than start");
            Start = start;
            End = end;
        }

        public long Start { get; set; }
        public long End { get; set; }

        public override IEnumerator<long> GetEnumerator()
        {
            for (long i = Start; i < End; i++) yield return i;
        }
    }

    // def worker_init_fn(worker_id): ... (seed 000, line for line)
    private static void WorkerInitFn(int workerId)
    {
        var workerInfo = DataLoader.GetWorkerInfo()!;
        var dataset = (SeedIterableDataset)workerInfo.Dataset; // the dataset copy in this worker
        long overallStart = dataset.Start;
        long overallEnd = dataset.End;
        long perWorker = (long)Math.Ceiling((overallEnd - overallStart) / (double)workerInfo.NumWorkers);
        workerId = workerInfo.Id;
        dataset.Start = overallStart + workerId * perWorker;
        dataset.End = Math.Min(dataset.Start + perWorker, overallEnd);
    }

    // What /usr/bin/python3 with Debian's torch 1.13 prints for the seed's code (checked by the oracle test below).
    [Theory]
    [InlineData(0, "[tensor([3]), tensor([4]), tensor([5]), tensor([6])]")]
    [InlineData(2, "[tensor([3]), tensor([5]), tensor([4]), tensor([6])]")]
    [InlineData(20, "[tensor([3]), tensor([4]), tensor([5]), tensor([6])]")]
    public void SeedWorkerInitFnRecipeGivesPyTorchsOutput(int numWorkers, string expected)
    {
        var ds = new SeedIterableDataset(start: 3, end: 7);
        Assert.Equal(expected, Print(new DataLoader<long>(ds, numWorkers: numWorkers, workerInitFn: WorkerInitFn)));
        // A second pass copies the untouched dataset again: the same output, and the loader's dataset is unchanged.
        Assert.Equal(expected, Print(new DataLoader<long>(ds, numWorkers: numWorkers, workerInitFn: WorkerInitFn)));
        Assert.Equal((3, 7), (ds.Start, ds.End));
    }

    [Fact]
    public void WorkersBatchTheirOwnCopiesShares()
    {
        var loader = new DataLoader<long>(new SeedIterableDataset(3, 10), batchSize: 2, numWorkers: 2, workerInitFn: WorkerInitFn);
        Assert.Equal("[tensor([3, 4]), tensor([7, 8]), tensor([5, 6]), tensor([9])]", Print(loader));
    }

    [Fact]
    public void EachWorkerSeesADistinctCopyAndTheLoaderKeepsTheOriginal()
    {
        var ds = new SeedIterableDataset(0, 4);
        var seen = new System.Collections.Concurrent.ConcurrentBag<object>();
        _ = new DataLoader<long>(ds, numWorkers: 3, workerInitFn: _ => seen.Add(DataLoader.GetWorkerInfo()!.Dataset)).ToList();
        Assert.Equal(3, seen.Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.DoesNotContain(seen, copy => ReferenceEquals(copy, ds));
    }

    private sealed class UncopyableDataset : IterableDataset<long>
    {
        public override IEnumerator<long> GetEnumerator() { yield return 1; }
        public override IterableDataset<long> CloneForWorker() => throw new NotSupportedException("it wraps a network stream.");
    }

    private sealed class NullCopyDataset : IterableDataset<long>
    {
        public override IEnumerator<long> GetEnumerator() { yield return 1; }
        public override IterableDataset<long> CloneForWorker() => null!;
    }

    [Fact]
    public void ADatasetThatCannotBeCopiedFailsNamingItselfBeforeAnyWorkerStarts()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new DataLoader<long>(new UncopyableDataset(), numWorkers: 2).ToList());
        Assert.Equal("UncopyableDataset cannot give DataLoader worker 0 of 2 its own copy: it wraps a network stream. " +
            "Override CloneForWorker to make one (or to return this for a thread-safe dataset), or use numWorkers: 0.", e.Message);
        Assert.IsType<NotSupportedException>(e.InnerException);
        var n = Assert.Throws<InvalidOperationException>(() => new DataLoader<long>(new NullCopyDataset(), numWorkers: 1).ToList());
        Assert.Contains("NullCopyDataset.CloneForWorker returned null for DataLoader worker 0", n.Message);
        // Without workers nothing is copied.
        Assert.Equal("[tensor([1])]", Print(new DataLoader<long>(new UncopyableDataset())));
    }

    [PyTorchFact]
    public void PyTorchPrintsTheSameForTheSeedsRecipe()
    {
        const string script = """
            import math
            from torch.utils.data import IterableDataset, DataLoader, get_worker_info
            class MyIterableDataset(IterableDataset):
                def __init__(self, start, end):
                    super(MyIterableDataset).__init__()
                    self.start = start
                    self.end = end
                def __iter__(self):
                    return iter(range(self.start, self.end))
            def worker_init_fn(worker_id):
                worker_info = get_worker_info()
                dataset = worker_info.dataset
                overall_start = dataset.start
                overall_end = dataset.end
                per_worker = int(math.ceil((overall_end - overall_start) / float(worker_info.num_workers)))
                worker_id = worker_info.id
                dataset.start = overall_start + worker_id * per_worker
                dataset.end = min(dataset.start + per_worker, overall_end)
            ds = MyIterableDataset(start=3, end=7)
            for n in (0, 2, 20):
                print(list(DataLoader(ds, num_workers=n, worker_init_fn=worker_init_fn)))
            """;
        var lines = PyTorchScript.Run(script).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ds = new SeedIterableDataset(3, 7);
        Assert.Equal(lines, new[] { 0, 2, 20 }.Select(n => Print(new DataLoader<long>(ds, numWorkers: n, workerInitFn: WorkerInitFn))));
    }
}
