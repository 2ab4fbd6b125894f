using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Kernels.Cpu.Convolution;

/// <summary>How <see cref="SlidingConv"/> lays a layer's output positions on vectors.</summary>
internal enum SlidingLayout
{
    /// <summary>The sliding path does not apply.</summary>
    None,

    /// <summary>Each output row is cut into vectors (the last one masked): for rows that fill ≥ 3/4 of their vectors.</summary>
    Rows,

    /// <summary>
    /// The output is computed on the input's grid, OH rows of stride W (input width), as one flat run: position p = y·W + x
    /// reads input p + ki·W + kj for every (ki, kj), so whole vectors slide over the plane. The lanes with x ≥ OW are
    /// computed and dropped; for narrow rows (LeNet's second layer: 10 of 14 columns) that wastes less than a
    /// column matrix costs.
    /// </summary>
    Grid,
}

/// <summary>
/// The stride-1 unpadded convolution computed from the input rows themselves, with no column matrix: output row y of
/// channel o is Σ_{c, ki, kj} w[o, c, ki, kj] · x[c, y + ki, kj : kj + OW], a sum of shifted input rows times broadcast
/// weights; the weight gradient dW[o, c, ki, kj] = Σ_y dY[o, y, :] · x[c, y + ki, kj : kj + OW] is a dot product of each dY
/// row with shifted input rows; the input gradient is the same sliding sum over dY (padded with zeros on the input's grid)
/// with the kernel flipped. Vectors that end past a row or a plane are read and written with AVX-512 masks, so nothing
/// is touched past a row's end or a buffer's.
/// </summary>
/// <remarks>
/// It replaces <see cref="DirectConv"/>'s im2col/col2im for LeNet-sized layers: LeNet's first layer has a column
/// matrix of 75 rows × 784 = 235 KB per image, written by im2col and read back for the forward and the weight gradient,
/// a third of a b=4 training step; here every operand stays in L1. The batch is split into one image range per worker,
/// each with its own scratch and weight-gradient partial (added in a fixed order at the end).
/// </remarks>
internal static unsafe partial class SlidingConv
{
    /// <summary>Vectors (output rows, or runs of the grid) per tile.</summary>
    private const int TileVectors = 4;

    /// <summary>Output channels per tile: 4 vectors × 6 channels are 24 accumulators, plus 4 inputs and a broadcast.</summary>
    private const int TileChannels = 6;

    /// <summary>The layout for <paramref name="g"/>, or <see cref="SlidingLayout.None"/>.</summary>
    public static SlidingLayout LayoutOf<T>(in Conv2dGeometry g) where T : unmanaged
    {
        if (!Avx512F.IsSupported || (typeof(T) != typeof(float) && typeof(T) != typeof(double)) || !DirectConv.Applies(g)
            || g.SH != 1 || g.SW != 1 || g.PH != 0 || g.PW != 0 || g.DH != 1 || g.DW != 1 || g.OW <= 0 || g.OH <= 0)
            return SlidingLayout.None;
        // Rows when a row's vectors are at least 3/4 used (LeNet's first layer: 28 of 32 lanes); else the grid when at least
        // 2/3 of its columns are outputs (LeNet's second: 10 of 14, measured faster than im2col + register tiles at
        // b = 64, 3.7 → 2.9 ms a step, and level at b = 4); narrower outputs keep the column path.
        int w = Vector512<T>.Count;
        int rounded = (g.OW + w - 1) / w * w;
        if (4L * g.OW >= 3L * rounded) return SlidingLayout.Rows;
        return 3L * g.OW >= 2L * g.W ? SlidingLayout.Grid : SlidingLayout.None;
    }

    /// <summary>True when <see cref="LayoutOf{T}"/> is not <see cref="SlidingLayout.None"/>.</summary>
    public static bool Applies<T>(in Conv2dGeometry g) where T : unmanaged => LayoutOf<T>(g) != SlidingLayout.None;

    /// <summary>The length of the flat run on the input's grid that covers every output position: (OH − 1)·W + OW.</summary>
    private static int GridLength(in Conv2dGeometry g) => (g.OH - 1) * g.W + g.OW;

    private static int RoundUp<T>(int n) where T : unmanaged => (n + Vector512<T>.Count - 1) / Vector512<T>.Count * Vector512<T>.Count;

