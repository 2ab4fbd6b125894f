using StaticNet.Data;

namespace StaticNet.Tests.Data;

/// <summary>Sample i is the number i (a Python <c>range(n)</c> as a dataset).</summary>
internal sealed class RangeDataset(int count) : Dataset<long>
{
    public override int Count => count;
    public override long this[int index] => index;
}

/// <summary>Seed 000's <c>MyIterableDataset</c>: yields start..end-1 and ignores worker info.</summary>
internal sealed class MyIterableDataset(int start, int end) : IterableDataset<long>
{
    public override IEnumerator<long> GetEnumerator()
    {
        for (long i = start; i < end; i++) yield return i;
    }
}

/// <summary>
/// Seed 000's dataset with its <c>worker_init_fn</c> moved into GetEnumerator: each worker computes its own range
/// from the worker info (per_worker = ceil((end - start) / num_workers)) in locals, so no worker changes the shared
/// dataset object.
/// </summary>
internal sealed class ShardedIterableDataset(int start, int end) : IterableDataset<long>
{
    public override IEnumerator<long> GetEnumerator()
    {
        var info = DataLoader.GetWorkerInfo();
        long from = start, to = end;
        if (info is not null)
        {
            long perWorker = (long)Math.Ceiling((end - start) / (double)info.NumWorkers);
            from = start + info.Id * perWorker;
            to = Math.Min(from + perWorker, end);
        }
        for (long i = from; i < to; i++) yield return i;
    }
}

/// <summary>A dataset that records which thread loaded what and can sleep or throw.</summary>
internal sealed class ProbeDataset(int count, Func<int, int>? delayMs = null, int throwAt = -1) : Dataset<long>
{
    public readonly System.Collections.Concurrent.ConcurrentBag<Thread> Threads = [];
    public readonly System.Collections.Concurrent.ConcurrentDictionary<int, int?> WorkerOf = new();

    public override int Count => count;

    public override long this[int index]
    {
        get
        {
            Threads.Add(Thread.CurrentThread);
            WorkerOf[index] = DataLoader.GetWorkerInfo()?.Id;
            if (delayMs is not null) Thread.Sleep(delayMs(index));
            if (index == throwAt) throw new InvalidOperationException($"bad sample {index}");
            return index;
        }
    }
}

internal static class BatchValues
{
    /// <summary>The values of each batch's first field, as nested lists (what <c>[b.tolist() for b in loader]</c> prints).</summary>
    public static List<long[]> Of(IEnumerable<Batch> loader) => [.. loader.Select(b => b[0].ToArray<long>())];
}
