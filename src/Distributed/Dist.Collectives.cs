using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using StaticNet.Distributed.Mpi;

namespace StaticNet.Distributed;

public static partial class Dist
{
    /// <summary>
    /// Reduces <paramref name="tensor"/> across all ranks in place: afterwards every rank holds the element-wise
    /// <paramref name="op"/> of all ranks' tensors (<c>all_reduce(tensor, op)</c>).
    /// </summary>
    /// <param name="tensor">A contiguous CPU tensor of dtype float32, float64, int32 or int64, of the same shape on every rank.</param>
    /// <param name="op">How values combine; <see cref="ReduceOp.Avg"/> needs a floating tensor.</param>
    public static unsafe void AllReduce(Tensor tensor, ReduceOp op = ReduceOp.Sum)
    {
        var mpi = Mpi;
        var type = DataType(mpi, tensor, nameof(AllReduce));
        if (op == ReduceOp.Avg && !tensor.DType.IsFloatingPoint())
            throw new ArgumentException($"Dist.AllReduce: ReduceOp.Avg needs a floating tensor, got dtype {tensor.DType.PyTorchName()}.", nameof(op));
        nint mpiOp = op switch
        {
            ReduceOp.Sum or ReduceOp.Avg => mpi.OpSum,
            ReduceOp.Product => mpi.OpProd,
            ReduceOp.Min => mpi.OpMin,
            ReduceOp.Max => mpi.OpMax,
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown ReduceOp"),
        };
        using (var pin = Pin(tensor))
        lock (s_lock)
        {
            nint request;
            mpi.Check(mpi.Iallreduce(OpenMpi.InPlace, pin.Pointer, (int)tensor.Numel, type, mpiOp, mpi.CommWorld, &request), "MPI_Iallreduce");
            Wait(mpi, ref request, $"AllReduce of {tensor.Numel} {tensor.DType.PyTorchName()} elements");
        }
        if (op == ReduceOp.Avg)
        {
            if (tensor.DType == DType.Float32) TensorPrimitives.Divide(tensor.AsSpan<float>(), s_size, tensor.AsSpan<float>());
            else TensorPrimitives.Divide(tensor.AsSpan<double>(), s_size, tensor.AsSpan<double>());
        }
        tensor.Storage.BumpVersion();
    }

    /// <summary>Copies rank <paramref name="src"/>'s <paramref name="tensor"/> into every other rank's, in place (<c>broadcast(tensor, src)</c>).</summary>
    /// <param name="tensor">A contiguous CPU tensor of the same shape and dtype on every rank.</param>
    /// <param name="src">The rank whose values everyone receives.</param>
    public static unsafe void Broadcast(Tensor tensor, int src)
    {
        var mpi = Mpi;
        DataType(mpi, tensor, nameof(Broadcast));
        if ((uint)src >= (uint)s_size)
            throw new ArgumentOutOfRangeException(nameof(src), $"Dist.Broadcast: src is {src}, but ranks are 0..{s_size - 1}.");
        long bytes = tensor.Numel * tensor.DType.ElementSize();
        if (bytes > int.MaxValue) throw new ArgumentException($"Dist.Broadcast: {bytes} bytes is more than one MPI message carries (2 GiB); split the tensor.", nameof(tensor));
        using (var pin = Pin(tensor))
        lock (s_lock)
        {
            nint request;
            // As bytes: every dtype (bool included) crosses unchanged.
            mpi.Check(mpi.Ibcast(pin.Pointer, (int)bytes, mpi.Byte, src, mpi.CommWorld, &request), "MPI_Ibcast");
            Wait(mpi, ref request, $"Broadcast of {tensor.Numel} {tensor.DType.PyTorchName()} elements from rank {src}");
        }
        tensor.Storage.BumpVersion();
    }

    /// <summary>Returns once every rank has called it (<c>barrier()</c>).</summary>
    public static unsafe void Barrier()
    {
        var mpi = Mpi;
        lock (s_lock)
        {
            nint request;
            mpi.Check(mpi.Ibarrier(mpi.CommWorld, &request), "MPI_Ibarrier");
            Wait(mpi, ref request, "Barrier");
        }
    }

