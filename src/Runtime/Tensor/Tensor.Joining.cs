namespace StaticNet;

public partial class Tensor
{
    /// <summary>
    /// Views of consecutive pieces of length <paramref name="splitSize"/> along <paramref name="dim"/>; the last may be
    /// shorter (<c>x.split(3)</c> of 10 elements gives 3, 3, 3, 1). They share storage with this tensor.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor is 0-dim, the size is negative, or it is 0 on a non-empty dimension.</exception>
    public Tensor[] Split(long splitSize, int dim = 0)
    {
        if (Dim == 0) throw new ArgumentException("split expects at least a 1-dimensional tensor");
        int d = NormalizeDim(dim, Dim);
        long size = _shape[d];
        if (splitSize < 0) throw new ArgumentException($"split expects split_size be non-negative, but got split_size={splitSize}");
        if (splitSize == 0 && size != 0)
            throw new ArgumentException($"split_size can only be 0 if dimension size is 0, but got dimension size of {size}");
        long count = splitSize == 0 ? 1 : Math.Max(1, (size + splitSize - 1) / splitSize);
        var pieces = new Tensor[count];
        for (long i = 0; i < count; i++)
        {
            long start = i * splitSize;
            pieces[i] = Narrow(d, start, Math.Min(splitSize, size - start));
        }
        return pieces;
    }

    /// <summary>Views of consecutive pieces of the given lengths along <paramref name="dim"/> (<c>x.split([3, 7])</c>).</summary>
    /// <exception cref="ArgumentException">A length is negative or the lengths do not add up to the dimension's size.</exception>
    public Tensor[] Split(long[] sections, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(sections);
        if (Dim == 0) throw new ArgumentException("split expects at least a 1-dimensional tensor");
        int d = NormalizeDim(dim, Dim);
        long size = _shape[d];
        if (sections.Any(s => s < 0))
            throw new ArgumentException($"split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes={StaticNet.Size.Format(sections)}");
        if (sections.Sum() != size)
            throw new ArgumentException(
                $"split_with_sizes expects split_sizes to sum exactly to {size} (input tensor's size at dimension {d}), but got split_sizes={StaticNet.Size.Format(sections)}");
        var pieces = new Tensor[sections.Length];
        long start = 0;
        for (int i = 0; i < sections.Length; i++)
        {
            pieces[i] = Narrow(d, start, sections[i]);
            start += sections[i];
        }
        return pieces;
    }

    /// <summary>
    /// Up to <paramref name="chunks"/> views along <paramref name="dim"/>, each of ceil(size / chunks) elements except
    /// perhaps the last, so fewer come back when the pieces run out (6 elements in 4 chunks give 2, 2, 2).
    /// </summary>
    /// <exception cref="ArgumentException">The tensor is 0-dim or <paramref name="chunks"/> is not positive.</exception>
    public Tensor[] Chunk(int chunks, int dim = 0)
    {
        if (Dim == 0) throw new ArgumentException("chunk expects at least a 1-dimensional tensor");
        if (chunks <= 0) throw new ArgumentException($"chunk expects `chunks` to be greater than 0, got: {chunks}");
        int d = NormalizeDim(dim, Dim);
        long size = _shape[d];
        long splitSize = (size + chunks - 1) / chunks;
        // An empty dimension still yields `chunks` empty pieces, as ATen's chunk does.
        if (size == 0) return Split(new long[chunks], d);
        return Split(splitSize, d);
    }
}
