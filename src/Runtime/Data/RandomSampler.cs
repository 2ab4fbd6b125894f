namespace StaticNet.Data;

/// <summary>
/// Random indices (PyTorch's <c>RandomSampler</c>): a fresh permutation per enumeration, or draws with replacement.
/// </summary>
/// <remarks>
/// Draws as PyTorch 1.13 does, so the same seed gives the same order. Without a generator, each enumeration seeds
/// a private generator from one Int64 <c>random_()</c> of <see cref="Generator.Default"/> (so
/// <c>Torch.ManualSeed</c> makes it reproducible); with one, it draws from that generator directly. Without
/// replacement it yields whole <c>randperm(n)</c> permutations and then the head of one more, until
/// <see cref="Count"/> indices; with replacement it yields <c>randint(n)</c> in chunks of 32.
/// </remarks>
public sealed class RandomSampler : Sampler
{
    private readonly Dataset? _source;
    private readonly int _count;
    private readonly int? _numSamples;

    /// <summary>Samples the indices of <paramref name="dataSource"/> (its size is read at each enumeration).</summary>
    /// <param name="dataSource">The dataset whose indices are sampled.</param>
    /// <param name="replacement">Draw with replacement (indices may repeat).</param>
    /// <param name="numSamples">How many indices to yield; defaults to the dataset's size.</param>
    /// <param name="generator">The random source; null seeds a fresh one from the default generator per enumeration.</param>
    public RandomSampler(Dataset dataSource, bool replacement = false, int? numSamples = null, Generator? generator = null)
        : this(replacement, numSamples, generator) =>
        _source = dataSource ?? throw new ArgumentNullException(nameof(dataSource));

    /// <summary>Samples the indices 0..count-1.</summary>
    /// <param name="count">The number of indices to sample from.</param>
    /// <param name="replacement">Draw with replacement (indices may repeat).</param>
    /// <param name="numSamples">How many indices to yield; defaults to <paramref name="count"/>.</param>
    /// <param name="generator">The random source; null seeds a fresh one from the default generator per enumeration.</param>
    public RandomSampler(int count, bool replacement = false, int? numSamples = null, Generator? generator = null)
        : this(replacement, numSamples, generator) => _count = CheckCount(count, nameof(RandomSampler));

    private RandomSampler(bool replacement, int? numSamples, Generator? generator)
    {
        if (numSamples is <= 0)
            throw new ArgumentOutOfRangeException(nameof(numSamples), $"num_samples should be a positive integer value, but got num_samples={numSamples}");
        Replacement = replacement;
        _numSamples = numSamples;
        Generator = generator;
    }

    /// <summary>Whether indices are drawn with replacement.</summary>
    public bool Replacement { get; }

    /// <summary>The generator given at construction, if any.</summary>
    public Generator? Generator { get; }

    /// <summary>The number of indices per enumeration (numSamples, or the dataset's size).</summary>
    public override int Count => _numSamples ?? SizeOf(_source, _count);

    /// <inheritdoc/>
    public override IEnumerator<int> GetEnumerator()
    {
        int n = SizeOf(_source, _count), total = Count;
        var g = Generator ?? new Generator((ulong)StaticNet.Generator.Default.NextNonNegativeInt64());
        if (Replacement)
        {
            if (n == 0) throw new InvalidOperationException("RandomSampler: cannot draw with replacement from an empty dataset.");
            for (int done = 0; done < total; done += 32)
            {
                // PyTorch draws full chunks of 32 and then one chunk of the remainder.
                var draws = new long[Math.Min(32, total - done)];
                g.FillRandInt<long>(draws, 0, n);
                foreach (long i in draws) yield return (int)i;
            }
            yield break;
        }
        if (n == 0) yield break;
        var perm = new long[n];
        for (int done = 0; done < total; done += n)
        {
            g.FillPermutation(perm);
            int take = Math.Min(n, total - done);
            for (int i = 0; i < take; i++) yield return (int)perm[i];
        }
    }
}
