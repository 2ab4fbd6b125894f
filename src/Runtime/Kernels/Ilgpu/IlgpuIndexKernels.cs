using System.Numerics;
using ILGPU;

namespace StaticNet.Kernels.Ilgpu;

/// <summary>How index_put_ with accumulate adds into an element that other threads may add into too.</summary>
internal interface IAccumulator<T> where T : unmanaged
{
    static abstract void Add(ArrayView<T> view, long index, T value);
}

internal readonly struct AtomicFloat32 : IAccumulator<float>
{
    public static void Add(ArrayView<float> view, long index, float value) => Atomic.Add(ref view[index], value);
}

internal readonly struct AtomicFloat64 : IAccumulator<double>
{
    public static void Add(ArrayView<double> view, long index, double value) => Atomic.Add(ref view[index], value);
}

internal readonly struct AtomicInt64 : IAccumulator<long>
{
    public static void Add(ArrayView<long> view, long index, long value) => Atomic.Add(ref view[index], value);
}

internal readonly struct AtomicInt32 : IAccumulator<int>
{
    public static void Add(ArrayView<int> view, long index, int value) => Atomic.Add(ref view[index], value);
}

/// <summary>Bool "+" is "or": a true value stores 1 (every racing writer stores the same 1), a false one nothing.</summary>
internal readonly struct BoolOr : IAccumulator<byte>
{
    public static void Add(ArrayView<byte> view, long index, byte value)
    {
        if (value != 0) view[index] = 1;
    }
}

/// <summary>UInt8 has no atomic add: its launches run on one thread, so a plain wrapping add is safe.</summary>
internal readonly struct SerialUInt8 : IAccumulator<byte>
{
    public static void Add(ArrayView<byte> view, long index, byte value) => view[index] = (byte)(view[index] + value);
}

/// <summary>Gather/put by element offsets and the embedding lookups.</summary>
internal static class IlgpuIndexKernels
{
    private static long Stride => (long)Grid.DimX * Group.DimX;

    /// <summary>d[i] = s[i + o[i]] over the destination's shape.</summary>
    public static void Gather<T>(ArrayView<T> d, ArrayView<T> s, ArrayView<long> o, GpuLayout ld, GpuLayout ls, GpuLayout lo, long n)
        where T : unmanaged
    {
        for (long i = Grid.GlobalIndex.X; i < n; i += Stride) d[ld.At(i)] = s[ls.At(i) + o[lo.At(i)]];
    }

    /// <summary>d[i + o[i]] = v[i] over the offsets' shape (a repeated position keeps one of its values, as on CUDA).</summary>
    public static void Put<T>(ArrayView<T> d, ArrayView<long> o, ArrayView<T> v, GpuLayout ld, GpuLayout lo, GpuLayout lv, long n)
        where T : unmanaged
    {
        for (long i = Grid.GlobalIndex.X; i < n; i += Stride) d[ld.At(i) + o[lo.At(i)]] = v[lv.At(i)];
    }

    /// <summary>d[i + o[i]] += v[i], repeated positions summing.</summary>
    public static void PutAccumulate<T, TA>(ArrayView<T> d, ArrayView<long> o, ArrayView<T> v, GpuLayout ld, GpuLayout lo, GpuLayout lv, long n)
        where T : unmanaged where TA : IAccumulator<T>
    {
        for (long i = Grid.GlobalIndex.X; i < n; i += Stride) TA.Add(d, ld.At(i) + o[lo.At(i)], v[lv.At(i)]);
    }

    /// <summary>r[i, :] = w[index[i], :] over <paramref name="n"/> = rows·dim elements of the result.</summary>
    public static void Embedding<T>(ArrayView<T> r, ArrayView<T> w, ArrayView<long> index, long dim, long n) where T : unmanaged
    {
        for (long e = Grid.GlobalIndex.X; e < n; e += Stride) r[e] = w[index[e / dim] * dim + e % dim];
    }

    /// <summary>
    /// grad[rows[u], d] = Σ g[positions[p], d] for p in [starts[u], starts[u+1]): one thread per (table row, column),
    /// the positions in ascending order, so the sum is the CPU's (in the same order) and no two threads write one element.
    /// </summary>
    public static void EmbeddingBackward<T>(ArrayView<T> grad, ArrayView<T> g, ArrayView<long> rows, ArrayView<long> starts,
        ArrayView<long> positions, long dim, long n) where T : unmanaged, INumber<T>
    {
        for (long e = Grid.GlobalIndex.X; e < n; e += Stride)
        {
            long u = e / dim, d = e % dim;
            T sum = T.Zero;
            for (long p = starts[u]; p < starts[u + 1]; p++) sum += g[positions[p] * dim + d];
            grad[rows[u] * dim + d] = sum;
        }
    }
}
