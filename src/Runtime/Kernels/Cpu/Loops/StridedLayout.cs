namespace StaticNet.Kernels.Cpu;

/// <summary>A row kernel: processes <paramref name="count"/> consecutive elements of the innermost dimension.</summary>
/// <remarks>
/// <c>offsets[k]</c> is the storage offset of operand k's first element in the row. The kernel knows each
/// operand's inner stride from the layout it was built for (<see cref="StridedLayout.InnerStride"/>). One call per
/// row, not per element, so the per-row cost (span creation, a stride test) is amortised.
/// </remarks>
internal interface IRowKernel
{
    void Row(ReadOnlySpan<long> offsets, int count);
}

/// <summary>
/// Several operands (output first, by convention) laid over one common shape, with their dimensions coalesced:
/// the one iterator behind every strided and broadcast element-wise kernel.
/// </summary>
/// <remarks>
/// Each operand is given as strides over the common shape (stride 0 on broadcast dimensions) and a storage offset.
/// Dimensions of length 1 are dropped and neighbouring dimensions merged wherever every operand's strides allow,
/// so a contiguous tensor becomes one row, and a [64, 3, 32, 32] + [1, 3, 1, 1] add becomes rows of 1024.
/// </remarks>
internal sealed class StridedLayout
{
    /// <summary>Elements above which <see cref="Run{TKernel}"/> splits the work across cores (cheap ops; see remarks there).</summary>
    public const long ParallelThreshold = 1 << 15;

    private readonly long[] _shape;      // coalesced; last dimension is the row
    private readonly long[][] _strides;  // [operand][dim]
    private readonly long[] _offsets;    // [operand]

    public StridedLayout(ReadOnlySpan<long> shape, params (long[] Strides, long Offset)[] operands)
    {
        Numel = ShapeUtil.Numel(shape);
        int n = operands.Length;
        _offsets = new long[n];
        for (int k = 0; k < n; k++) _offsets[k] = operands[k].Offset;

        // Keep the non-unit dimensions, outermost first.
        var dims = new List<int>(shape.Length);
        for (int i = 0; i < shape.Length; i++) if (shape[i] != 1) dims.Add(i);

        var cshape = new List<long>(dims.Count);
        var cstrides = new List<long>[n];
        for (int k = 0; k < n; k++) cstrides[k] = new List<long>(dims.Count);
        foreach (var d in dims)
        {
            int last = cshape.Count - 1;
            bool merge = last >= 0;
            for (int k = 0; k < n && merge; k++)
                merge = cstrides[k][last] == shape[d] * operands[k].Strides[d];
            if (merge)
            {
                cshape[last] *= shape[d];
                for (int k = 0; k < n; k++) cstrides[k][last] = operands[k].Strides[d];
            }
            else
            {
                cshape.Add(shape[d]);
                for (int k = 0; k < n; k++) cstrides[k].Add(operands[k].Strides[d]);
            }
        }
        if (cshape.Count == 0)
        {
            cshape.Add(Numel == 0 ? 0 : 1);
            for (int k = 0; k < n; k++) cstrides[k].Add(1);
        }
        _shape = cshape.ToArray();
        _strides = new long[n][];
        for (int k = 0; k < n; k++) _strides[k] = cstrides[k].ToArray();
    }

    /// <summary>Convenience: operands given as tensors already shaped like the common shape (or broadcastable to it).</summary>
    public static StridedLayout For(ReadOnlySpan<long> shape, params Tensor[] operands)
    {
        var ops = new (long[], long)[operands.Length];
        for (int k = 0; k < operands.Length; k++)
        {
            var t = operands[k];
            var strides = t.ShapeSpan.SequenceEqual(shape)
                ? t.StridesArray
                : ShapeUtil.BroadcastStrides(t.ShapeSpan, t.StridesSpan, shape);
            ops[k] = (strides, t.StorageOffset);
        }
        return new StridedLayout(shape, ops);
    }

    public long Numel { get; }

    /// <summary>Length of the innermost (row) dimension after coalescing.</summary>
    public long RowLength => _shape[^1];

    /// <summary>Stride of operand k along the row.</summary>
    public long InnerStride(int operand) => _strides[operand][^1];

    /// <summary>Runs the kernel over every element, on several cores when the work is large enough.</summary>
    /// <remarks>
    /// The element range is cut into one chunk per core; a chunk may start or end inside a row, so a single
    /// contiguous row is split too. <paramref name="costPerElement"/> scales the threshold: transcendental ops
    /// pass about 8 so that they go parallel at smaller sizes than an add.
    /// </remarks>
    public void Run<TKernel>(TKernel kernel, int costPerElement = 1) where TKernel : struct, IRowKernel
    {
        long n = Numel;
        if (n == 0) return;
        int chunks = CpuParallelism.MaxThreads;
        if (chunks <= 1 || n * costPerElement < ParallelThreshold)
        {
            ForEachRow(ref kernel, 0, n);
            return;
        }
        var body = new ChunkBody<TKernel>(this, kernel, n, (int)Math.Min(chunks, n));
        CpuWorkers.For(body.Chunks, ref body);
    }

    /// <summary>Chunk c of <see cref="Run{TKernel}"/>: the elements [n·c/chunks, n·(c+1)/chunks), with its own copy of the kernel.</summary>
    private readonly struct ChunkBody<TKernel>(StridedLayout layout, TKernel kernel, long n, int chunks) : IParallelBody
        where TKernel : struct, IRowKernel
    {
        public int Chunks => chunks;

        public void Invoke(int c)
        {
            var k = kernel;
            layout.ForEachRow(ref k, n * c / chunks, n * (c + 1) / chunks);
        }
    }

    /// <summary>Calls the kernel for each row segment of the elements [start, end) in row-major order.</summary>
    public void ForEachRow<TKernel>(ref TKernel kernel, long start, long end) where TKernel : struct, IRowKernel
    {
        int rank = _shape.Length, n = _offsets.Length;
        Span<long> index = stackalloc long[rank];
        Span<long> offsets = stackalloc long[n];
        // Multi-index of `start`, and the operands' offsets there.
        long rem = start;
        for (int d = rank - 1; d >= 0; d--)
        {
            index[d] = rem % _shape[d];
            rem /= _shape[d];
        }
        for (int k = 0; k < n; k++)
        {
            long o = _offsets[k];
            for (int d = 0; d < rank; d++) o += index[d] * _strides[k][d];
            offsets[k] = o;
        }
        long rowLength = _shape[rank - 1];
        long pos = start;
        while (pos < end)
        {
            long inRow = index[rank - 1];
            int count = (int)Math.Min(rowLength - inRow, end - pos);
            kernel.Row(offsets, count);
            pos += count;
            if (pos >= end) break;
            // Advance to the start of the next row (the row was finished, since pos < end).
            for (int k = 0; k < n; k++) offsets[k] -= inRow * _strides[k][rank - 1];
            index[rank - 1] = 0;
            for (int d = rank - 2; d >= 0; d--)
            {
                index[d]++;
                for (int k = 0; k < n; k++) offsets[k] += _strides[k][d];
                if (index[d] < _shape[d]) break;
                for (int k = 0; k < n; k++) offsets[k] -= _shape[d] * _strides[k][d];
                index[d] = 0;
            }
        }
    }
}
