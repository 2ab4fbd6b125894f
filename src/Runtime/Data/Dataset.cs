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
/// Override <see cref="GetEnumerator"/>. With several DataLoader workers, each worker enumerates the dataset
/// itself: use <c>DataLoader.GetWorkerInfo()</c> inside GetEnumerator to yield only this worker's share.
/// </summary>
/// <remarks>
/// Workers are threads that share this one object (PyTorch's worker processes each get a copy). The DataLoader
/// therefore calls <see cref="GetEnumerator"/> once per worker, on that worker's thread, after its
/// <c>workerInitFn</c>: compute the worker's share there, in locals of the enumerator, rather than by changing
/// fields of the dataset as PyTorch's <c>worker_init_fn</c> examples do (with threads, that would race).
/// </remarks>
/// <typeparam name="T">The sample type.</typeparam>
public abstract class IterableDataset<T> : IEnumerable<T>
{
    /// <summary>A fresh enumeration of the samples.</summary>
    public abstract IEnumerator<T> GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
