namespace StaticNet.Kernels.Ilgpu;

/// <summary>
/// How a kernel finds element i (row-major over an iteration shape) of one operand: its storage offset and its
/// strides over that shape (0 where it broadcasts), up to six dimensions, innermost first. A dense operand is just
/// <c>offset + i</c>.
/// </summary>
internal readonly struct GpuLayout
{
    public const int MaxRank = 6;

    public readonly long Offset;
    public readonly int Rank;
    public readonly int Dense;
    public readonly long D0, D1, D2, D3, D4, D5;
    public readonly long S0, S1, S2, S3, S4, S5;

    private GpuLayout(long offset, int rank, bool dense, ReadOnlySpan<long> sizes, ReadOnlySpan<long> strides)
    {
        Offset = offset;
        Rank = rank;
        Dense = dense ? 1 : 0;
        long Get(ReadOnlySpan<long> s, int i, long empty) => i < rank ? s[rank - 1 - i] : empty;
        (D0, D1, D2, D3, D4, D5) = (Get(sizes, 0, 1), Get(sizes, 1, 1), Get(sizes, 2, 1), Get(sizes, 3, 1), Get(sizes, 4, 1), Get(sizes, 5, 1));
        (S0, S1, S2, S3, S4, S5) = (Get(strides, 0, 0), Get(strides, 1, 0), Get(strides, 2, 0), Get(strides, 3, 0), Get(strides, 4, 0), Get(strides, 5, 0));
    }

    /// <summary>The layout of <paramref name="t"/> read over <paramref name="shape"/> (t broadcasts to it).</summary>
    public static GpuLayout For(Tensor t, ReadOnlySpan<long> shape, string op)
    {
        var strides = ShapeUtil.BroadcastStrides(t.ShapeSpan, t.StridesSpan, shape, op);
        bool dense = t.IsContiguous && t.ShapeSpan.SequenceEqual(shape);
        return Of(t.StorageOffset, shape, strides, dense, op);
    }

    /// <summary>A layout from explicit sizes and strides (the reductions' kept and reduced parts).</summary>
    public static GpuLayout Of(long offset, ReadOnlySpan<long> sizes, ReadOnlySpan<long> strides, bool dense, string op)
    {
        if (sizes.Length > MaxRank)
            throw new NotSupportedException($"{op}: the GPU backend handles tensors of up to {MaxRank} dimensions, got {sizes.Length}.");
        return new GpuLayout(offset, sizes.Length, dense, sizes, strides);
    }

    /// <summary>The storage index of element <paramref name="i"/>.</summary>
    public long At(long i)
    {
        if (Dense != 0) return Offset + i;
        long o = Offset;
        if (Rank > 0) { o += i % D0 * S0; i /= D0; }
        if (Rank > 1) { o += i % D1 * S1; i /= D1; }
        if (Rank > 2) { o += i % D2 * S2; i /= D2; }
        if (Rank > 3) { o += i % D3 * S3; i /= D3; }
        if (Rank > 4) { o += i % D4 * S4; i /= D4; }
        if (Rank > 5) o += i % D5 * S5;
        return o;
    }
}
