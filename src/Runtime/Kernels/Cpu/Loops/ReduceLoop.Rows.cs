using System.Buffers;
using System.Numerics;

namespace StaticNet.Kernels.Cpu;

internal static partial class ReduceLoop
{
    // Below this row width, consecutive rows are folded several at a time as one wider row (see RowsKernel).
    private const int WideRow = 256;

    /// <summary>Rows path: n outputs whose inputs are n consecutive elements, for every reduced position.</summary>
    private readonly struct RowsKernel<T, TOp>(Storage d, Storage x, StridedLayout inner, long sd) : IRowKernel
        where T : unmanaged, INumber<T> where TOp : IReduceOperator
    {
        public void Row(ReadOnlySpan<long> o, int n)
        {
            var result = ArrayPool<T>.Shared.Rent(n);
            try
            {
                long stride = inner.InnerStride(0), count = inner.Numel;
                if (inner.RowLength == count && stride == n && n <= WideRow / 2) FoldPacked(o[1], n, count, result);
                else
                {
                    var fold = new RowFold<T, TOp>(x, o[1], stride, n);
                    inner.ForEachRow(ref fold, 0, count);
                    fold.Finish(result);
                }
                Span<T> D = d.Raw<T>();
                if (sd == 1) result.AsSpan(0, n).CopyTo(D.Slice((int)o[0], n));
                else for (int i = 0; i < n; i++) D[(int)(o[0] + i * sd)] = result[i];
            }
            finally { ArrayPool<T>.Shared.Return(result); }
        }

        // The reduced rows are back to back (a [count, n] block, e.g. a [1M, 4] column sum): fold k rows at a time
        // as one row of k * n, so that each vector op covers hundreds of elements rather than n; then fold the k
        // slices of that wide accumulator, and the rows left over, into the n results.
        private void FoldPacked(long start, int n, long count, T[] result)
        {
            int k = WideRow / n;
            long groups = count / k, rest = count - groups * k;
            var acc = result.AsSpan(0, n);
            if (groups > 0)
            {
                var wide = new T[k * n];
                var fold = new RowFold<T, TOp>(x, start, k * n, k * n);
                fold.Fold(0, groups);
                fold.Finish(wide);
                wide.AsSpan(0, n).CopyTo(acc);
                for (int j = 1; j < k; j++) TOp.Accumulate(acc, wide.AsSpan(j * n, n));
            }
            if (rest > 0)
            {
                var tail = new RowFold<T, TOp>(x, start + groups * k * n, n, n);
                tail.Fold(0, rest);
                var t = new T[n];
                tail.Finish(t);
                if (groups > 0) TOp.Accumulate(acc, t);
                else t.CopyTo(acc);
            }
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
        private readonly long _stride;   // distance between consecutive positions along a row of the reduced layout
        private readonly int _n;
        private readonly T[] _acc;       // three levels of n accumulators
        private readonly int[] _filled;  // rows folded into each level since it was last emptied

        public RowFold(Storage x, long baseOffset, long stride, int n)
        {
            _x = x;
            _base = baseOffset;
            _stride = stride;
            _n = n;
            _acc = ArrayPool<T>.Shared.Rent(3 * n);
            _filled = new int[3];
        }

        public void Row(ReadOnlySpan<long> o, int count) => Fold(o[0], count);

        /// <summary>Folds <paramref name="count"/> rows, the first at <paramref name="offset"/> from the base.</summary>
        public void Fold(long offset, long count)
        {
            ReadOnlySpan<T> X = _x.Raw<T>();
            long off = _base + offset;
            for (long k = 0; k < count; k++, off += _stride) Push(0, X.Slice((int)off, _n));
        }

        private void Push(int level, ReadOnlySpan<T> row)
        {
            var acc = _acc.AsSpan(level * _n, _n);
            if (_filled[level] == 0) row.CopyTo(acc);
            else TOp.Accumulate(acc, row);
            if (++_filled[level] == Block && level < 2)
            {
                _filled[level] = 0;
                Push(level + 1, acc);
            }
        }

        /// <summary>Combines the levels into <paramref name="result"/> (after at least one row) and returns the accumulators to the pool.</summary>
        public readonly void Finish(Span<T> result)
        {
            bool first = true;
            for (int l = 2; l >= 0; l--)
            {
                if (_filled[l] == 0) continue;
                var level = _acc.AsSpan(l * _n, _n);
                if (first) level.CopyTo(result);
                else TOp.Accumulate(result.Slice(0, _n), level);
                first = false;
            }
            ArrayPool<T>.Shared.Return(_acc);
        }
    }
}