    /// <summary>y [N, O, OH, OW] = act(conv(x, w) + b), act being ReLU when <paramref name="relu"/> (b may be null).</summary>
    public static void Forward<T>(in Conv2dGeometry g, T* x, T* w, T* b, T* y, bool relu, int workers) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layout = LayoutOf<T>(g);
        int tiles = (g.Og + TileChannels - 1) / TileChannels;
        int panelLength = g.G * tiles * (g.K + 1) * TileChannels;
        // The grid layout computes into a scratch grid per worker, then copies the OW valid columns of each row out.
        int gridStride = layout == SlidingLayout.Grid ? RoundUp<T>(GridLength(g)) : 0;
        long scratchPerWorker = (long)tiles * TileChannels * gridStride;
        T[] rented = ArrayPool<T>.Shared.Rent(checked((int)(panelLength + scratchPerWorker * workers)));
        int[] offsets = ArrayPool<int>.Shared.Rent(g.K);
        try
        {
            fixed (T* panel = rented)
            fixed (int* offs = offsets)
            {
                ForwardPanel(g, w, b, panel, tiles);
                Offsets(g, g.Cg, g.InputPlane, origin: 0, direction: 1, offs);
                var body = new ForwardBody<T>(g, layout, x, panel, tiles, offs, y, relu, workers, panel + panelLength, scratchPerWorker, gridStride);
                if (workers == 1) body.Invoke(0);
                else CpuWorkers.For(workers, ref body, workers);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
            ArrayPool<int>.Shared.Return(offsets);
        }
    }

