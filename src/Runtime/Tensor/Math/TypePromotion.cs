namespace StaticNet;

/// <summary>PyTorch's type promotion (<c>torch.result_type</c>, <c>torch.promote_types</c>, <c>torch.can_cast</c>).</summary>
/// <remarks>
/// Operands fall into three priority groups: tensors with at least one dimension, zero-dimensional tensors,
/// and wrapped numbers (C# scalars such as the <c>2.5</c> in <c>x * 2.5</c>). A lower group changes the result only
/// when it belongs to a higher category (bool &lt; integral &lt; floating); a wrapped floating number then brings
/// the default float type, Float32. So <c>int64 tensor * 2.5</c> is Float32 and <c>uint8 tensor + 300</c> stays UInt8.
/// </remarks>
public static class TypePromotion
{
    /// <summary>The smallest dtype both can be converted to without losing their category (<c>torch.promote_types</c>).</summary>
    public static DType Promote(DType a, DType b) => (DType)Math.Max((int)a, (int)b);

    /// <summary>The dtype of an operation's result over these operands (<c>torch.result_type</c>).</summary>
    public static DType ResultType(Tensor a, Tensor b)
    {
        DType? dim = null, zero = null, wrapped = null;
        Accumulate(a, ref dim, ref zero, ref wrapped);
        Accumulate(b, ref dim, ref zero, ref wrapped);
        return Combine(dim, Combine(zero, wrapped)) ?? DType.Float32;
    }

    /// <summary>The dtype of an operation's result over several operands.</summary>
    public static DType ResultType(IReadOnlyList<Tensor> operands)
    {
        DType? dim = null, zero = null, wrapped = null;
        foreach (var t in operands) Accumulate(t, ref dim, ref zero, ref wrapped);
        return Combine(dim, Combine(zero, wrapped)) ?? DType.Float32;
    }

    /// <summary>True when a value of dtype <paramref name="from"/> may be written into <paramref name="to"/> by an
    /// in-place or <c>out=</c> operation (PyTorch's <c>torch.can_cast</c>): never to a lower category.</summary>
    public static bool CanCast(DType from, DType to) => Category(from) <= Category(to);

    private static int Category(DType t) => t == DType.Bool ? 0 : t.IsFloatingPoint() ? 2 : 1;

    private static void Accumulate(Tensor t, ref DType? dim, ref DType? zero, ref DType? wrapped)
    {
        if (t.IsWrappedNumber)
        {
            // A C# double is a wrapped number of the default floating type, as a Python float is.
            var d = t.DType.IsFloatingPoint() ? DType.Float32 : t.DType;
            wrapped = wrapped is { } w ? Promote(w, d) : d;
        }
        else if (t.Dim == 0) zero = zero is { } z ? Promote(z, t.DType) : t.DType;
        else dim = dim is { } x ? Promote(x, t.DType) : t.DType;
    }

    // c10's combine_categories: the higher-priority group wins unless the lower one is of a higher category.
    private static DType? Combine(DType? higher, DType? lower)
    {
        if (higher is not { } h) return lower;
        if (lower is not { } l) return h;
        if (h.IsFloatingPoint()) return h;
        if (h == DType.Bool || l.IsFloatingPoint()) return Promote(h, l);
        return h;
    }
}
