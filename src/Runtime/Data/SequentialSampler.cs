namespace StaticNet.Data;

/// <summary>The indices 0, 1, ..., Count-1 in order (PyTorch's <c>SequentialSampler</c>).</summary>
public sealed class SequentialSampler : Sampler
{
    private readonly Dataset? _source;
    private readonly int _count;

    /// <summary>Samples every index of <paramref name="dataSource"/> in order; its size is read at each enumeration.</summary>
    public SequentialSampler(Dataset dataSource) => _source = dataSource ?? throw new ArgumentNullException(nameof(dataSource));

    /// <summary>Samples 0..count-1 in order.</summary>
    public SequentialSampler(int count) => _count = CheckCount(count, nameof(SequentialSampler));

    /// <inheritdoc/>
    public override int Count => SizeOf(_source, _count);

    /// <inheritdoc/>
    public override IEnumerator<int> GetEnumerator()
    {
        int n = Count;
        for (int i = 0; i < n; i++) yield return i;
    }
}
