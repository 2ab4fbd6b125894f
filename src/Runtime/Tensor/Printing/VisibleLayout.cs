namespace StaticNet;

/// <summary>
/// Which elements of a tensor get printed: all of them, or, when summarizing, the first and last edge items of every
/// dimension longer than twice that (PyTorch's <c>get_summarized_data</c> and the slicing in <c>_tensor_str</c>).
/// </summary>
internal sealed class VisibleLayout(long[] shape, long[] strides, bool summarize, int edgeItems)
{
    /// <summary>The index that stands for the <c>...</c> between the two edges.</summary>
    public const long Ellipsis = -1;

    /// <summary>The number of dimensions.</summary>
    public int Rank => shape.Length;

    /// <summary>The stride of a dimension, in elements.</summary>
    public long Stride(int dim) => strides[dim];

    /// <summary>The printed indices of a dimension in order, with <see cref="Ellipsis"/> where items are left out.</summary>
    public IEnumerable<long> Indices(int dim)
    {
        long size = shape[dim];
        if (!summarize || size <= 2L * edgeItems)
        {
            for (long i = 0; i < size; i++) yield return i;
            yield break;
        }
        for (long i = 0; i < edgeItems; i++) yield return i;
        yield return Ellipsis;
        for (long i = size - edgeItems; i < size; i++) yield return i;
    }

    /// <summary>The storage offsets of all printed elements, in row-major order.</summary>
    public List<long> Offsets(long baseOffset)
    {
        var offsets = new List<long>();
        Collect(0, baseOffset, offsets);
        return offsets;
    }

    private void Collect(int dim, long offset, List<long> offsets)
    {
        if (dim == shape.Length)
        {
            offsets.Add(offset);
            return;
        }
        foreach (var index in Indices(dim))
            if (index != Ellipsis) Collect(dim + 1, offset + index * strides[dim], offsets);
    }
}
