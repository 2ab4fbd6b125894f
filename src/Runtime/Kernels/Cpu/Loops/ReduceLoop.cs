using System.Buffers;
using System.Numerics;

namespace StaticNet.Kernels.Cpu;

/// <summary>
/// The one loop for value reductions: output = op over the reduced dimensions of input, for any strides.
/// </summary>
/// <remarks>
/// The reduced dimensions are reordered by decreasing stride (the ops are order-independent) and coalesced by a
/// <see cref="StridedLayout"/>; the kept dimensions form a second layout over the output. Three paths:
/// <list type="bullet">
/// <item>Inner: each output's elements form one contiguous block (row sums, full sums): one TensorPrimitives
/// call per output; a few large blocks are split across cores instead.</item>
/// <item>Rows: the kept dimensions end in a stride-1 run (column sums over dim 0 of [N, M]): whole input rows are
/// folded into a row of accumulators with a vector op, rather than read element by element with a stride.</item>
/// <item>Otherwise the input is first copied (strided copy) into [kept..., reduced...] order, which makes it Inner.</item>
/// </list>
/// </remarks>
internal static class ReduceLoop
{
    /// <summary>Reduces <paramref name="input"/> (dtype T) over the dimensions marked in <paramref name="reduced"/> into
    /// <paramref name="output"/>: a new contiguous tensor whose shape is the input's without those dimensions.</summary>
    public static void Run<T, TOp>(Tensor input, bool[] reduced, Tensor output)
        where T : unmanaged, INumber<T> where TOp : IReduceOperator
    {
        var shape = input.ShapeSpan;
        var strides = input.StridesSpan;
        var kept = new List<long>();
        var red = new List<(long Size, long Stride)>();
        for (int i = 0; i < shape.Length; i++)
        {
            if (reduced[i]) red.Add((shape[i], strides[i]));
            else kept.Add(strides[i]);
        }
        // Stable sort by decreasing stride, so that a permuted-but-dense block coalesces into one run.
        var order = red.Select((r, i) => (r, i)).OrderByDescending(p => Math.Abs(p.r.Stride)).ThenBy(p => p.i).Select(p => p.r).ToArray();
        var inner = new StridedLayout(order.Select(r => r.Size).ToArray(), (order.Select(r => r.Stride).ToArray(), 0));
        long count = inner.Numel;
        if (output.Numel == 0) return;
        if (count == 0)
        {
            output.Storage.Raw<T>().Slice((int)output.StorageOffset, (int)output.Numel).Fill(TOp.Identity<T>());
            return;
        }
        var outer = new StridedLayout(output.ShapeSpan, (output.StridesArray, output.StorageOffset), (kept.ToArray(), input.StorageOffset));
        int cost = (int)Math.Min(count, int.MaxValue);
        if (inner.RowLength == count && (inner.InnerStride(0) == 1 || count == 1))
        {
            // A few long blocks (a full reduction): split each block across cores; otherwise one block per output.
            bool split = output.Numel < Environment.ProcessorCount && count >= 4 * StridedLayout.ParallelThreshold;
            if (split)
            {
                var kernel = new BlockKernel<T, TOp>(output.Storage, input.Storage, (int)count, outer.InnerStride(0), outer.InnerStride(1), split: true);
                outer.ForEachRow(ref kernel, 0, outer.Numel);
            }
            else outer.Run(new BlockKernel<T, TOp>(output.Storage, input.Storage, (int)count, outer.InnerStride(0), outer.InnerStride(1), split: false), cost);
            return;
        }
        if (outer.InnerStride(1) == 1 && outer.RowLength >= 4)
        {
            outer.Run(new RowsKernel<T, TOp>(output.Storage, input.Storage, inner, outer.InnerStride(0)), cost);
            return;
        }
        var perm = new int[shape.Length];
        int k = 0;
        for (int i = 0; i < shape.Length; i++) if (!reduced[i]) perm[k++] = i;
        for (int i = 0; i < shape.Length; i++) if (reduced[i]) perm[k++] = i;
        var packed = input.Permute(perm).Contiguous();
        var mask = new bool[shape.Length];
        for (int i = shape.Length - red.Count; i < shape.Length; i++) mask[i] = true;
        Run<T, TOp>(packed, mask, output);
    }

