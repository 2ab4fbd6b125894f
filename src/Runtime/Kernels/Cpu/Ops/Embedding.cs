using System.Numerics;
using System.Numerics.Tensors;

namespace StaticNet.Kernels.Cpu;

/// <summary>
/// The embedding lookup (rows of a [num_embeddings, dim] table picked by integer indices) and its backward,
/// which adds each output row's gradient into the table row it came from.
/// </summary>
internal static class EmbeddingKernel
{
    /// <summary>The indices as Int64 values in row-major order; throws naming the first index outside [0, rows).</summary>
    public static long[] CheckedIndices(Tensor indices, long rows)
    {
        var values = indices.Contiguous().To(DType.Int64).Contiguous().ContiguousSpan<long>().ToArray();
        foreach (var v in values)
            if (v < 0 || v >= rows)
                throw new ArgumentOutOfRangeException(null,
                    $"embedding: index {v} is out of range for a weight with {rows} rows (expected 0 <= index < {rows}; index out of range in self).");
        return values;
    }

    /// <summary>result[i, :] = weight[index[i], :]; result has shape indices.shape + [dim].</summary>
    public static Tensor Forward(Tensor weight, long[] index, long[] resultShape)
    {
        var result = new Tensor(resultShape, weight.DType, zeroed: false);
        var action = new ForwardAction(weight.Contiguous(), index, result);
        DTypeDispatch.Float(weight.DType, ref action);
        return result;
    }

    /// <summary>grad_weight[r, :] = Σ over i with index[i] = r of g[i, :], rows equal to <paramref name="paddingIdx"/> left at zero.</summary>
    public static Tensor Backward(Tensor g, long[] index, long rows, long dim, long? paddingIdx, DType dtype)
    {
        var result = new Tensor([rows, dim], dtype, zeroed: true);
        var action = new BackwardAction(g.To(dtype).Contiguous(), index, result, paddingIdx ?? -1);
        DTypeDispatch.Float(dtype, ref action);
        return result;
    }

    private readonly struct ForwardAction(Tensor weight, long[] index, Tensor result) : IFloatAction
    {
        public void Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            int dim = (int)weight.Size(1);
            ReadOnlySpan<T> w = weight.ContiguousSpan<T>();
            Span<T> r = result.ContiguousSpan<T>();
            for (int i = 0; i < index.Length; i++) w.Slice((int)index[i] * dim, dim).CopyTo(r.Slice(i * dim, dim));
        }
    }

    // Serial on purpose: repeated indices add into the same row, and the gather it inverts is memory-bound.
    private readonly struct BackwardAction(Tensor g, long[] index, Tensor result, long padding) : IFloatAction
    {
        public void Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            int dim = (int)result.Size(1);
            ReadOnlySpan<T> gs = g.ContiguousSpan<T>();
            Span<T> r = result.ContiguousSpan<T>();
            for (int i = 0; i < index.Length; i++)
            {
                if (index[i] == padding) continue;
                var row = r.Slice((int)index[i] * dim, dim);
                TensorPrimitives.Add(row, gs.Slice(i * dim, dim), row);
            }
        }
    }
}
