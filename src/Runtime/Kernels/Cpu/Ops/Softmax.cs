using System.Runtime.CompilerServices;
using System.Numerics;
using System.Numerics.Tensors;

namespace StaticNet.Kernels.Cpu;

/// <summary>
/// softmax and log_softmax along one dimension, forward and backward, over contiguous tensors viewed as
/// [outer, size, inner] (size: the softmax dimension).
/// </summary>
/// <remarks>
/// Numerically stable: the maximum along the dimension is subtracted before exponentiating, so large inputs do
/// not overflow; log_softmax is x − max − log Σ exp(x − max) (log-sum-exp), never log(softmax), which would
/// underflow to −inf. When the dimension is the innermost (inner = 1) each row is a contiguous span handled by
/// TensorPrimitives; otherwise a block of up to <see cref="Tile"/> columns is processed row by row with the running
/// max and sum held in a column vector, so the SIMD still runs along contiguous memory. Blocks and rows are spread
/// over the cores.
/// </remarks>
internal static class SoftmaxKernel
{
    private const int Tile = 256;

    /// <summary>softmax (or log_softmax) of <paramref name="x"/> along <paramref name="dim"/>: a new contiguous tensor.</summary>
    public static Tensor Forward(Tensor x, int dim, bool log)
    {
        var result = new Tensor(x.ShapeArray, x.DType, zeroed: false);
        var action = new Action(x.Contiguous(), null, result, Split(x, dim), log, backward: false);
        DTypeDispatch.Float(x.DType, ref action);
        return result;
    }

    /// <summary>The input gradient from the output gradient <paramref name="g"/> and the saved output <paramref name="y"/>.</summary>
    public static Tensor Backward(Tensor g, Tensor y, int dim, bool log)
    {
        var result = new Tensor(y.ShapeArray, y.DType, zeroed: false);
        var action = new Action(g.To(y.DType).Contiguous(), y.Contiguous(), result, Split(y, dim), log, backward: true);
        DTypeDispatch.Float(y.DType, ref action);
        return result;
    }

    private static (long Outer, int Size, long Inner) Split(Tensor x, int dim)
    {
        if (x.Dim == 0) return (1, 1, 1);
        long outer = 1, inner = 1;
        for (int i = 0; i < dim; i++) outer *= x.Size(i);
        for (int i = dim + 1; i < x.Dim; i++) inner *= x.Size(i);
        return (outer, (int)x.Size(dim), inner);
    }

