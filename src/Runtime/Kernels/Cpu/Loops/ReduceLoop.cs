using System.Numerics;

namespace StaticNet.Kernels.Cpu;

/// <summary>
/// The one loop for value reductions: output = op over the reduced dimensions of input, for any strides.
/// </summary>
/// <remarks>
/// The reduced dimensions form one <see cref="StridedLayout"/> (the positions each output folds), the kept ones a
/// second layout over the outputs; both are reordered by decreasing input stride (the ops are order-independent,
/// and the outputs are independent) so that dense runs coalesce. Three paths:
/// <list type="bullet">
/// <item>Blocks: each output's elements are one contiguous block (row sums, full sums): one TensorPrimitives
/// call per output; a few very long blocks are instead split across cores.</item>
/// <item>Rows: a kept dimension has input stride 1 (column sums over dim 0 of [N, M]): whole input rows are folded
/// into a row of accumulators with a vector op, instead of being read element by element with a stride.</item>
/// <item>Otherwise the input is first packed by the strided copy into [kept..., reduced...] order, making it Blocks.</item>
/// </list>
/// </remarks>
internal static partial class ReduceLoop
{
    /// <summary>Reduces <paramref name="input"/> (dtype T) over the dimensions marked in <paramref name="reduced"/> into
    /// <paramref name="output"/>: a new contiguous tensor whose shape is the input's without those dimensions.</summary>
    public static void Run<T, TOp>(Tensor input, bool[] reduced, Tensor output)
        where T : unmanaged, INumber<T> where TOp : IReduceOperator
    {
        if (output.Numel == 0) return;
        var red = ByDecreasingStride(input, reduced, wantReduced: true);
        var inner = new StridedLayout(red.Select(d => input.ShapeSpan[d]).ToArray(), (red.Select(d => input.StridesSpan[d]).ToArray(), 0));
        long count = inner.Numel;
        if (count == 0)
        {
            output.Storage.Raw<T>().Slice((int)output.StorageOffset, (int)output.Numel).Fill(TOp.Identity<T>());
            return;
        }
        var outer = Outer(input, reduced, output);
        int cost = (int)Math.Min(count, int.MaxValue);
        long sd = outer.InnerStride(0), sx = outer.InnerStride(1);
        if (inner.RowLength == count && (inner.InnerStride(0) == 1 || count == 1))
        {
            if (output.Numel < CpuParallelism.MaxThreads && count >= 4 * StridedLayout.ParallelThreshold)
            {
                var kernel = new BlockKernel<T, TOp>(output.Storage, input.Storage, (int)count, sd, sx, split: true);
                outer.ForEachRow(ref kernel, 0, outer.Numel);
            }
            else outer.Run(new BlockKernel<T, TOp>(output.Storage, input.Storage, (int)count, sd, sx, split: false), cost);
            return;
        }
        // Rows pays a vector call per reduced position and row, so it needs rows of some width, or rows that lie
        // back to back (then folded several at a time); narrow strided rows are cheaper to pack.
        bool backToBack = inner.RowLength == count && inner.InnerStride(0) == outer.RowLength;
        if (sx == 1 && (outer.RowLength >= 8 || (backToBack && outer.RowLength >= 2)))
        {
            // Few outputs (a [1M, 4] column sum) stay on one core: cut into narrower rows, the folds lose their width.
            var rows = new RowsKernel<T, TOp>(output.Storage, input.Storage, inner, sd);
            if (output.Numel >= 64L * CpuParallelism.MaxThreads) outer.Run(rows, cost);
            else outer.ForEachRow(ref rows, 0, outer.Numel);
            return;
        }
        var perm = new int[input.Dim];
        int k = 0;
        for (int i = 0; i < input.Dim; i++) if (!reduced[i]) perm[k++] = i;
        int keptCount = k;
        for (int i = 0; i < input.Dim; i++) if (reduced[i]) perm[k++] = i;
        var mask = new bool[input.Dim];
        for (int i = keptCount; i < input.Dim; i++) mask[i] = true;
        Run<T, TOp>(input.Permute(perm).Contiguous(), mask, output);
    }

    /// <summary>
    /// The layout over the outputs: operands are the outputs (shaped like the input without the reduced dimensions)
    /// and then the input. Its dimensions are the kept ones by decreasing input stride, so a kept dimension of input
    /// stride 1 becomes the row even when it is not the outputs' last.
    /// </summary>
    internal static StridedLayout Outer(Tensor input, bool[] reduced, params Tensor[] outputs)
    {
        var kept = ByDecreasingStride(input, reduced, wantReduced: false);
        var position = new Dictionary<int, int>(); // input dim -> output dim
        for (int i = 0, j = 0; i < input.Dim; i++) if (!reduced[i]) position[i] = j++;
        var operands = new (long[] Strides, long Offset)[outputs.Length + 1];
        for (int k = 0; k < outputs.Length; k++)
            operands[k] = (kept.Select(d => outputs[k].StridesSpan[position[d]]).ToArray(), outputs[k].StorageOffset);
        operands[^1] = (kept.Select(d => input.StridesSpan[d]).ToArray(), input.StorageOffset);
        return new StridedLayout(kept.Select(d => input.ShapeSpan[d]).ToArray(), operands);
    }

    /// <summary>The reduced (or kept) dimensions of the input, by decreasing |stride|; ties keep their order.</summary>
    private static int[] ByDecreasingStride(Tensor input, bool[] reduced, bool wantReduced)
    {
        var strides = input.StridesArray;
        return Enumerable.Range(0, input.Dim).Where(i => reduced[i] == wantReduced)
            .OrderByDescending(i => Math.Abs(strides[i])).ThenBy(i => i).ToArray();
    }

    /// <summary>Part p of a block split across cores: reduces its slice into partial[p].</summary>
    private readonly struct SplitBody<T, TOp>(Storage x, long start, int length, T[] partial) : IParallelBody
        where T : unmanaged, INumber<T> where TOp : IReduceOperator
    {
        public void Invoke(int p)
        {
            int parts = partial.Length;
            int lo = (int)((long)length * p / parts), hi = (int)((long)length * (p + 1) / parts);
            partial[p] = TOp.Reduce<T>(x.Raw<T>().Slice((int)start + lo, hi - lo));
        }
    }

    /// <summary>Blocks path: output element i reduces the contiguous block of <c>count</c> elements at its input offset.</summary>
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

        // One block cut into a part per core; the partial results are combined in order.
        private T ReduceSplit(long start)
        {
            int parts = CpuParallelism.MaxThreads;
            var partial = new T[parts];
            var body = new SplitBody<T, TOp>(x, start, count, partial);
            CpuWorkers.For(parts, ref body);
            T r = partial[0];
            for (int p = 1; p < parts; p++) r = TOp.Combine(r, partial[p]);
            return r;
        }
    }
}
