namespace StaticNet.Data;

/// <summary>Several datasets one after another (PyTorch's <c>ConcatDataset</c>).</summary>
/// <typeparam name="T">The sample type.</typeparam>
public sealed class ConcatDataset<T> : Dataset<T>
{
    private readonly Dataset<T>[] _datasets;
    private readonly int[] _cumulativeSizes;

    /// <summary>Concatenates <paramref name="datasets"/> (their sizes are read once, here).</summary>
    /// <exception cref="ArgumentException">No dataset is given.</exception>
    public ConcatDataset(params IEnumerable<Dataset<T>> datasets)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        _datasets = [.. datasets];
        if (_datasets.Length == 0) throw new ArgumentException("datasets should not be an empty iterable", nameof(datasets));
        _cumulativeSizes = new int[_datasets.Length];
        int total = 0;
        for (int i = 0; i < _datasets.Length; i++) _cumulativeSizes[i] = total = checked(total + _datasets[i].Count);
    }

    /// <summary>The concatenated datasets.</summary>
    public IReadOnlyList<Dataset<T>> Datasets => _datasets;

    /// <summary>Running totals of the sizes: entry i is the size of datasets 0..i together.</summary>
    public IReadOnlyList<int> CumulativeSizes => _cumulativeSizes;

    /// <inheritdoc/>
    public override int Count => _cumulativeSizes[^1];

    /// <summary>The sample at <paramref name="index"/> of the concatenation.</summary>
    public override T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(index), $"index {index} is out of bounds for a ConcatDataset of size {Count}");
            // The first dataset whose running total exceeds index (bisect_right, as PyTorch).
            int lo = 0, hi = _cumulativeSizes.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (_cumulativeSizes[mid] <= index) lo = mid + 1; else hi = mid;
            }
            int start = lo == 0 ? 0 : _cumulativeSizes[lo - 1];
            return _datasets[lo][index - start];
        }
    }
}
