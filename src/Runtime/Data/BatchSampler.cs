namespace StaticNet.Data;

/// <summary>
/// Groups the indices of a sampler into batches of <see cref="BatchSize"/> (PyTorch's <c>BatchSampler</c>); the
/// last batch is shorter unless <see cref="DropLast"/>.
/// </summary>
public sealed class BatchSampler : IReadOnlyCollection<int[]>
{
    /// <summary>Batches the indices that <paramref name="sampler"/> yields.</summary>
    /// <param name="sampler">Any sequence of indices, typically a <see cref="Sampler"/>.</param>
    /// <param name="batchSize">Indices per batch (positive).</param>
    /// <param name="dropLast">Drop the last batch when it would be shorter than <paramref name="batchSize"/>.</param>
    public BatchSampler(IEnumerable<int> sampler, int batchSize, bool dropLast)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"batch_size should be a positive integer value, but got batch_size={batchSize}");
        Sampler = sampler;
        BatchSize = batchSize;
        DropLast = dropLast;
    }

    /// <summary>The sampler whose indices are grouped.</summary>
    public IEnumerable<int> Sampler { get; }

    /// <summary>Indices per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether a short last batch is dropped.</summary>
    public bool DropLast { get; }

    /// <summary>The number of batches: ceil(n / BatchSize), or floor with <see cref="DropLast"/>.</summary>
    /// <exception cref="NotSupportedException">The sampler does not know its size (it is no <c>IReadOnlyCollection&lt;int&gt;</c>).</exception>
    public int Count
    {
        get
        {
            int n = Sampler switch
            {
                IReadOnlyCollection<int> c => c.Count,
                ICollection<int> c => c.Count,
                _ => throw new NotSupportedException($"object of type '{Sampler.GetType().Name}' has no len(): the sampler does not know its size"),
            };
            return DropLast ? n / BatchSize : (n + BatchSize - 1) / BatchSize;
        }
    }

    /// <inheritdoc/>
    public IEnumerator<int[]> GetEnumerator()
    {
        var batch = new List<int>(BatchSize);
        foreach (int index in Sampler)
        {
            batch.Add(index);
            if (batch.Count == BatchSize)
            {
                yield return [.. batch];
                batch.Clear();
            }
        }
        if (batch.Count > 0 && !DropLast) yield return [.. batch];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
