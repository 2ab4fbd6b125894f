using StaticNet.Data;

namespace IterableDataSample;

/// <summary>Seed 000's <c>MyIterableDataset</c>: the numbers <c>start</c> to <c>end - 1</c>, as a stream.</summary>
public class MyIterableDataset : IterableDataset<long>
{
    /// <summary>A stream of <paramref name="start"/> .. <paramref name="end"/> - 1.</summary>
    public MyIterableDataset(long start, long end)
    {
        if (end <= start) throw new ArgumentException($"MyIterableDataset: end ({end}) must be greater than start ({start}).", nameof(end));
        Start = start;
        End = end;
    }

    /// <summary>The first number.</summary>
    public long Start { get; }

    /// <summary>One past the last number.</summary>
    public long End { get; }

    /// <summary>iter(range(start, end)).</summary>
    public override IEnumerator<long> GetEnumerator()
    {
        for (long i = Start; i < End; i++) yield return i;
    }
}

/// <summary>
/// The seed's <c>worker_init_fn</c> split, done where StaticNet wants it: DataLoader workers are threads sharing
/// this one object, so each worker computes its share in locals of its own enumeration instead of editing fields.
/// </summary>
public sealed class ShardedIterableDataset(long start, long end) : MyIterableDataset(start, end)
{
    /// <summary>This worker's contiguous share of start..end (all of it outside a worker).</summary>
    public override IEnumerator<long> GetEnumerator()
    {
        long first = Start, last = End;
        var info = DataLoader.GetWorkerInfo();
        if (info is not null)
        {
            // per_worker = int(math.ceil((overall_end - overall_start) / float(worker_info.num_workers)))
            long perWorker = (long)Math.Ceiling((End - Start) / (double)info.NumWorkers);
            first = Start + info.Id * perWorker;
            last = Math.Min(first + perWorker, End);
        }
        for (long i = first; i < last; i++) yield return i;
    }
}
