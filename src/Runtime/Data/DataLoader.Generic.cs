namespace StaticNet.Data;

/// <summary>
/// Iterates a dataset in batches (PyTorch's <c>DataLoader</c>) and hands each batch of samples to a collate
/// function of your own, enumerating its results; <see cref="DataLoader{T}"/> is the common case with the default
/// collate.
/// </summary>
/// <remarks>
/// <para>
/// Map-style datasets are read in the order of a batch sampler: <c>batchSampler</c> if given, else batches of
/// <c>batchSize</c> indices from <c>sampler</c>, a <see cref="RandomSampler"/> (<c>shuffle</c>) or a
/// <see cref="SequentialSampler"/>. Each enumeration draws one base seed from <c>generator</c> (default
/// <see cref="Generator.Default"/>) before the sampler draws, as PyTorch does, so <c>Torch.ManualSeed(s)</c> gives
/// PyTorch's shuffled order.
/// </para>
/// <para>
/// With <c>numWorkers &gt; 0</c>, that many threads load and collate whole batches in parallel, up to
/// <c>prefetchFactor × numWorkers</c> batches ahead of the loop. Map-style batches arrive in exactly the order
/// <c>numWorkers: 0</c> gives. An iterable dataset is enumerated by every worker (each worker calls
/// <c>GetEnumerator</c> on its own thread, after <c>workerInitFn</c>, so it can shard itself with
/// <see cref="DataLoader.GetWorkerInfo"/>), and the workers' batches are interleaved round-robin, as in PyTorch.
/// An exception in a worker is re-thrown in the loop as a <see cref="DataLoaderWorkerException"/> naming the worker
/// and the sample; leaving the loop early (break, an exception, disposing the enumerator) stops and joins the workers.
/// </para>
/// </remarks>
/// <typeparam name="T">The sample type.</typeparam>
/// <typeparam name="TBatch">What the collate function makes of a list of samples.</typeparam>
public partial class DataLoader<T, TBatch> : IEnumerable<TBatch>
{
    private readonly Dataset<T>? _map;
    private readonly IEnumerable<IReadOnlyList<int>>? _batchSampler;

    /// <summary>A loader over a map-style dataset.</summary>
    /// <param name="dataset">The samples, read by index.</param>
    /// <param name="collate">Turns the list of a batch's samples into a batch.</param>
    /// <param name="batchSize">Samples per batch (default 1, as in PyTorch).</param>
    /// <param name="shuffle">Read in a new random order each epoch.</param>
    /// <param name="sampler">The order of indices (excludes <paramref name="shuffle"/>).</param>
    /// <param name="batchSampler">Whole batches of indices (excludes batchSize, shuffle, sampler and dropLast).</param>
    /// <param name="dropLast">Drop the last batch when it is short.</param>
    /// <param name="numWorkers">Worker threads; 0 loads on the consuming thread.</param>
    /// <param name="prefetchFactor">Batches loaded ahead per worker.</param>
    /// <param name="workerInitFn">Run on each worker thread, with its id, before it loads anything.</param>
    /// <param name="generator">The random source of shuffling and of the workers' seeds.</param>
    public DataLoader(Dataset<T> dataset, Func<IReadOnlyList<T>, TBatch> collate, int batchSize = 1, bool shuffle = false,
        IEnumerable<int>? sampler = null, IEnumerable<IReadOnlyList<int>>? batchSampler = null, bool dropLast = false,
        int numWorkers = 0, int prefetchFactor = 2, Action<int>? workerInitFn = null, Generator? generator = null)
        : this(collate, batchSize, dropLast, numWorkers, prefetchFactor, workerInitFn, generator)
    {
        _map = dataset ?? throw new ArgumentNullException(nameof(dataset));
        if (batchSampler is not null && (batchSize != 1 || shuffle || sampler is not null || dropLast))
            throw new ArgumentException("batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last", nameof(batchSampler));
        if (sampler is not null && shuffle)
            throw new ArgumentException("sampler option is mutually exclusive with shuffle", nameof(sampler));
        Sampler = sampler ?? (shuffle ? new RandomSampler(dataset, generator: generator) : new SequentialSampler(dataset));
        _batchSampler = batchSampler ?? new BatchSampler(Sampler, batchSize, dropLast);
    }

    /// <summary>A loader over an iterable dataset (no sampler: the dataset decides the order).</summary>
    /// <param name="dataset">The stream of samples.</param>
    /// <param name="collate">Turns the list of a batch's samples into a batch.</param>
    /// <param name="batchSize">Samples per batch (default 1).</param>
    /// <param name="dropLast">Drop a short last batch (per worker, as in PyTorch).</param>
    /// <param name="numWorkers">Worker threads, each enumerating the dataset; 0 enumerates it on the consuming thread.</param>
    /// <param name="prefetchFactor">Batches loaded ahead per worker.</param>
    /// <param name="workerInitFn">Run on each worker thread, with its id, before it calls GetEnumerator.</param>
    /// <param name="generator">The random source of the workers' seeds.</param>
    public DataLoader(IterableDataset<T> dataset, Func<IReadOnlyList<T>, TBatch> collate, int batchSize = 1, bool dropLast = false,
        int numWorkers = 0, int prefetchFactor = 2, Action<int>? workerInitFn = null, Generator? generator = null)
        : this(collate, batchSize, dropLast, numWorkers, prefetchFactor, workerInitFn, generator) =>
        IterableDataset = dataset ?? throw new ArgumentNullException(nameof(dataset));

