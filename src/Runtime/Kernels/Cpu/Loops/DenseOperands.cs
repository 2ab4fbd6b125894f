namespace StaticNet.Kernels.Cpu;

/// <summary>
/// The fast path in front of the element-wise loops: a small destination that is contiguous, with operands that are
/// contiguous and of its shape (or single elements), is one span call. Planning a <see cref="StridedLayout"/> costs
/// about a microsecond and a kilobyte of arrays, more than the arithmetic of a loss or a bias over a small batch;
/// large tensors still take the layout, which splits them across cores.
/// </summary>
internal static class DenseOperands
{
    /// <summary>True when <paramref name="destination"/> is small and contiguous and <paramref name="x"/> is a dense
    /// operand of the same shape.</summary>
    public static bool Applies(Tensor destination, Tensor x) =>
        destination.Numel < StridedLayout.ParallelThreshold && destination.IsContiguous && SameDense(destination, x);

    /// <summary>True when <paramref name="x"/> is contiguous with <paramref name="destination"/>'s shape.</summary>
    public static bool SameDense(Tensor destination, Tensor x) => x.IsContiguous && x.ShapeSpan.SequenceEqual(destination.ShapeSpan);

    /// <summary>The elements of a contiguous tensor (bools as bytes).</summary>
    public static Span<T> Span<T>(Tensor t) where T : unmanaged => t.Storage.Raw<T>().Slice((int)t.StorageOffset, (int)t.Numel);

    /// <summary>The single element of a one-element tensor.</summary>
    public static T Scalar<T>(Tensor t) where T : unmanaged => t.Storage.Raw<T>()[(int)t.StorageOffset];
}