    private readonly struct Action(Tensor a, Tensor? b, Tensor d, (long Outer, int Size, long Inner) s, bool log, bool backward) : IFloatAction
    {
        public void Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            long numel = d.Numel;
            if (numel == 0) return;
            long tiles = s.Inner == 1 ? 1 : (s.Inner + Tile - 1) / Tile;
            long tasks = s.Outer * tiles;
            int chunks = (int)Math.Min(CpuParallelism.MaxThreads, tasks);
            var body = new Chunks<T>(a, b, d, s, log, backward, tiles, tasks, Math.Max(chunks, 1));
            if (chunks <= 1 || numel * 8 < StridedLayout.ParallelThreshold) body.Run(0, tasks);
            else CpuWorkers.For(chunks, ref body);
        }
    }

    /// <summary>The (outer index, tile of Tile inner positions) tasks, dealt out in <c>chunks</c> equal ranges.</summary>
    private readonly struct Chunks<T>(Tensor a, Tensor? b, Tensor d, (long Outer, int Size, long Inner) shape, bool log, bool backward,
        long tiles, long tasks, int chunks) : IParallelBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Invoke(int c) => Run(tasks * c / chunks, tasks * (c + 1) / chunks);

        public void Run(long from, long to)
        {
            Span<T> m = stackalloc T[Tile];
            Span<T> acc = stackalloc T[Tile];
            int offA = (int)a.StorageOffset, offB = (int)(b?.StorageOffset ?? 0);
            for (long t = from; t < to; t++)
            {
                long o = t / tiles, c = t % tiles * Tile;
                int w = (int)Math.Min(Tile, shape.Inner - c);
                int start = (int)(o * shape.Size * shape.Inner + c);
                var A = a.Storage.Raw<T>()[offA..];
                var D = d.Storage.Raw<T>();
                if (backward) BackwardBlock(A, b!.Storage.Raw<T>()[offB..], D, start, shape.Size, (int)shape.Inner, w, acc, log);
                else ForwardBlock<T>(A, D, start, shape.Size, (int)shape.Inner, w, m, acc, log);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardBlock<T>(ReadOnlySpan<T> x, Span<T> y, int start, int size, int inner, int w, Span<T> m, Span<T> sum, bool log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (inner == 1)
        {
            var xr = x.Slice(start, size);
            var yr = y.Slice(start, size);
            T max = TensorPrimitives.Max(xr); // NaN if any element is NaN, which then fills the row, as in PyTorch
            TensorPrimitives.Subtract(xr, max, yr);
            TensorPrimitives.Exp(yr, yr);
            T total = TensorPrimitives.Sum<T>(yr);
            if (log)
            {
                TensorPrimitives.Subtract(xr, max, yr);
                TensorPrimitives.Subtract(yr, T.Log(total), yr);
            }
            else TensorPrimitives.Multiply(yr, T.One / total, yr);
            return;
        }
        m = m[..w];
        sum = sum[..w];
        x.Slice(start, w).CopyTo(m);
        for (int r = 1; r < size; r++) TensorPrimitives.Max(m, x.Slice(start + r * inner, w), m);
        sum.Clear();
        for (int r = 0; r < size; r++)
        {
            var yr = y.Slice(start + r * inner, w);
            TensorPrimitives.Subtract(x.Slice(start + r * inner, w), m, yr);
            TensorPrimitives.Exp(yr, yr);
            TensorPrimitives.Add(sum, yr, sum);
        }
        if (log) TensorPrimitives.Log(sum, sum);
        for (int r = 0; r < size; r++)
        {
            var yr = y.Slice(start + r * inner, w);
            if (log)
            {
                TensorPrimitives.Subtract(x.Slice(start + r * inner, w), m, yr);
                TensorPrimitives.Subtract(yr, sum, yr);
            }
            else TensorPrimitives.Divide(yr, sum, yr);
        }
    }

    // softmax: dx = y·(g − Σ g·y); log_softmax: dx = g − exp(y)·Σ g (sums along the dimension).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardBlock<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> y, Span<T> dx, int start, int size, int inner, int w, Span<T> acc, bool log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (inner == 1)
        {
            var gr = g.Slice(start, size);
            var yr = y.Slice(start, size);
            var dr = dx.Slice(start, size);
            if (log)
            {
                T s = TensorPrimitives.Sum(gr);
                TensorPrimitives.Exp(yr, dr);
                TensorPrimitives.Multiply(dr, s, dr);
                TensorPrimitives.Subtract(gr, dr, dr);
            }
            else
            {
                T dot = TensorPrimitives.Dot(gr, yr);
                TensorPrimitives.Subtract(gr, dot, dr);
                TensorPrimitives.Multiply(dr, yr, dr);
            }
            return;
        }
        acc = acc[..w];
        acc.Clear();
        for (int r = 0; r < size; r++)
        {
            var gr = g.Slice(start + r * inner, w);
            if (log) TensorPrimitives.Add(acc, gr, acc);
            else TensorPrimitives.FusedMultiplyAdd(gr, y.Slice(start + r * inner, w), acc, acc);
        }
        for (int r = 0; r < size; r++)
        {
            var gr = g.Slice(start + r * inner, w);
            var yr = y.Slice(start + r * inner, w);
            var dr = dx.Slice(start + r * inner, w);
            if (log)
            {
                TensorPrimitives.Exp(yr, dr);
                TensorPrimitives.Multiply(dr, acc, dr);
                TensorPrimitives.Subtract(gr, dr, dr);
            }
            else
            {
                TensorPrimitives.Subtract(gr, acc, dr);
                TensorPrimitives.Multiply(dr, yr, dr);
            }
        }
    }
}
