using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Kernels.Cpu.Convolution;

/// <summary>
/// The stride-1 unpadded convolution computed from the input rows themselves, with no column matrix: output row y of
/// channel o is Σ_{c, ki, kj} w[o, c, ki, kj] · x[c, y + ki, kj : kj + OW], so a tile of output rows is a sum of shifted
/// input rows times broadcast weights, and the weight gradient dW[o, c, ki, kj] = Σ_{y} dY[o, y, :] · x[c, y + ki, kj : kj + OW]
/// is a dot product of each dY row with shifted input rows. Rows are cut into vectors; the last, shorter one is read and
/// written with AVX-512 masks, so nothing is read or written past a row's end (or past the buffers).
/// </summary>
/// <remarks>
/// This replaces <see cref="DirectConv"/>'s im2col for layers like LeNet's first (3 → 6 channels, 5×5, 32×32 input): its
/// column matrix is 75 rows × 784 = 235 KB per image, written by im2col and read back twice per step (forward and weight
/// gradient), which took a third of a b=4 training step; here every operand stays in L1. It applies when the output rows
/// fill at least three quarters of their vectors (28 of 32 lanes for LeNet's first layer; its second layer, 10 of 16, keeps
/// the column path). The input gradient still goes through <see cref="DirectConv"/> (col2im).
/// </remarks>
internal static unsafe class SlidingConv
{
    /// <summary>Output rows per forward tile.</summary>
    private const int TileRows = 4;

    /// <summary>Output channels per forward tile: 4 rows × 6 channels are 24 accumulators, plus 4 input rows and a broadcast.</summary>
    private const int TileChannels = 6;

    /// <summary>True when the sliding path applies: AVX-512, unit stride, no padding or dilation, rows that fill their vectors.</summary>
    public static bool Applies<T>(in Conv2dGeometry g) where T : unmanaged
    {
        int w = Vector512<T>.Count;
        int rounded = (g.OW + w - 1) / w * w;
        return Avx512F.IsSupported && DirectConv.Applies(g) && g.SH == 1 && g.SW == 1 && g.PH == 0 && g.PW == 0 && g.DH == 1 && g.DW == 1
            && g.OW > 0 && 4L * g.OW >= 3L * rounded;
    }

