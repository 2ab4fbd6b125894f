namespace StaticNet.Kernels;

/// <summary>
/// A matrix given by a pointer and two strides (in elements), so transposed and sliced tensor views reach the
/// GEMM without a copy: the transpose just swaps the strides.
/// </summary>
internal readonly unsafe struct StridedMatrix<T>(T* data, long rowStride, long colStride) where T : unmanaged
{
    public T* Data { get; } = data;
    public long RowStride { get; } = rowStride;
    public long ColStride { get; } = colStride;

    /// <summary>The same memory read as the transpose.</summary>
    public StridedMatrix<T> Transposed => new(Data, ColStride, RowStride);

    /// <summary>Pointer to element (i, j).</summary>
    public T* At(long i, long j) => Data + i * RowStride + j * ColStride;

    /// <summary>The same strides, starting <paramref name="elements"/> further on.</summary>
    public StridedMatrix<T> Offset(long elements) => new(Data + elements, RowStride, ColStride);

    /// <summary>The sub-matrix starting at (i, j).</summary>
    public StridedMatrix<T> Slice(long i, long j) => new(At(i, j), RowStride, ColStride);
}
