namespace StaticNet.Data;

/// <summary>
/// What a DataLoader worker knows about itself (PyTorch's <c>get_worker_info()</c> result), available through
/// <see cref="DataLoader.GetWorkerInfo"/> inside the dataset's indexer or <c>GetEnumerator</c> and inside
/// <c>workerInitFn</c>, on the worker's thread.
/// </summary>
/// <param name="Id">This worker's number, 0..NumWorkers-1.</param>
/// <param name="NumWorkers">How many workers the DataLoader runs.</param>
/// <param name="Seed">
/// This worker's seed: the loader's base seed (one Int64 <c>random_()</c> of its generator per iteration, as in
/// PyTorch) plus <paramref name="Id"/>. Workers are threads sharing <see cref="Generator.Default"/>, which is not
/// re-seeded per worker as PyTorch's worker processes are; for reproducible per-worker randomness draw from
/// <c>new Generator(info.Seed)</c>.
/// </param>
/// <param name="Dataset">
/// The dataset the worker reads: for an iterable dataset this worker's own copy
/// (<see cref="IterableDataset{T}.CloneForWorker"/>), which <c>workerInitFn</c> may change; for a map-style dataset
/// the loader's one object, shared by the worker threads (its indexer is only read).
/// </param>
public sealed record WorkerInfo(int Id, int NumWorkers, ulong Seed, object Dataset);

/// <summary>The non-generic side of <see cref="DataLoader{T}"/>: <see cref="GetWorkerInfo"/>.</summary>
public static class DataLoader
{
    private static readonly AsyncLocal<WorkerInfo?> s_current = new();

    /// <summary>
    /// This worker's <see cref="WorkerInfo"/> when called on a DataLoader worker thread (from the dataset's indexer,
    /// its <c>GetEnumerator</c>, a transform, or <c>workerInitFn</c>); null on any other thread, including when the
    /// loader runs with <c>numWorkers: 0</c> (PyTorch's <c>torch.utils.data.get_worker_info()</c>).
    /// </summary>
    public static WorkerInfo? GetWorkerInfo() => s_current.Value;

    internal static void SetWorkerInfo(WorkerInfo? info) => s_current.Value = info;
}
