namespace StaticNet.Data;

/// <summary>The samples of <see cref="Dataset"/> at the given indices, in that order (PyTorch's <c>Subset</c>).</summary>
/// <typeparam name="T">The sample type.</typeparam>
public sealed class Subset<T> : Dataset<T>
{
    private readonly int[] _indices;

    /// <summary>A view of <paramref name="dataset"/> through <paramref name="indices"/> (checked against its size).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside 0..dataset.Count-1.</exception>
    public Subset(Dataset<T> dataset, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(indices);
        Dataset = dataset;
        _indices = [.. indices];
        int n = dataset.Count;
        for (int i = 0; i < _indices.Length; i++)
            if ((uint)_indices[i] >= (uint)n)
                throw new ArgumentOutOfRangeException(nameof(indices), $"Subset: indices[{i}] = {_indices[i]} is out of bounds for a dataset of size {n}");
    }

    /// <summary>The underlying dataset.</summary>
    public Dataset<T> Dataset { get; }

    /// <summary>The indices into <see cref="Dataset"/>.</summary>
    public IReadOnlyList<int> Indices => _indices;

    /// <inheritdoc/>
    public override int Count => _indices.Length;

    /// <summary>Sample <c>Indices[index]</c> of the underlying dataset.</summary>
    public override T this[int index] => (uint)index < (uint)_indices.Length
        ? Dataset[_indices[index]]
        : throw new ArgumentOutOfRangeException(nameof(index), $"index {index} is out of bounds for a Subset of size {_indices.Length}");
}
