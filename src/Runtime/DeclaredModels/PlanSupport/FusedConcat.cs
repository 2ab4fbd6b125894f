using System.ComponentModel;

namespace StaticNet.Fused;

/// <summary>
/// The sizes of one <c>Torch.Cat</c> of a fused plan along a dimension d ≥ 1, fixed at compile time: each sample is
/// <see cref="Rows"/> rows (the product of the dimensions before d, after the batch), and in every row input k owns
/// a contiguous part of <c>size_k(d) × Π dims after d</c> elements, the parts in the inputs' order.
/// </summary>
/// <remarks>Public because generated code lives in the user's assembly; not meant to be used by hand.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class FusedConcat
{
    private readonly long[] _parts, _offsets;

    /// <summary>Creates the sizes (already checked by the compiler's shape inference).</summary>
    /// <param name="rows">Rows per sample: the product of the sample dimensions before the joined one.</param>
    /// <param name="parts">Per input: its elements per row (its size along the joined dimension times the dimensions after it).</param>
    public FusedConcat(long rows, long[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (rows < 1 || parts.Length == 0) throw new ArgumentException($"Cat: {rows} rows of {parts.Length} parts; at least one of each is needed.");
        Rows = rows;
        _parts = (long[])parts.Clone();
        _offsets = new long[parts.Length];
        long offset = 0;
        for (int k = 0; k < parts.Length; k++)
        {
            if (parts[k] < 0) throw new ArgumentException($"Cat: part {k} has {parts[k]} elements per row.", nameof(parts));
            _offsets[k] = offset;
            offset = checked(offset + parts[k]);
        }
        RowLength = offset;
    }

    /// <summary>Rows per sample.</summary>
    public long Rows { get; }

    /// <summary>Elements of one row of the result (the parts together).</summary>
    public long RowLength { get; }

    /// <summary>The number of inputs.</summary>
    public int Count => _parts.Length;

    /// <summary>Input <paramref name="part"/>'s elements per row.</summary>
    public long Part(int part) => _parts[part];

    /// <summary>Where input <paramref name="part"/>'s elements start in each row of the result.</summary>
    public long Offset(int part) => _offsets[part];
}
