using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace StaticNet.Kernels.Ilgpu;

internal sealed unsafe partial class IlgpuBackend
{
    public void Gather(Tensor source, Tensor offsets, Tensor destination)
    {
        switch (destination.DType)
        {
            case DType.Float32: Gather<float>(source, offsets, destination); break;
            case DType.Float64: Gather<double>(source, offsets, destination); break;
            case DType.Int64: Gather<long>(source, offsets, destination); break;
            case DType.Int32: Gather<int>(source, offsets, destination); break;
            default: Gather<byte>(source, offsets, destination); break;
        }
    }

    private void Gather<T>(Tensor source, Tensor offsets, Tensor destination) where T : unmanaged
    {
        long n = destination.Numel;
        if (n == 0) return;
        var shape = destination.ShapeSpan;
        var kernel = Kernel("gather", typeof(T), null, a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<long>, GpuLayout, GpuLayout, GpuLayout, long>(IlgpuIndexKernels.Gather<T>));
        kernel(Grid(n), View<T>(destination, "index"), View<T>(source, "index"), View<long>(offsets, "index"),
            GpuLayout.For(destination, shape, "index"), GpuLayout.For(source, shape, "index"), GpuLayout.For(offsets, shape, "index"), n);
    }

    /// <remarks>
    /// Without accumulate, a position given twice keeps one of its values (PyTorch's CUDA kernel does not say which;
    /// the CPU keeps the last). With accumulate, repeated positions add atomically (or, for Bool, all store true).
    /// </remarks>
    public void Put(Tensor destination, Tensor offsets, Tensor values, bool accumulate)
    {
        switch (destination.DType)
        {
            case DType.Float32: Put<float, AtomicFloat32>(destination, offsets, values, accumulate, serial: false); break;
            case DType.Float64: Put<double, AtomicFloat64>(destination, offsets, values, accumulate, serial: false); break;
            case DType.Int64: Put<long, AtomicInt64>(destination, offsets, values, accumulate, serial: false); break;
            case DType.Int32: Put<int, AtomicInt32>(destination, offsets, values, accumulate, serial: false); break;
            case DType.Bool: Put<byte, BoolOr>(destination, offsets, values, accumulate, serial: false); break;
            default: Put<byte, SerialUInt8>(destination, offsets, values, accumulate, serial: true); break;
        }
    }

    private void Put<T, TA>(Tensor destination, Tensor offsets, Tensor values, bool accumulate, bool serial)
        where T : unmanaged where TA : IAccumulator<T>
    {
        long n = offsets.Numel;
        if (n == 0) return;
        var shape = offsets.ShapeSpan;
        var (ld, lo, lv) = (GpuLayout.For(destination, shape, "index_put_"), GpuLayout.For(offsets, shape, "index_put_"), GpuLayout.For(values, shape, "index_put_"));
        var (d, o, v) = (View<T>(destination, "index_put_"), View<long>(offsets, "index_put_"), View<T>(values, "index_put_"));
        if (!accumulate)
        {
            var put = Kernel("put", typeof(T), null, a =>
                a.LoadStreamKernel<ArrayView<T>, ArrayView<long>, ArrayView<T>, GpuLayout, GpuLayout, GpuLayout, long>(IlgpuIndexKernels.Put<T>));
            put(Grid(n), d, o, v, ld, lo, lv, n);
            return;
        }
        var add = Kernel("put-accumulate", typeof(T), typeof(TA), a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<long>, ArrayView<T>, GpuLayout, GpuLayout, GpuLayout, long>(IlgpuIndexKernels.PutAccumulate<T, TA>));
        add(serial ? new KernelConfig(1, 1) : Grid(n), d, o, v, ld, lo, lv, n);
    }

    /// <summary>The indices come to the host (the contract returns them as an array) and are checked there, as on the CPU.</summary>
    public long[] CheckedEmbeddingIndices(Tensor indices, long rows) => Backends.Cpu.CheckedEmbeddingIndices(indices.MoveData(StaticNet.Device.Cpu), rows);

    public Tensor Embedding(Tensor weight, long[] index, long[] resultShape)
    {
        var result = new Tensor(resultShape, weight.DType, Device, zeroed: false);
        long dim = weight.Size(1), n = index.LongLength * dim;
        if (n == 0) return result;
        var table = weight.IsContiguous ? weight : CloneOnDevice(weight);
        var onDevice = UploadIndices(index);
        if (weight.DType == DType.Float32) Embedding<float>(result, table, onDevice, dim, n);
        else Embedding<double>(result, table, onDevice, dim, n);
        return result;
    }

    private void Embedding<T>(Tensor result, Tensor weight, Tensor index, long dim, long n) where T : unmanaged
    {
        var kernel = Kernel("embedding", typeof(T), null, a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<long>, long, long>(IlgpuIndexKernels.Embedding<T>));
        kernel(Grid(n), Dense<T>(result), Dense<T>(weight), Dense<long>(index), dim, n);
    }

    /// <remarks>
    /// The indices are on the host already, so the positions are grouped by table row there (rows ascending, positions
    /// in order) and the device sums each row's gradients without atomics, in the CPU's order.
    /// </remarks>
    public Tensor EmbeddingBackward(Tensor g, long[] index, long rows, long dim, long? paddingIdx, DType dtype)
    {
        var result = new Tensor([rows, dim], dtype, Device, zeroed: true);
        if (index.Length == 0 || dim == 0) return result;
        var byRow = Enumerable.Range(0, index.Length).Where(i => index[i] != (paddingIdx ?? -1)).GroupBy(i => index[i]).OrderBy(r => r.Key).ToArray();
        if (byRow.Length == 0) return result;
        var starts = new long[byRow.Length + 1];
        var positions = new long[byRow.Sum(r => r.Count())];
        for (int u = 0, p = 0; u < byRow.Length; u++)
        {
            starts[u] = p;
            foreach (var i in byRow[u]) positions[p++] = i;
            starts[u + 1] = p;
        }
        var grad = g.To(dtype);
        grad = grad.IsContiguous ? grad : CloneOnDevice(grad);
        var (rowsOnDevice, startsOnDevice, positionsOnDevice) =
            (UploadIndices([.. byRow.Select(r => r.Key)]), UploadIndices(starts), UploadIndices(positions));
        long n = byRow.Length * dim;
        if (dtype == DType.Float32) EmbeddingBackward<float>(result, grad, rowsOnDevice, startsOnDevice, positionsOnDevice, dim, n);
        else EmbeddingBackward<double>(result, grad, rowsOnDevice, startsOnDevice, positionsOnDevice, dim, n);
        return result;
    }

    private void EmbeddingBackward<T>(Tensor result, Tensor g, Tensor rows, Tensor starts, Tensor positions, long dim, long n)
        where T : unmanaged, INumber<T>
    {
        var kernel = Kernel("embedding-backward", typeof(T), null, a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<long>, ArrayView<long>, ArrayView<long>, long, long>(IlgpuIndexKernels.EmbeddingBackward<T>));
        kernel(Grid(n), Dense<T>(result), Dense<T>(g), Dense<long>(rows), Dense<long>(starts), Dense<long>(positions), dim, n);
    }

    private Tensor UploadIndices(long[] values) => Upload(Torch.FromArray(values));
}