    /// <summary>Inner path: output element i reduces the contiguous block of <c>count</c> elements at its input offset.</summary>
    private readonly struct BlockKernel<T, TOp>(Storage d, Storage x, int count, long sd, long sx, bool split) : IRowKernel
        where T : unmanaged, INumber<T> where TOp : IReduceOperator
    {
        public void Row(ReadOnlySpan<long> o, int n)
        {
            Span<T> D = d.Raw<T>();
            long id = o[0], ix = o[1];
            for (int i = 0; i < n; i++, id += sd, ix += sx)
                D[(int)id] = split ? ReduceSplit(ix) : TOp.Reduce<T>(x.Raw<T>().Slice((int)ix, count));
        }

        private T ReduceSplit(long start)
        {
            int parts = Environment.ProcessorCount;
            var partial = new T[parts];
            var (storage, length) = (x, count);
            Parallel.For(0, parts, p =>
            {
                int lo = (int)((long)length * p / parts), hi = (int)((long)length * (p + 1) / parts);
                partial[p] = TOp.Reduce<T>(storage.Raw<T>().Slice((int)start + lo, hi - lo));
            });
            T r = partial[0];
            for (int p = 1; p < parts; p++) r = TOp.Combine(r, partial[p]);
            return r;
        }
    }

    /// <summary>Rows path: a row of n outputs whose inputs are n consecutive elements, for every reduced position.</summary>
    private readonly struct RowsKernel<T, TOp>(Storage d, Storage x, StridedLayout inner, long sd) : IRowKernel
        where T : unmanaged, INumber<T> where TOp : IReduceOperator
    {
        public void Row(ReadOnlySpan<long> o, int n)
        {
            var fold = new RowFold<T, TOp>(x, o[1], inner.InnerStride(0), n);
            try
            {
                inner.ForEachRow(ref fold, 0, inner.Numel);
                var result = fold.Result();
                Span<T> D = d.Raw<T>();
                if (sd == 1) result.CopyTo(D.Slice((int)o[0], n));
                else for (int i = 0; i < n; i++) D[(int)(o[0] + i * sd)] = result[i];
            }
            finally { fold.Return(); }
        }
    }

    /// <summary>
    /// Folds input rows into accumulators in a cascade: up to <see cref="Block"/> rows into level 0, up to Block of
    /// those into level 1, the rest into level 2. A float32 column sum of a million rows then adds at most a few
    /// hundred terms into any one accumulator, which keeps its error near that of pairwise summation.
    /// </summary>
    private struct RowFold<T, TOp> : IRowKernel where T : unmanaged, INumber<T> where TOp : IReduceOperator
    {
        private const int Block = 256;
        private readonly Storage _x;
        private readonly long _base;
        private readonly long _stride;   // distance between consecutive reduced positions in a row of the reduced layout
        private readonly int _n;
        private readonly T[] _acc;       // three levels of n accumulators
        private readonly int[] _filled;  // rows folded into each level so far

        public RowFold(Storage x, long baseOffset, long stride, int n)
        {
            _x = x;
            _base = baseOffset;
            _stride = stride;
            _n = n;
            _acc = ArrayPool<T>.Shared.Rent(3 * n);
            _filled = new int[3];
        }

        public void Row(ReadOnlySpan<long> o, int count)
        {
            ReadOnlySpan<T> X = _x.Raw<T>();
            long off = _base + o[0];
            for (int k = 0; k < count; k++, off += _stride) Fold(0, X.Slice((int)off, _n));
        }

        private void Fold(int level, ReadOnlySpan<T> row)
        {
            var acc = _acc.AsSpan(level * _n, _n);
            if (_filled[level] == 0) row.CopyTo(acc);
            else TOp.Accumulate(acc, row);
            if (++_filled[level] == Block && level < 2)
            {
                _filled[level] = 0;
                Fold(level + 1, acc);
            }
        }

        /// <summary>The combined accumulators (valid until <see cref="Return"/>).</summary>
        public ReadOnlySpan<T> Result()
        {
            int top = -1;
            for (int l = 0; l < 3; l++)
            {
                if (_filled[l] == 0) continue;
                if (top < 0) top = l;
                else TOp.Accumulate(_acc.AsSpan(top * _n, _n), _acc.AsSpan(l * _n, _n));
            }
            return _acc.AsSpan(top * _n, _n);
        }

        public readonly void Return() => ArrayPool<T>.Shared.Return(_acc);
    }
}
