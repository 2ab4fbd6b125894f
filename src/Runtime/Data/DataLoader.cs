namespace StaticNet.Data;

/// <summary>
/// Iterates a dataset in <see cref="Batch"/>es (PyTorch's <c>DataLoader</c> with its default collate):
/// <code>
/// var loader = new DataLoader&lt;(Tensor Image, long Label)&gt;(trainingData, batchSize: 64, shuffle: true);
/// foreach (var (X, y) in loader) { ... }   // X: [64, 1, 28, 28], y: [64]
/// </code>
/// See <see cref="DataLoader{T, TBatch}"/> for the options, workers and ordering guarantees.
/// </summary>
/// <typeparam name="T">The sample type.</typeparam>
public class DataLoader<T> : DataLoader<T, Batch>
{
    /// <summary>A loader over a map-style dataset; <paramref name="collate"/> defaults to <see cref="Data.Collate.Default{T}"/>.</summary>
    /// <param name="dataset">The samples, read by index.</param>
    /// <param name="batchSize">Samples per batch (default 1, as in PyTorch).</param>
    /// <param name="shuffle">Read in a new random order each epoch.</param>
    /// <param name="sampler">The order of indices (excludes <paramref name="shuffle"/>).</param>
    /// <param name="batchSampler">Whole batches of indices (excludes batchSize, shuffle, sampler and dropLast).</param>
    /// <param name="collate">Turns the list of a batch's samples into a batch.</param>
    /// <param name="dropLast">Drop the last batch when it is short.</param>
    /// <param name="numWorkers">Worker threads; 0 loads on the consuming thread.</param>
    /// <param name="prefetchFactor">Batches loaded ahead per worker.</param>
    /// <param name="workerInitFn">Run on each worker thread, with its id, before it loads anything.</param>
    /// <param name="generator">The random source of shuffling and of the workers' seeds.</param>
    public DataLoader(Dataset<T> dataset, int batchSize = 1, bool shuffle = false, IEnumerable<int>? sampler = null,
        IEnumerable<IReadOnlyList<int>>? batchSampler = null, Func<IReadOnlyList<T>, Batch>? collate = null, bool dropLast = false,
        int numWorkers = 0, int prefetchFactor = 2, Action<int>? workerInitFn = null, Generator? generator = null)
        : base(dataset, collate ?? Data.Collate.Default, batchSize, shuffle, sampler, batchSampler, dropLast, numWorkers, prefetchFactor,
            workerInitFn, generator)
    {
    }

    /// <summary>A loader over an iterable dataset; <paramref name="collate"/> defaults to <see cref="Data.Collate.Default{T}"/>.</summary>
    /// <param name="dataset">The stream of samples.</param>
    /// <param name="batchSize">Samples per batch (default 1).</param>
    /// <param name="collate">Turns the list of a batch's samples into a batch.</param>
    /// <param name="dropLast">Drop a short last batch (per worker, as in PyTorch).</param>
    /// <param name="numWorkers">Worker threads, each enumerating the dataset; 0 enumerates it on the consuming thread.</param>
    /// <param name="prefetchFactor">Batches loaded ahead per worker.</param>
    /// <param name="workerInitFn">Run on each worker thread, with its id, before it calls GetEnumerator.</param>
    /// <param name="generator">The random source of the workers' seeds.</param>
    public DataLoader(IterableDataset<T> dataset, int batchSize = 1, Func<IReadOnlyList<T>, Batch>? collate = null, bool dropLast = false,
        int numWorkers = 0, int prefetchFactor = 2, Action<int>? workerInitFn = null, Generator? generator = null)
        : base(dataset, collate ?? Data.Collate.Default, batchSize, dropLast, numWorkers, prefetchFactor, workerInitFn, generator)
    {
    }
}