    /// <summary>y [N, O, OH, OW] = act(conv(x, w) + b), act being ReLU when <paramref name="relu"/> (b may be null).</summary>
    public static void Forward<T>(in Conv2dGeometry g, T* x, T* w, T* b, T* y, bool relu, int workers) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The weights of each 6-channel tile, reordered so the 6 values one input row meets are adjacent, and zero-padded
        // (with the bias) to whole tiles: the kernel always computes 6 channels and stores the valid ones.
        int tiles = (g.Og + TileChannels - 1) / TileChannels;
        int panelLength = g.G * tiles * (g.K + 1) * TileChannels;
        T[] rented = ArrayPool<T>.Shared.Rent(panelLength);
        try
        {
            fixed (T* panel = rented)
            {
                new Span<T>(panel, panelLength).Clear();
                for (int grp = 0; grp < g.G; grp++)
                for (int o = 0; o < g.Og; o++)
                {
                    T* tile = panel + ((long)grp * tiles + o / TileChannels) * (g.K + 1) * TileChannels;
                    int lane = o % TileChannels;
                    T* wo = w + ((long)grp * g.Og + o) * g.K;
                    for (int k = 0; k < g.K; k++) tile[(long)k * TileChannels + lane] = wo[k];
                    if (b is not null) tile[(long)g.K * TileChannels + lane] = b[grp * g.Og + o];
                }
                var body = new ForwardBody<T>(g, x, panel, tiles, y, relu, workers);
                if (workers == 1) body.Invoke(0);
                else CpuWorkers.For(workers, ref body, workers);
            }
        }
        finally { ArrayPool<T>.Shared.Return(rented); }
    }

    /// <summary>dw [O, C/G, KH, KW] += Σ_n dY ⋆ x (the weight gradient only; the caller forms dX elsewhere).</summary>
    public static void WeightGradient<T>(in Conv2dGeometry g, T* dy, T* x, T* dw, int workers) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = g.O * g.K;
        T[] rented = ArrayPool<T>.Shared.Rent(checked(length * workers));
        try
        {
            fixed (T* partials = rented)
            {
                new Span<T>(partials, length * workers).Clear();
                var body = new WeightGradientBody<T>(g, dy, x, partials, workers);
                if (workers == 1) body.Invoke(0);
                else CpuWorkers.For(workers, ref body, workers);
                // The workers' partial sums, added in a fixed order (so the result does not depend on timing).
                var target = new Span<T>(dw, length);
                for (int i = 0; i < workers; i++)
                    System.Numerics.Tensors.TensorPrimitives.Add(target, new ReadOnlySpan<T>(partials + (long)i * length, length), target);
            }
        }
        finally { ArrayPool<T>.Shared.Return(rented); }
    }

    private readonly struct ForwardBody<T>(Conv2dGeometry g, T* x, T* panel, int tiles, T* y, bool relu, int workers) : IParallelBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Invoke(int worker)
        {
            int vw = Vector512<T>.Count, l = g.L;
            int start = (int)((long)g.N * worker / workers), end = (int)((long)g.N * (worker + 1) / workers);
            for (int n = start; n < end; n++)
            for (int grp = 0; grp < g.G; grp++)
            {
                T* xg = x + ((long)n * g.C + (long)grp * g.Cg) * g.InputPlane;
                for (int t = 0; t < tiles; t++)
                {
                    T* weights = panel + ((long)grp * tiles + t) * (g.K + 1) * TileChannels;
                    int channels = Math.Min(TileChannels, g.Og - t * TileChannels);
                    T* yt = y + ((long)n * g.O + (long)grp * g.Og + t * TileChannels) * l;
                    for (int y0 = 0; y0 < g.OH; y0 += TileRows)
                    for (int x0 = 0; x0 < g.OW; x0 += vw)
                        ForwardTile(g, xg, weights, yt, y0, Math.Min(TileRows, g.OH - y0), x0, Math.Min(vw, g.OW - x0), channels, relu);
                }
            }
        }
    }

    /// <summary>
    /// Output rows [y0, y0 + rows) × columns [x0, x0 + valid) of 6 channels (the first <paramref name="channels"/> stored).
    /// A tile of fewer than 4 rows repeats its last row in the spare accumulators and does not store them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardTile<T>(in Conv2dGeometry g, T* xg, T* weights, T* yt, int y0, int rows, int x0, int valid, int channels, bool relu)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Every size is read into a local first: Conv2dGeometry's computed properties are calls, and a call inside the
        // loops would make the JIT keep the 24 accumulators on the stack.
        int cg = g.Cg, kh = g.KH, kw = g.KW, ow = g.OW;
        long plane = g.InputPlane, l = g.L;
        var mask = Mask<T>(valid);
        long iw = g.W, r1 = Math.Min(1, rows - 1) * iw, r2 = Math.Min(2, rows - 1) * iw, r3 = Math.Min(3, rows - 1) * iw;
        T* bias = weights + (long)g.K * TileChannels;
        Vector512<T> a00, a01, a02, a03, a04, a05, a10, a11, a12, a13, a14, a15;
        Vector512<T> a20, a21, a22, a23, a24, a25, a30, a31, a32, a33, a34, a35;
        a00 = a10 = a20 = a30 = Vector512.Create(bias[0]);
        a01 = a11 = a21 = a31 = Vector512.Create(bias[1]);
        a02 = a12 = a22 = a32 = Vector512.Create(bias[2]);
        a03 = a13 = a23 = a33 = Vector512.Create(bias[3]);
        a04 = a14 = a24 = a34 = Vector512.Create(bias[4]);
        a05 = a15 = a25 = a35 = Vector512.Create(bias[5]);
        T* wk = weights;
        for (int c = 0; c < cg; c++)
        for (int ki = 0; ki < kh; ki++)
        {
            T* row = xg + c * plane + (y0 + ki) * iw + x0;
            for (int kj = 0; kj < kw; kj++, wk += TileChannels)
            {
                var x0v = Load(row + kj, mask);
                var x1v = Load(row + r1 + kj, mask);
                var x2v = Load(row + r2 + kj, mask);
                var x3v = Load(row + r3 + kj, mask);
                Vector512<T> s;
                s = Vector512.Create(wk[0]); a00 = Fma(x0v, s, a00); a10 = Fma(x1v, s, a10); a20 = Fma(x2v, s, a20); a30 = Fma(x3v, s, a30);
                s = Vector512.Create(wk[1]); a01 = Fma(x0v, s, a01); a11 = Fma(x1v, s, a11); a21 = Fma(x2v, s, a21); a31 = Fma(x3v, s, a31);
                s = Vector512.Create(wk[2]); a02 = Fma(x0v, s, a02); a12 = Fma(x1v, s, a12); a22 = Fma(x2v, s, a22); a32 = Fma(x3v, s, a32);
                s = Vector512.Create(wk[3]); a03 = Fma(x0v, s, a03); a13 = Fma(x1v, s, a13); a23 = Fma(x2v, s, a23); a33 = Fma(x3v, s, a33);
                s = Vector512.Create(wk[4]); a04 = Fma(x0v, s, a04); a14 = Fma(x1v, s, a14); a24 = Fma(x2v, s, a24); a34 = Fma(x3v, s, a34);
                s = Vector512.Create(wk[5]); a05 = Fma(x0v, s, a05); a15 = Fma(x1v, s, a15); a25 = Fma(x2v, s, a25); a35 = Fma(x3v, s, a35);
            }
        }
        T* out0 = yt + (long)y0 * ow + x0;
        StoreRow(out0, l, channels, mask, relu, a00, a01, a02, a03, a04, a05);
        if (rows > 1) StoreRow(out0 + ow, l, channels, mask, relu, a10, a11, a12, a13, a14, a15);
        if (rows > 2) StoreRow(out0 + 2L * ow, l, channels, mask, relu, a20, a21, a22, a23, a24, a25);
        if (rows > 3) StoreRow(out0 + 3L * ow, l, channels, mask, relu, a30, a31, a32, a33, a34, a35);
    }

    /// <summary>One output row's vector for the tile's channels (plane stride <paramref name="l"/>), ReLU first if asked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<T>(T* at, long l, int channels, Vector512<T> mask, bool relu,
        Vector512<T> v0, Vector512<T> v1, Vector512<T> v2, Vector512<T> v3, Vector512<T> v4, Vector512<T> v5)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (relu)
        {
            var zero = Vector512<T>.Zero;
            v0 = Vector512.Max(v0, zero); v1 = Vector512.Max(v1, zero); v2 = Vector512.Max(v2, zero);
            v3 = Vector512.Max(v3, zero); v4 = Vector512.Max(v4, zero); v5 = Vector512.Max(v5, zero);
        }
        Store(at, mask, v0);
        if (channels > 1) Store(at + l, mask, v1);
        if (channels > 2) Store(at + 2 * l, mask, v2);
        if (channels > 3) Store(at + 3 * l, mask, v3);
        if (channels > 4) Store(at + 4 * l, mask, v4);
        if (channels > 5) Store(at + 5 * l, mask, v5);
    }

    private readonly struct WeightGradientBody<T>(Conv2dGeometry g, T* dy, T* x, T* partials, int workers) : IParallelBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Invoke(int worker)
        {
            int start = (int)((long)g.N * worker / workers), end = (int)((long)g.N * (worker + 1) / workers);
            T* dw = partials + (long)worker * g.O * g.K;
            for (int grp = 0; grp < g.G; grp++)
            for (int c = 0; c < g.Cg; c++)
            for (int ki = 0; ki < g.KH; ki++)
            for (int o = 0; o < g.Og; o += 3)
            for (int kj = 0; kj < g.KW; kj += 5)
            {
                int channels = Math.Min(3, g.Og - o), shifts = Math.Min(5, g.KW - kj);
                var at = new TileOfWeights(grp, c, ki, o, kj, start, end);
                switch (channels)
                {
                    case 3: GradientTileOf<T, C3>(g, at, shifts, dy, x, dw); break;
                    case 2: GradientTileOf<T, C2>(g, at, shifts, dy, x, dw); break;
                    default: GradientTileOf<T, C1>(g, at, shifts, dy, x, dw); break;
                }
            }
        }
    }

    /// <summary>Which weights a gradient tile sums: channels o.., input channel c, kernel row ki, columns kj.., images [start, end).</summary>
    private readonly record struct TileOfWeights(int Group, int C, int KI, int O, int KJ, int Start, int End);

    private static void GradientTileOf<T, TO>(in Conv2dGeometry g, in TileOfWeights at, int shifts, T* dy, T* x, T* dw)
        where T : unmanaged, IFloatingPointIeee754<T> where TO : struct, ICount
    {
        switch (shifts)
        {
            case 5: GradientTile<T, TO, C5>(g, at, dy, x, dw); break;
            case 4: GradientTile<T, TO, C4>(g, at, dy, x, dw); break;
            case 3: GradientTile<T, TO, C3>(g, at, dy, x, dw); break;
            case 2: GradientTile<T, TO, C2>(g, at, dy, x, dw); break;
            default: GradientTile<T, TO, C1>(g, at, dy, x, dw); break;
        }
    }

    /// <summary>
    /// dw[o + i, c, ki, kj + j] += Σ_{n, y} dY[n, o + i, y, :] · x[n, c, y + ki, kj + j : kj + j + OW] for <typeparamref name="TO"/> (≤ 3)
    /// channels × <typeparamref name="TK"/> (≤ 5) kernel columns: 15 vector accumulators held over all the range's images and
    /// rows, reduced once. The masked lanes of a row's last vector load as zeros in both operands.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GradientTile<T, TO, TK>(in Conv2dGeometry g, in TileOfWeights at, T* dy, T* x, T* dw)
        where T : unmanaged, IFloatingPointIeee754<T> where TO : struct, ICount where TK : struct, ICount
    {
        // Sizes in locals: Conv2dGeometry's computed properties are calls, which would push the accumulators to the stack.
        int vw = Vector512<T>.Count, ow = g.OW, oh = g.OH, o = g.O, og = g.Og, c = g.C, cg = g.Cg, k = g.K;
        long l = g.L, plane = g.InputPlane, iw = g.W;
        Vector512<T> s00 = default, s01 = default, s02 = default, s03 = default, s04 = default;
        Vector512<T> s10 = default, s11 = default, s12 = default, s13 = default, s14 = default;
        Vector512<T> s20 = default, s21 = default, s22 = default, s23 = default, s24 = default;
        for (int n = at.Start; n < at.End; n++)
        {
            T* d = dy + ((long)n * o + (long)at.Group * og + at.O) * l;
            T* xr = x + ((long)n * c + (long)at.Group * cg + at.C) * plane + at.KI * iw + at.KJ;
            for (int y = 0; y < oh; y++, d += ow, xr += iw)
            for (int x0 = 0; x0 < ow; x0 += vw)
            {
                var mask = Mask<T>(ow - x0);
                var d0 = Load(d + x0, mask);
                var d1 = TO.Value > 1 ? Load(d + l + x0, mask) : default;
                var d2 = TO.Value > 2 ? Load(d + 2 * l + x0, mask) : default;
                Vector512<T> v;
                { v = Load(xr + x0, mask); s00 = Fma(d0, v, s00); if (TO.Value > 1) s10 = Fma(d1, v, s10); if (TO.Value > 2) s20 = Fma(d2, v, s20); }
                if (TK.Value > 1) { v = Load(xr + x0 + 1, mask); s01 = Fma(d0, v, s01); if (TO.Value > 1) s11 = Fma(d1, v, s11); if (TO.Value > 2) s21 = Fma(d2, v, s21); }
                if (TK.Value > 2) { v = Load(xr + x0 + 2, mask); s02 = Fma(d0, v, s02); if (TO.Value > 1) s12 = Fma(d1, v, s12); if (TO.Value > 2) s22 = Fma(d2, v, s22); }
                if (TK.Value > 3) { v = Load(xr + x0 + 3, mask); s03 = Fma(d0, v, s03); if (TO.Value > 1) s13 = Fma(d1, v, s13); if (TO.Value > 2) s23 = Fma(d2, v, s23); }
                if (TK.Value > 4) { v = Load(xr + x0 + 4, mask); s04 = Fma(d0, v, s04); if (TO.Value > 1) s14 = Fma(d1, v, s14); if (TO.Value > 2) s24 = Fma(d2, v, s24); }
            }
        }
        T* w0 = dw + ((long)at.Group * og + at.O) * k + ((long)at.C * g.KH + at.KI) * g.KW + at.KJ;
        AddSums<T, TK>(w0, s00, s01, s02, s03, s04);
        if (TO.Value > 1) AddSums<T, TK>(w0 + k, s10, s11, s12, s13, s14);
        if (TO.Value > 2) AddSums<T, TK>(w0 + 2L * k, s20, s21, s22, s23, s24);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddSums<T, TK>(T* target, Vector512<T> v0, Vector512<T> v1, Vector512<T> v2, Vector512<T> v3, Vector512<T> v4)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, ICount
    {
        target[0] += Vector512.Sum(v0);
        if (TK.Value > 1) target[1] += Vector512.Sum(v1);
        if (TK.Value > 2) target[2] += Vector512.Sum(v2);
        if (TK.Value > 3) target[3] += Vector512.Sum(v3);
        if (TK.Value > 4) target[4] += Vector512.Sum(v4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Mask<T>(int valid) where T : unmanaged, INumber<T> => MaskedVector.Mask<T>(valid);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Load<T>(T* p, Vector512<T> mask) where T : unmanaged => MaskedVector.Load(p, mask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(T* p, Vector512<T> mask, Vector512<T> v) where T : unmanaged => MaskedVector.Store(p, mask, v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> x, Vector512<T> y, Vector512<T> z) where T : unmanaged, IFloatingPointIeee754<T> =>
        VectorFma<T>.Of(x, y, z);
}
