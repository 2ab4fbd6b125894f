using System.Numerics;
using System.Numerics.Tensors;

namespace StaticNet.Kernels.Cpu;

/// <summary>
/// log_softmax along one dimension: y = x − max − log Σ exp(x − max), computed per slice with TensorPrimitives.
/// The input is viewed as [outer, C, inner]; when inner is 1 every slice is a contiguous row, otherwise blocks of
/// the inner dimension are processed as columns (element-wise max/exp/add across the C rows of a block).
/// </summary>
internal static class LogSoftmaxKernel
{
    // Columns handled per work item when inner > 1: two stack buffers of this many elements.
    private const int Block = 256;

    /// <summary>log_softmax(<paramref name="x"/>, <paramref name="dim"/>) for a floating tensor; the result is contiguous.</summary>
    public static Tensor Forward(Tensor x, int dim)
    {
        var input = x.Contiguous();
        var result = new Tensor(input.ShapeArray, input.DType, zeroed: false);
        if (input.Numel == 0) return result;
        var (outer, classes, inner) = Split(input.ShapeSpan, dim);
        var action = new ForwardAction(input, result, outer, classes, inner);
        DTypeDispatch.Float(input.DType, ref action);
        return result;
    }

    /// <summary>The sizes before, at and after <paramref name="dim"/> (a 0-dim tensor is one slice of one class).</summary>
    public static (long Outer, long Classes, long Inner) Split(ReadOnlySpan<long> shape, int dim)
    {
        if (shape.Length == 0) return (1, 1, 1);
        long outer = 1, inner = 1;
        for (int i = 0; i < dim; i++) outer *= shape[i];
        for (int i = dim + 1; i < shape.Length; i++) inner *= shape[i];
        return (outer, shape[dim], inner);
    }

    private readonly struct ForwardAction(Tensor x, Tensor y, long outer, long classes, long inner) : IFloatAction
    {
        public void Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            Storage xs = x.Storage, ys = y.Storage;
            long xo = x.StorageOffset, c = classes, n = inner;
            if (n == 1)
            {
                Parallelize(outer, c, o => Row<T>(xs.Raw<T>().Slice((int)(xo + o * c), (int)c), ys.Raw<T>().Slice((int)(o * c), (int)c)));
                return;
            }
            long blocks = (n + Block - 1) / Block;
            Parallelize(outer * blocks, c * Math.Min(n, Block), item =>
            {
                long o = item / blocks, start = item % blocks * Block;
                Columns<T>(xs.Raw<T>().Slice((int)(xo + o * c * n)), ys.Raw<T>().Slice((int)(o * c * n)), c, n, (int)start, (int)Math.Min(Block, n - start));
            });
        }
    }

    private static void Row<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, y);
        TensorPrimitives.Exp(y, y);
        T logSum = T.Log(TensorPrimitives.Sum<T>(y));
        TensorPrimitives.Subtract(x, max + logSum, y);
    }

    // One block of columns [start, start + width) of a [C, inner] slice.
    private static void Columns<T>(ReadOnlySpan<T> x, Span<T> y, long classes, long inner, int start, int width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> max = stackalloc T[width];
        Span<T> sum = stackalloc T[width];
        x.Slice(start, width).CopyTo(max);
        for (long c = 1; c < classes; c++) TensorPrimitives.Max(max, x.Slice((int)(c * inner) + start, width), max);
        sum.Clear();
        for (long c = 0; c < classes; c++)
        {
            var yc = y.Slice((int)(c * inner) + start, width);
            TensorPrimitives.Subtract(x.Slice((int)(c * inner) + start, width), max, yc);
            TensorPrimitives.Exp(yc, yc);
            TensorPrimitives.Add(sum, yc, sum);
        }
        TensorPrimitives.Log(sum, sum);
        TensorPrimitives.Add(sum, max, sum);
        for (long c = 0; c < classes; c++)
            TensorPrimitives.Subtract(x.Slice((int)(c * inner) + start, width), sum, y.Slice((int)(c * inner) + start, width));
    }

    /// <summary>Runs <paramref name="body"/> for items 0..count-1, on several cores when the total work is large.</summary>
    private static void Parallelize(long count, long elementsPerItem, Action<long> body)
    {
        // exp dominates: about 8 times the cost of an add per element, as the element-wise loops assume.
        if (count == 1 || count * elementsPerItem * 8 < StridedLayout.ParallelThreshold || CpuParallelism.MaxThreads == 1)
        {
            for (long i = 0; i < count; i++) body(i);
            return;
        }
        Parallel.For(0L, count, new ParallelOptions { MaxDegreeOfParallelism = CpuParallelism.MaxThreads }, body);
    }
}