    private DataLoader(Func<IReadOnlyList<T>, TBatch> collate, int batchSize, bool dropLast, int numWorkers, int prefetchFactor,
        Action<int>? workerInitFn, Generator? generator)
    {
        Collate = collate ?? throw new ArgumentNullException(nameof(collate));
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"batch_size should be a positive integer value, but got batch_size={batchSize}");
        if (numWorkers < 0)
            throw new ArgumentOutOfRangeException(nameof(numWorkers), "num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.");
        if (prefetchFactor <= 0)
            throw new ArgumentOutOfRangeException(nameof(prefetchFactor), $"prefetch_factor should be a positive integer value, but got prefetch_factor={prefetchFactor}");
        BatchSize = batchSize;
        DropLast = dropLast;
        NumWorkers = numWorkers;
        PrefetchFactor = prefetchFactor;
        WorkerInitFn = workerInitFn;
        Generator = generator;
    }

    /// <summary>The map-style dataset (<c>len(dataloader.dataset)</c> is <c>loader.Dataset.Count</c>).</summary>
    /// <exception cref="InvalidOperationException">The loader reads an iterable dataset: see <see cref="IterableDataset"/>.</exception>
    public Dataset<T> Dataset => _map ?? throw new InvalidOperationException(
        $"this DataLoader reads an IterableDataset ({IterableDataset!.GetType().Name}); use the IterableDataset property");

    /// <summary>The iterable dataset, or null for a map-style loader.</summary>
    public IterableDataset<T>? IterableDataset { get; }

    /// <summary>The index sampler of a map-style loader (null for iterable datasets, or when a batch sampler was given).</summary>
    public IEnumerable<int>? Sampler { get; }

    /// <summary>The batch sampler of a map-style loader (a <see cref="Data.BatchSampler"/> unless one was given).</summary>
    public IEnumerable<IReadOnlyList<int>>? BatchSampler => _batchSampler;

    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether a short last batch is dropped.</summary>
    public bool DropLast { get; }

    /// <summary>The number of worker threads (0: load on the consuming thread).</summary>
    public int NumWorkers { get; }

    /// <summary>Batches loaded ahead per worker.</summary>
    public int PrefetchFactor { get; }

    /// <summary>Run on each worker thread, with its id, before it loads anything.</summary>
    public Action<int>? WorkerInitFn { get; }

    /// <summary>The generator given at construction, if any.</summary>
    public Generator? Generator { get; }

    /// <summary>The collate function.</summary>
    public Func<IReadOnlyList<T>, TBatch> Collate { get; }

    /// <summary>The number of batches per epoch (<c>len(dataloader)</c>).</summary>
    /// <exception cref="NotSupportedException">The loader reads an iterable dataset, which has no length, or its sampler has none.</exception>
    public int Count => _batchSampler switch
    {
        null => throw new NotSupportedException($"object of type '{IterableDataset!.GetType().Name}' has no len()"),
        IReadOnlyCollection<IReadOnlyList<int>> c => c.Count,
        _ => throw new NotSupportedException($"object of type '{_batchSampler.GetType().Name}' has no len()"),
    };

    /// <summary>Starts an epoch: draws the base seed now (as PyTorch's iterator does), then loads lazily.</summary>
    public IEnumerator<TBatch> GetEnumerator()
    {
        ulong baseSeed = (ulong)(Generator ?? StaticNet.Generator.Default).NextNonNegativeInt64();
        if (_map is not null) return NumWorkers == 0 ? MapOnThisThread() : MapWithWorkers(baseSeed);
        return NumWorkers == 0 ? IterableOnThisThread() : IterableWithWorkers(baseSeed);
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerator<TBatch> MapOnThisThread()
    {
        foreach (var indices in _batchSampler!) yield return Collate(Fetch(indices, CancellationToken.None));
    }

    private IEnumerator<TBatch> IterableOnThisThread()
    {
        var batch = new List<T>(BatchSize);
        foreach (var sample in IterableDataset!)
        {
            batch.Add(sample);
            if (batch.Count == BatchSize)
            {
                yield return Collate(batch);
                batch = new List<T>(BatchSize);
            }
        }
        if (batch.Count > 0 && !DropLast) yield return Collate(batch);
    }

    private T[] Fetch(IReadOnlyList<int> indices, CancellationToken stop)
    {
        var samples = new T[indices.Count];
        for (int i = 0; i < samples.Length; i++)
        {
            stop.ThrowIfCancellationRequested();
            samples[i] = _map![indices[i]];
        }
        return samples;
    }
}
