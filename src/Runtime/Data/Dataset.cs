namespace StaticNet.Data;

/// <summary>
/// What every map-style dataset has whatever its sample type: a size. Samplers take it
/// (<c>new RandomSampler(trainingData)</c>, as PyTorch's samplers take any sized <c>data_source</c>), and it holds
/// the dataset helpers such as <see cref="RandomSplit{T}(Dataset{T}, IReadOnlyList{int}, Generator?)"/>.
/// </summary>
public abstract partial class Dataset
{
    /// <summary>The number of samples.</summary>
    public abstract int Count { get; }
}

/// <summary>
/// A map-style dataset (PyTorch's <c>Dataset</c>): a fixed number of samples reachable by index
/// (<c>__len__</c> and <c>__getitem__</c>). Override <see cref="Dataset.Count"/> and the indexer.
/// </summary>
/// <remarks>
/// With <c>numWorkers &gt; 0</c> a DataLoader calls the indexer from several threads at once: an indexer that only
/// reads (files, arrays, tensors) needs no locking.
/// </remarks>
/// <typeparam name="T">The sample type, e.g. <c>(Tensor Image, long Label)</c>.</typeparam>
public abstract class Dataset<T> : Dataset
{
    /// <summary>The sample at <paramref name="index"/> (0 ≤ index &lt; Count).</summary>
    public abstract T this[int index] { get; }
}

/// <summary>
/// A stream of samples (PyTorch's <c>IterableDataset</c>), for data too large to index or produced on the fly.
/// Override <see cref="GetEnumerator"/>. With several DataLoader workers, each worker enumerates its own copy of
/// the dataset (<see cref="CloneForWorker"/>): use <c>DataLoader.GetWorkerInfo()</c> inside GetEnumerator, or edit
/// <c>GetWorkerInfo().Dataset</c> in <c>workerInitFn</c> as PyTorch's <c>worker_init_fn</c> recipe does, so that
/// each worker yields only its share.
/// </summary>
/// <typeparam name="T">The sample type.</typeparam>
public abstract class IterableDataset<T> : IEnumerable<T>
{
    /// <summary>A fresh enumeration of the samples.</summary>
    public abstract IEnumerator<T> GetEnumerator();

    /// <summary>
    /// The copy of this dataset that one DataLoader worker reads (PyTorch's worker processes each get a copy). A
    /// loader with <c>numWorkers &gt; 0</c> calls it once per worker and per pass, on the consuming thread, before
    /// the workers start; the copy is that worker's <c>WorkerInfo.Dataset</c>, which <c>workerInitFn</c> may
    /// change, and the worker enumerates it.
    /// </summary>
    /// <remarks>
    /// The default is a shallow copy (<see cref="object.MemberwiseClone"/>): every field is the worker's own, so
    /// setting <c>Start</c>/<c>End</c> on it touches no other worker, but objects the fields refer to (lists,
    /// streams, tensors) are shared by all workers. Override it to deep-copy mutable state, to reopen a resource
    /// per worker, or to return <c>this</c> for a thread-safe dataset that is meant to be shared. Throw
    /// <see cref="NotSupportedException"/> where no per-worker copy can exist; the loader then fails with an
    /// <see cref="InvalidOperationException"/> naming the dataset before any worker starts.
    /// </remarks>
    public virtual IterableDataset<T> CloneForWorker() => (IterableDataset<T>)MemberwiseClone();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
