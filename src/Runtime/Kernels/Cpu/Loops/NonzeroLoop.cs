namespace StaticNet.Kernels.Cpu;

/// <summary>The coordinates of the true elements of a contiguous Bool tensor, in row-major order.</summary>
internal static class NonzeroLoop
{
    /// <summary>
    /// Returns an Int64 tensor of shape [n, rank], one row of coordinates per true element of the row-major
    /// <paramref name="flags"/> (0 or 1 bytes) read as a tensor of <paramref name="shape"/>.
    /// </summary>
    public static Tensor Run(ReadOnlySpan<byte> flags, ReadOnlySpan<long> shape)
    {
        int rank = shape.Length;
        long count = 0;
        foreach (var f in flags) if (f != 0) count++;
        var result = new Tensor([count, rank], DType.Int64, zeroed: false);
        if (count == 0 || rank == 0) return result;
        var rows = result.ContiguousSpan<long>();
        Span<long> index = stackalloc long[rank];
        int at = 0;
        // Walk the multi-index alongside the flat position instead of dividing at every true element.
        for (int i = 0; i < flags.Length; i++)
        {
            if (flags[i] != 0)
            {
                index.CopyTo(rows.Slice(at, rank));
                at += rank;
            }
            for (int d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < shape[d]) break;
                index[d] = 0;
            }
        }
        return result;
    }
}
