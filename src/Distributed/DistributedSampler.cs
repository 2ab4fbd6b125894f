using StaticNet.Data;

namespace StaticNet.Distributed;

/// <summary>
/// Restricts a DataLoader to this rank's share of a dataset (PyTorch's <c>torch.utils.data.distributed.DistributedSampler</c>),
/// with PyTorch's assignment, index for index: the indices (a <c>randperm</c> from a generator seeded with
/// <c>seed + epoch</c> when shuffling, else 0..n-1) are padded by repeating their head to a multiple of the number of
/// replicas (or cut to one, with <c>dropLast</c>), and rank r takes every numReplicas-th index from position r. Every
/// rank yields <see cref="Count"/> indices, so the ranks run the same number of steps.
/// </summary>
/// <remarks>Call <see cref="SetEpoch"/> before each epoch's enumeration so that shuffling differs between epochs; all ranks
/// must use the same seed so that their shares are disjoint.</remarks>
public sealed class DistributedSampler : Sampler
{
    private readonly Dataset? _dataset;
    private readonly int _length;

    /// <summary>Samples this rank's share of <paramref name="dataset"/>'s indices.</summary>
    /// <param name="dataset">The dataset (its size is read when the sampler is created, as PyTorch does).</param>
    /// <param name="numReplicas">The number of ranks sharing the data; <see cref="Dist.WorldSize"/> when null.</param>
    /// <param name="rank">This rank, 0..numReplicas-1; <see cref="Dist.Rank"/> when null.</param>
    /// <param name="shuffle">Shuffle the indices (differently per epoch, the same on every rank).</param>
    /// <param name="seed">The shuffle's seed, the same on every rank.</param>
    /// <param name="dropLast">Drop the tail that does not divide evenly among the ranks instead of padding.</param>
    public DistributedSampler(Dataset dataset, int? numReplicas = null, int? rank = null, bool shuffle = true, ulong seed = 0, bool dropLast = false)
        : this((dataset ?? throw new ArgumentNullException(nameof(dataset))).Count, numReplicas, rank, shuffle, seed, dropLast) => _dataset = dataset;

    /// <summary>Samples this rank's share of the indices 0..count-1.</summary>
    /// <param name="count">The dataset's size.</param>
    /// <param name="numReplicas">The number of ranks sharing the data; <see cref="Dist.WorldSize"/> when null.</param>
    /// <param name="rank">This rank, 0..numReplicas-1; <see cref="Dist.Rank"/> when null.</param>
    /// <param name="shuffle">Shuffle the indices (differently per epoch, the same on every rank).</param>
    /// <param name="seed">The shuffle's seed, the same on every rank.</param>
    /// <param name="dropLast">Drop the tail that does not divide evenly among the ranks instead of padding.</param>
    public DistributedSampler(int count, int? numReplicas = null, int? rank = null, bool shuffle = true, ulong seed = 0, bool dropLast = false)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), $"DistributedSampler: the dataset size must be non-negative, got {count}.");
        int replicas = numReplicas ?? (Dist.IsInitialized ? Dist.WorldSize
            : throw new DistributedException("DistributedSampler: numReplicas was not given and the default process group is not initialized (call Dist.InitProcessGroup())."));
        if (replicas <= 0) throw new ArgumentOutOfRangeException(nameof(numReplicas), $"DistributedSampler: numReplicas must be positive, got {replicas}.");
        int r = rank ?? (Dist.IsInitialized ? Dist.Rank
            : throw new DistributedException("DistributedSampler: rank was not given and the default process group is not initialized (call Dist.InitProcessGroup())."));
        if (r < 0 || r >= replicas)
            throw new ArgumentOutOfRangeException(nameof(rank), $"Invalid rank {r}, rank should be in the interval [0, {replicas - 1}]");
        _length = count;
        NumReplicas = replicas;
        Rank = r;
        Shuffle = shuffle;
        Seed = seed;
        DropLast = dropLast;
        // PyTorch: with dropLast and a remainder, ceil((n - replicas) / replicas) per rank; else ceil(n / replicas).
        NumSamples = dropLast && count % replicas != 0
            ? (int)Math.Ceiling((count - replicas) / (double)replicas)
            : (int)(((long)count + replicas - 1) / replicas);
        if (NumSamples < 0) NumSamples = 0;
        TotalSize = (long)NumSamples * replicas;
    }

    /// <summary>The number of ranks sharing the dataset.</summary>
    public int NumReplicas { get; }

    /// <summary>This sampler's rank.</summary>
    public int Rank { get; }

    /// <summary>Whether the indices are shuffled.</summary>
    public bool Shuffle { get; }

    /// <summary>The shuffle's base seed (the generator is seeded with Seed + Epoch).</summary>
    public ulong Seed { get; }

    /// <summary>Whether the uneven tail is dropped instead of padded.</summary>
    public bool DropLast { get; }

    /// <summary>The current epoch (see <see cref="SetEpoch"/>).</summary>
    public int Epoch { get; private set; }

    /// <summary>The number of indices each rank yields (PyTorch's <c>num_samples</c>).</summary>
    public int NumSamples { get; }

    /// <summary>The number of indices over all ranks, padding included (<c>total_size</c>).</summary>
    public long TotalSize { get; }

    /// <inheritdoc/>
    public override int Count => NumSamples;

    /// <summary>Sets the epoch, which changes the shuffle (<c>set_epoch</c>): call it at the start of every epoch on every rank.</summary>
    /// <param name="epoch">The epoch number.</param>
    public void SetEpoch(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        Epoch = epoch;
    }

    /// <inheritdoc/>
    public override IEnumerator<int> GetEnumerator()
    {
        int n = _length;
        if (_dataset is not null && _dataset.Count != n)
            throw new InvalidOperationException($"DistributedSampler: the dataset had {n} samples when the sampler was created and has {_dataset.Count} now.");
        var indices = Indices(n);
        for (long i = Rank; i < TotalSize; i += NumReplicas) yield return indices[(int)(i % indices.Length)];
    }

    // The shuffled (or ordered) 0..n-1; padding repeats it from its head, so position i of the padded list is indices[i mod n].
    private int[] Indices(int n)
    {
        var result = new int[n];
        if (Shuffle)
        {
            var perm = Torch.RandPerm(n, generator: new Generator(Seed + (ulong)Epoch)).ToArray<long>();
            for (int i = 0; i < n; i++) result[i] = (int)perm[i];
        }
        else for (int i = 0; i < n; i++) result[i] = i;
        return result;
    }
}