    /// <summary>
    /// Starts a sum-allreduce of <paramref name="count"/> floats at <paramref name="buffer"/> in place; the buffer must stay
    /// put until <see cref="TestOrWait"/> reports completion (DistributedDataParallel's buckets live in native memory).
    /// </summary>
    internal static unsafe nint StartSum(float* buffer, int count)
    {
        var mpi = Mpi;
        lock (s_lock)
        {
            nint request;
            mpi.Check(mpi.Iallreduce(OpenMpi.InPlace, buffer, count, mpi.Float, mpi.OpSum, mpi.CommWorld, &request), "MPI_Iallreduce");
            return request;
        }
    }

    /// <summary>Drives a started collective: true once it has completed (the request is then freed); with
    /// <paramref name="wait"/>, returns only then, aborting the job past the timeout.</summary>
    internal static unsafe bool TestOrWait(ref nint request, bool wait, string what)
    {
        var mpi = Mpi;
        lock (s_lock)
        {
            if (wait) Wait(mpi, ref request, what);
            else
            {
                int done;
                fixed (nint* r = &request) mpi.Check(mpi.Test(r, &done, null), "MPI_Test");
                if (done == 0) return false;
            }
            return true;
        }
    }

    // Polls the request (MPI_Test also makes the non-blocking collective progress) until it completes; past the timeout
    // the other ranks are not coming (one failed, hangs, or called another collective), so the job is aborted.
    private static unsafe void Wait(OpenMpi mpi, ref nint request, string what)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(Timeout.TotalSeconds * Stopwatch.Frequency);
        for (int polls = 0; ; polls++)
        {
            int done;
            fixed (nint* r = &request) mpi.Check(mpi.Test(r, &done, null), "MPI_Test");
            if (done != 0) return;
            if (polls < 1000) continue; // a collective whose peers are ready completes within a few polls
            if (Stopwatch.GetTimestamp() > deadline)
                Abort($"Dist.{what} did not complete within {Timeout.TotalSeconds:0.###} s: another rank failed, hangs, or called a different " +
                      "collective. Aborting the job.", 1, exit: true);
            Thread.Yield(); // leave the core to a rank that shares it while waiting for it
        }
    }

    private static nint DataType(OpenMpi mpi, Tensor tensor, string op)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Device != Device.Cpu)
            throw new ArgumentException($"Dist.{op}: the MPI backend works on CPU tensors; this one is on {tensor.Device}. Move it with .Cpu().", nameof(tensor));
        if (!tensor.IsContiguous)
            throw new ArgumentException($"Dist.{op}: tensors must be contiguous; this one has shape {tensor.Shape}. Call Contiguous() first.", nameof(tensor));
        return tensor.DType switch
        {
            DType.Float32 => mpi.Float,
            DType.Float64 => mpi.Double,
            DType.Int32 => mpi.Int32,
            DType.Int64 => mpi.Int64,
            _ when op == nameof(Broadcast) => mpi.Byte,
            _ => throw new ArgumentException($"Dist.{op}: dtype {tensor.DType.PyTorchName()} is not supported; use float32, float64, int32 or int64.", nameof(tensor)),
        };
    }

    // The tensor's first element, pinned for the duration of a collective (its storage is a managed array).
    private static PinnedTensor Pin(Tensor tensor) => new(tensor);

    private readonly unsafe struct PinnedTensor : IDisposable
    {
        private readonly GCHandle _handle;
        public readonly void* Pointer;

        public PinnedTensor(Tensor tensor)
        {
            var array = tensor.Storage switch
            {
                Storage<float> s => s.Array,
                Storage<double> s => s.Array,
                Storage<int> s => s.Array,
                Storage<long> s => s.Array,
                Storage<byte> s => s.Array,
                Storage<bool> s => s.Array,
                _ => throw new ArgumentException($"Dist: the storage of this {tensor.DType.PyTorchName()} tensor is not a CPU array.", nameof(tensor)),
            };
            _handle = GCHandle.Alloc(array, GCHandleType.Pinned);
            Pointer = (byte*)_handle.AddrOfPinnedObject() + tensor.StorageOffset * tensor.DType.ElementSize();
        }

        public void Dispose() => _handle.Free();
    }
}
