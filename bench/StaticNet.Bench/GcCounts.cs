using System.Globalization;

namespace StaticNet.Bench;

/// <summary>Collections per generation and bytes allocated on this thread: the difference over the timed reps
/// shows whether a workload's spread comes from the garbage collector.</summary>
internal readonly record struct GcCounts(int Gen0, int Gen1, int Gen2, long Bytes)
{
    public static GcCounts Now() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetAllocatedBytesForCurrentThread());

    public static GcCounts operator -(GcCounts a, GcCounts b) =>
        new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.Bytes - b.Bytes);

    public string Describe(int reps) => string.Create(CultureInfo.InvariantCulture,
        $"gen0={Gen0} gen1={Gen1} gen2={Gen2} allocated_kb_per_rep={Bytes / 1024.0 / Math.Max(reps, 1):F1}");
}
