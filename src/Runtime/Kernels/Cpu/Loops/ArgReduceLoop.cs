using System.Buffers;
using System.Numerics;

namespace StaticNet.Kernels.Cpu;

/// <summary>
/// The loop for index-selecting reductions over one dimension: the selected values and their Int64 positions.
/// </summary>
/// <remarks>
/// Paths as in <see cref="ReduceLoop"/>: a stride-1 reduced dimension is searched per output with
/// TensorPrimitives (IndexOfMax/IndexOfMin); when a kept dimension has input stride 1, whole input rows are
/// compared against a row of running winners; otherwise a scalar strided scan. Each output is independent, so the
/// outputs are spread over cores by <see cref="StridedLayout.Run{TKernel}"/>.
/// </remarks>
internal static class ArgReduceLoop
{
    /// <summary>Selects along <paramref name="dim"/> (length &gt; 0) of <paramref name="input"/> (dtype T) into the new
    /// contiguous tensors <paramref name="values"/> (dtype T) and <paramref name="indices"/> (Int64), both shaped like
    /// the input without <paramref name="dim"/>.</summary>
    public static void Run<T, TOp>(Tensor input, int dim, Tensor values, Tensor indices)
        where T : unmanaged, INumber<T> where TOp : IArgReduceOperator
    {
        if (values.Numel == 0) return;
        long length = input.ShapeSpan[dim], stride = input.StridesSpan[dim];
        var reduced = new bool[input.Dim];
        reduced[dim] = true;
        var outer = ReduceLoop.Outer(input, reduced, values, indices);
        var kernel = new Kernel<T, TOp>(values.Storage, indices.Storage, input.Storage, length, stride,
            outer.InnerStride(0), outer.InnerStride(1), outer.InnerStride(2));
        outer.Run(kernel, (int)Math.Min(length, int.MaxValue));
    }

    private readonly struct Kernel<T, TOp>(Storage v, Storage ix, Storage x, long length, long stride, long sv, long si, long sx) : IRowKernel
        where T : unmanaged, INumber<T> where TOp : IArgReduceOperator
    {
        public void Row(ReadOnlySpan<long> o, int n)
        {
            if (stride == 1 || length == 1) Blocks(o, n);
            else if (sx == 1 && n >= 4) Rows(o, n);
            else Strided(o, n);
        }

        private void Blocks(ReadOnlySpan<long> o, int n)
        {
            Span<T> V = v.Raw<T>();
            Span<long> I = ix.Raw<long>();
            ReadOnlySpan<T> X = x.Raw<T>();
            long iv = o[0], ii = o[1], ixx = o[2];
            for (int k = 0; k < n; k++, iv += sv, ii += si, ixx += sx)
            {
                var block = X.Slice((int)ixx, (int)length);
                int best = TOp.IndexOf(block);
                V[(int)iv] = block[best];
                I[(int)ii] = best;
            }
        }

        private void Rows(ReadOnlySpan<long> o, int n)
        {
            ReadOnlySpan<T> X = x.Raw<T>();
            var best = ArrayPool<T>.Shared.Rent(n);
            var at = ArrayPool<long>.Shared.Rent(n);
            try
            {
                X.Slice((int)o[2], n).CopyTo(best);
                Array.Clear(at, 0, n);
                long off = o[2];
                for (long r = 1; r < length; r++)
                {
                    off += stride;
                    var row = X.Slice((int)off, n);
                    for (int j = 0; j < n; j++)
                    {
                        if (!TOp.Replaces(row[j], best[j])) continue;
                        best[j] = row[j];
                        at[j] = r;
                    }
                }
                Span<T> V = v.Raw<T>();
                Span<long> I = ix.Raw<long>();
                for (int j = 0; j < n; j++)
                {
                    V[(int)(o[0] + j * sv)] = best[j];
                    I[(int)(o[1] + j * si)] = at[j];
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(best);
                ArrayPool<long>.Shared.Return(at);
            }
        }

        private void Strided(ReadOnlySpan<long> o, int n)
        {
            Span<T> V = v.Raw<T>();
            Span<long> I = ix.Raw<long>();
            ReadOnlySpan<T> X = x.Raw<T>();
            long iv = o[0], ii = o[1], ixx = o[2];
            for (int k = 0; k < n; k++, iv += sv, ii += si, ixx += sx)
            {
                T best = X[(int)ixx];
                long at = 0, off = ixx;
                for (long r = 1; r < length; r++)
                {
                    off += stride;
                    if (TOp.Replaces(X[(int)off], best)) { best = X[(int)off]; at = r; }
                }
                V[(int)iv] = best;
                I[(int)ii] = at;
            }
        }
    }
}
