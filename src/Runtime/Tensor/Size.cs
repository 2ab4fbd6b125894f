using System.Collections;

namespace StaticNet;

/// <summary>A tensor's shape (PyTorch's <c>torch.Size</c>): an immutable list of dimension sizes that prints as <c>[5, 3]</c>.</summary>
public sealed class Size : IReadOnlyList<long>, IEquatable<Size>
{
    private readonly long[] _dims;

    /// <summary>Creates a size from dimension lengths (the array is copied).</summary>
    public Size(params long[] dims) => _dims = (long[])dims.Clone();

    private Size(long[] dims, bool _) => _dims = dims;

    internal static Size Wrap(long[] dims) => new(dims, false);

    /// <summary>The length of dimension <paramref name="index"/> (negative counts from the end).</summary>
    public long this[int index] => _dims[index < 0 ? index + _dims.Length : index];

    /// <summary>The sizes of a range of dimensions, as a Size (<c>x.size()[1:]</c> is <c>x.Size()[1..]</c>).</summary>
    public Size this[Range range] => Wrap(_dims[range]);

    /// <summary>The number of dimensions.</summary>
    public int Count => _dims.Length;

    /// <summary>The number of elements a tensor of this size holds (1 for the empty size <c>[]</c>).</summary>
    public long Numel()
    {
        long n = 1;
        foreach (var d in _dims) n *= d;
        return n;
    }

    /// <summary>The dimensions as a new array.</summary>
    public long[] ToArray() => (long[])_dims.Clone();

    internal ReadOnlySpan<long> AsSpan() => _dims;

    /// <inheritdoc/>
    public IEnumerator<long> GetEnumerator() => ((IEnumerable<long>)_dims).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _dims.GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(Size? other) => other is not null && _dims.AsSpan().SequenceEqual(other._dims);
    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Size s && Equals(s);
    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in _dims) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>Sizes are equal when their dimensions are.</summary>
    public static bool operator ==(Size? a, Size? b) => a is null ? b is null : a.Equals(b);
    /// <summary>Sizes differ when any dimension does.</summary>
    public static bool operator !=(Size? a, Size? b) => !(a == b);

    /// <summary>A size converts to its dimensions, so it can be passed where a shape is expected.</summary>
    public static implicit operator long[](Size s) => s.ToArray();

    /// <summary>Prints as <c>[5, 3]</c> (PyTorch prints <c>torch.Size([5, 3])</c>).</summary>
    public override string ToString() => Format(_dims);

    internal static string Format(ReadOnlySpan<long> dims)
    {
        var sb = new System.Text.StringBuilder("[");
        for (int i = 0; i < dims.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(dims[i]);
        }
        return sb.Append(']').ToString();
    }
}
