using StaticNet.Data;

namespace IterableDataSample;

/// <summary>Seed 000's <c>MyIterableDataset</c>: the numbers <c>start</c> to <c>end - 1</c>, as a stream.</summary>
/// <remarks>
/// Each DataLoader worker enumerates its own copy (<see cref="IterableDataset{T}.CloneForWorker"/>'s default shallow
/// copy is enough: the fields are plain numbers), so a <c>workerInitFn</c> may set <see cref="Start"/> and
/// <see cref="End"/> of its worker's copy, as the seed's <c>worker_init_fn</c> does.
/// </remarks>
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
    public long Start { get; set; }

    /// <summary>One past the last number.</summary>
    public long End { get; set; }

    /// <summary>iter(range(start, end)).</summary>
    public override IEnumerator<long> GetEnumerator()
    {
        for (long i = Start; i < End; i++) yield return i;
    }
}
