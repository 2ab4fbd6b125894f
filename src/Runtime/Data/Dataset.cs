namespace StaticNet.Data;

/// <summary>
/// A map-style dataset (PyTorch's <c>Dataset</c>): a fixed number of samples reachable by index
/// (<c>__len__</c> and <c>__getitem__</c>). Override <see cref="Count"/> and the indexer.
/// </summary>
/// <typeparam name="T">The sample type, e.g. <c>(Tensor Image, long Label)</c>.</typeparam>
public abstract class Dataset<T>
{
    /// <summary>The number of samples.</summary>
    public abstract int Count { get; }

    /// <summary>The sample at <paramref name="index"/> (0 ≤ index &lt; Count).</summary>
    public abstract T this[int index] { get; }
}

/// <summary>
/// A stream of samples (PyTorch's <c>IterableDataset</c>), for data too large to index or produced on the fly.
/// Override <see cref="GetEnumerator"/>. With several DataLoader workers, each worker enumerates the dataset
/// itself: use <c>DataLoader.GetWorkerInfo()</c> inside GetEnumerator to yield only this worker's share.
/// </summary>
/// <typeparam name="T">The sample type.</typeparam>
public abstract class IterableDataset<T> : IEnumerable<T>
{
    /// <summary>A fresh enumeration of the samples.</summary>
    public abstract IEnumerator<T> GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