    /// <summary>
    /// The weights of each 6-channel tile, reordered so the 6 values one input vector meets are adjacent, then the tile's
    /// bias, zero-padded to whole tiles: the kernel always computes 6 channels and stores the valid ones.
    /// </summary>
    private static void ForwardPanel<T>(in Conv2dGeometry g, T* w, T* b, T* panel, int tiles) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = g.K;
        new Span<T>(panel, g.G * tiles * (k + 1) * TileChannels).Clear();
        for (int grp = 0; grp < g.G; grp++)
        for (int o = 0; o < g.Og; o++)
        {
            T* tile = panel + ((long)grp * tiles + o / TileChannels) * (k + 1) * TileChannels;
            int lane = o % TileChannels;
            T* wo = w + ((long)grp * g.Og + o) * k;
            for (int i = 0; i < k; i++) tile[(long)i * TileChannels + lane] = wo[i];
            if (b is not null) tile[(long)k * TileChannels + lane] = b[grp * g.Og + o];
        }
    }

    /// <summary>
    /// Where weight row (channel, ki, kj) reads, relative to a vector's position: channel·<paramref name="channelStride"/>
    /// + <paramref name="origin"/> + <paramref name="direction"/>·(ki·W + kj). The forward reads the input ahead of the
    /// output (origin 0, direction +1); the input gradient reads the padded dY behind it (the kernel flipped: −1).
    /// </summary>
    private static void Offsets(in Conv2dGeometry g, int channels, int channelStride, int origin, int direction, int* offsets)
    {
        int i = 0;
        for (int c = 0; c < channels; c++)
        for (int ki = 0; ki < g.KH; ki++)
        for (int kj = 0; kj < g.KW; kj++)
            offsets[i++] = c * channelStride + origin + direction * (ki * g.W + kj);
    }

    private readonly struct ForwardBody<T>(Conv2dGeometry g, SlidingLayout layout, T* x, T* panel, int tiles, int* offsets, T* y, bool relu,
        int workers, T* scratch, long scratchPerWorker, int gridStride) : IParallelBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Invoke(int worker)
        {
            int vw = Vector512<T>.Count, l = g.L, k = g.K, oh = g.OH, ow = g.OW, iw = g.W, og = g.Og;
            int start = (int)((long)g.N * worker / workers), end = (int)((long)g.N * (worker + 1) / workers);
            T* grid = scratch + worker * scratchPerWorker;
            int runLength = GridLength(g);
            for (int n = start; n < end; n++)
            for (int grp = 0; grp < g.G; grp++)
            {
                T* xg = x + ((long)n * g.C + (long)grp * g.Cg) * g.InputPlane;
                for (int t = 0; t < tiles; t++)
                {
                    var tile = new TileWeights<T>(panel + ((long)grp * tiles + t) * (k + 1) * TileChannels, offsets, k, Math.Min(TileChannels, og - t * TileChannels));
                    T* yt = y + ((long)n * g.O + (long)grp * og + t * TileChannels) * l;
                    if (layout == SlidingLayout.Rows)
                    {
                        for (int y0 = 0; y0 < oh; y0 += TileVectors)
                        for (int x0 = 0; x0 < ow; x0 += vw)
                        {
                            // The last tile may have fewer than 4 rows: its kernel has only their accumulators.
                            int rows = Math.Min(TileVectors, oh - y0);
                            var mask = MaskedVector.Mask<T>(ow - x0);
                            var at = new TileVectors<T>(xg + (long)y0 * iw + x0, iw, 2L * iw, 3L * iw,
                                yt + (long)y0 * ow + x0, ow, 2L * ow, 3L * ow, l, rows, mask, mask, mask, mask);
                            Tile(tile, at, relu, accumulate: false);
                        }
                        continue;
                    }
                    RunTiles(tile, xg, grid, gridStride, runLength, relu, accumulate: false);
                    // The grid's valid columns: OW of every W.
                    for (int o = 0; o < tile.Channels; o++)
                    for (int row = 0; row < oh; row++)
                        new ReadOnlySpan<T>(grid + (long)o * gridStride + (long)row * iw, ow).CopyTo(new Span<T>(yt + (long)o * l + (long)row * ow, ow));
                }
            }
        }
    }

    /// <summary>
    /// A flat run of <paramref name="length"/> positions, input and output advancing together, cut into tiles of at most 4
    /// consecutive vectors, as even as possible (9 vectors: 3 + 3 + 3, not 4 + 4 + 1); the last vector is masked.
    /// </summary>
    private static void RunTiles<T>(in TileWeights<T> tile, T* input, T* output, long outputChannelStride, int length, bool relu, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int vw = Vector512<T>.Count, vectors = (length + vw - 1) / vw, tiles = (vectors + TileVectors - 1) / TileVectors;
        for (int t = 0; t < tiles; t++)
        {
            int first = vectors * t / tiles, count = vectors * (t + 1) / tiles - first, p0 = first * vw, left = length - p0;
            var at = new TileVectors<T>(input + p0, vw, 2L * vw, 3L * vw, output + p0, vw, 2L * vw, 3L * vw, outputChannelStride, count,
                MaskedVector.Mask<T>(left), MaskedVector.Mask<T>(left - vw), MaskedVector.Mask<T>(left - 2 * vw), MaskedVector.Mask<T>(left - 3 * vw));
            Tile(tile, at, relu, accumulate);
        }
    }

    /// <summary>dx [N, C, H, W] += the input gradient of the layer: dY padded on the input's grid, slid over by the flipped kernel.</summary>
    public static void InputGradient<T>(in Conv2dGeometry g, T* dy, T* w, T* dx, int workers) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // dX[c, q] = Σ_{o, ki, kj} w[o, c, ki, kj] · dYgrid[o, q − ki·W − kj], q over the whole H·W plane (every lane is an input
        // position), with dYgrid the output gradient on the input's grid: zero at x ≥ OW and outside the OH rows. dYgrid sits
        // after `front` = (KH − 1)·W + KW − 1 zeros, so every read index is ≥ 0, and ends at the plane's length.
        // The padding zeros meet every weight, so an infinite weight makes NaN (0·∞) at the border positions where
        // col2im would give ±∞ or a finite value; with such a weight the forward's outputs are already all non-finite.
        int front = (g.KH - 1) * g.W + g.KW - 1;
        int padded = RoundUp<T>(front + g.InputPlane);
        int tiles = (g.Cg + TileChannels - 1) / TileChannels;
        int k = g.Og * g.KH * g.KW;
        int panelLength = g.G * tiles * (k + 1) * TileChannels;
        long scratchPerWorker = (long)g.O * padded;
        T[] rented = ArrayPool<T>.Shared.Rent(checked((int)(panelLength + scratchPerWorker * workers)));
        int[] offsets = ArrayPool<int>.Shared.Rent(k);
        try
        {
            fixed (T* panel = rented)
            fixed (int* offs = offsets)
            {
                // Tile t of group grp holds, for output (here: input) channel c = 6t + lane, w[grp·Og + o, c, ki, kj] at row (o, ki, kj).
                new Span<T>(panel, panelLength).Clear();
                for (int grp = 0; grp < g.G; grp++)
                for (int c = 0; c < g.Cg; c++)
                {
                    T* tile = panel + ((long)grp * tiles + c / TileChannels) * (k + 1) * TileChannels;
                    int lane = c % TileChannels, row = 0;
                    for (int o = 0; o < g.Og; o++)
                    for (int ki = 0; ki < g.KH; ki++)
                    for (int kj = 0; kj < g.KW; kj++, row++)
                        tile[(long)row * TileChannels + lane] = w[(((long)grp * g.Og + o) * g.Cg + c) * g.KH * g.KW + ki * g.KW + kj];
                }
                Offsets(g, g.Og, padded, front, direction: -1, offs);
                var body = new InputGradientBody<T>(g, dy, panel, tiles, k, offs, dx, workers, panel + panelLength, scratchPerWorker, padded, front);
                if (workers == 1) body.Invoke(0);
                else CpuWorkers.For(workers, ref body, workers);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
            ArrayPool<int>.Shared.Return(offsets);
        }
    }

    private readonly struct InputGradientBody<T>(Conv2dGeometry g, T* dy, T* panel, int tiles, int k, int* offsets, T* dx, int workers,
        T* scratch, long scratchPerWorker, int padded, int front) : IParallelBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Invoke(int worker)
        {
            int vw = Vector512<T>.Count, l = g.L, oh = g.OH, ow = g.OW, iw = g.W, plane = g.InputPlane;
            int start = (int)((long)g.N * worker / workers), end = (int)((long)g.N * (worker + 1) / workers);
            T* dyGrid = scratch + worker * scratchPerWorker;
            for (int n = start; n < end; n++)
            {
                new Span<T>(dyGrid, (int)scratchPerWorker).Clear();
                for (int o = 0; o < g.O; o++)
                for (int row = 0; row < oh; row++)
                    new ReadOnlySpan<T>(dy + ((long)n * g.O + o) * l + (long)row * ow, ow).CopyTo(new Span<T>(dyGrid + (long)o * padded + front + (long)row * iw, ow));
                for (int grp = 0; grp < g.G; grp++)
                for (int t = 0; t < tiles; t++)
                {
                    var tile = new TileWeights<T>(panel + ((long)grp * tiles + t) * (k + 1) * TileChannels, offsets, k, Math.Min(TileChannels, g.Cg - t * TileChannels));
                    T* input = dyGrid + (long)grp * g.Og * padded;
                    T* output = dx + ((long)n * g.C + (long)grp * g.Cg + t * TileChannels) * plane;
                    RunTiles(tile, input, output, plane, plane, relu: false, accumulate: true);
                }
            }
        }
    }

    /// <summary>dw [O, C/G, KH, KW] += Σ_n dY ⋆ x (the weight gradient).</summary>
    public static void WeightGradient<T>(in Conv2dGeometry g, T* dy, T* x, T* dw, int workers) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layout = LayoutOf<T>(g);
        int vw = Vector512<T>.Count, length = g.O * g.K;
        // Rows: dY is read in place, row by row. Grid: each worker copies its images' dY onto the input's grid (zeros at
        // x ≥ OW), one flat run per channel; the mask of each run vector also drops those lanes from x, so an infinite input
        // value there cannot turn a 0 · ∞ into NaN.
        bool grid = layout == SlidingLayout.Grid;
        int run = grid ? GridLength(g) : g.OW;
        int vectors = (run + vw - 1) / vw;
        int maxImages = (g.N + workers - 1) / workers;
        long gridPerWorker = grid ? (long)maxImages * g.O * RoundUp<T>(run) : 0;
        long perWorker = length + gridPerWorker;
        long maskElements = (long)vectors * vw;
        T[] rented = ArrayPool<T>.Shared.Rent(checked((int)(perWorker * workers + maskElements + vw)));
        try
        {
            fixed (T* buffer = rented)
            {
                // Vector512 masks must be 64-byte aligned to be read as vectors: the table starts at the first aligned element.
                T* partials = buffer;
                var masks = (Vector512<T>*)(((nint)(buffer + perWorker * workers) + 63) & ~(nint)63);
                T* lanes = stackalloc T[Vector512<T>.Count];
                for (int v = 0; v < vectors; v++)
                {
                    var mask = MaskedVector.Mask<T>(run - v * vw);
                    if (grid)
                    {
                        // Also off: the lanes whose grid column is past the output's.
                        for (int j = 0; j < vw; j++) lanes[j] = (v * vw + j) % g.W < g.OW ? T.One : T.Zero;
                        mask &= Vector512.GreaterThan(Vector512.Load(lanes), Vector512<T>.Zero);
                    }
                    masks[v] = mask;
                }
                for (int i = 0; i < workers; i++) new Span<T>(partials + i * perWorker, length).Clear();
                var body = new WeightGradientBody<T>(g, grid, dy, x, partials, perWorker, length, masks, vectors, run, workers);
                if (workers == 1) body.Invoke(0);
                else CpuWorkers.For(workers, ref body, workers);
                // The workers' partial sums, added in a fixed order (so the result does not depend on timing).
                var target = new Span<T>(dw, length);
                for (int i = 0; i < workers; i++)
                    System.Numerics.Tensors.TensorPrimitives.Add(target, new ReadOnlySpan<T>(partials + i * perWorker, length), target);
            }
        }
        finally { ArrayPool<T>.Shared.Return(rented); }
    }

    private readonly struct WeightGradientBody<T>(Conv2dGeometry g, bool grid, T* dy, T* x, T* partials, long perWorker, int length,
        Vector512<T>* masks, int vectors, int run, int workers) : IParallelBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Invoke(int worker)
        {
            int start = (int)((long)g.N * worker / workers), end = (int)((long)g.N * (worker + 1) / workers);
            if (end <= start) return;
            T* dw = partials + worker * perWorker;
            int l = g.L, ow = g.OW, iw = g.W, oh = g.OH;
            // Where channel o's dY of image `start` begins, and the strides between images, channels and segments.
            T* dyBase = dy + (long)start * g.O * l;
            long dImage = (long)g.O * l, dChannel = l, dSegment = ow;
            int segments = oh;
            if (grid)
            {
                int stride = RoundUp<T>(run);
                // Not cleared: the lanes between the rows (x ≥ OW) and past the run are masked off in every load, so they
                // are never read (clearing them cost a memset of the whole copy per call, ~0.7 MB per worker for LeNet's
                // conv1 at batch 64).
                T* copy = dw + length;
                for (int n = start; n < end; n++)
                for (int o = 0; o < g.O; o++)
                for (int row = 0; row < oh; row++)
                    new ReadOnlySpan<T>(dy + ((long)n * g.O + o) * l + (long)row * ow, ow)
                        .CopyTo(new Span<T>(copy + ((long)(n - start) * g.O + o) * stride + (long)row * iw, ow));
                dyBase = copy;
                dImage = (long)g.O * stride;
                dChannel = stride;
                dSegment = 0;
                segments = 1;
            }
            var shape = new GradientRuns<T>(dImage, dChannel, dSegment, (long)g.C * g.InputPlane, grid ? 0 : iw, segments, vectors, end - start, masks);
            for (int grp = 0; grp < g.G; grp++)
            for (int c = 0; c < g.Cg; c++)
            for (int ki = 0; ki < g.KH; ki++)
            for (int o = 0; o < g.Og; o += 4)
            for (int kj = 0; kj < g.KW; kj += 5)
            {
                int channels = Math.Min(4, g.Og - o), shifts = Math.Min(5, g.KW - kj);
                T* d = dyBase + ((long)grp * g.Og + o) * dChannel;
                T* xs = x + ((long)start * g.C + (long)grp * g.Cg + c) * g.InputPlane + (long)ki * iw + kj;
                T* target = dw + ((long)grp * g.Og + o) * g.K + ((long)c * g.KH + ki) * g.KW + kj;
                switch (channels)
                {
                    case 4: GradientTileOf<T, C4>(shape, shifts, d, xs, target, g.K); break;
                    case 3: GradientTileOf<T, C3>(shape, shifts, d, xs, target, g.K); break;
                    case 2: GradientTileOf<T, C2>(shape, shifts, d, xs, target, g.K); break;
                    default: GradientTileOf<T, C1>(shape, shifts, d, xs, target, g.K); break;
                }
            }
        }
    }
}
