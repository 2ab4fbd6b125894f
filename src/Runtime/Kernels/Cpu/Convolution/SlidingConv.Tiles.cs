using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels.Cpu.Convolution;

/// <summary>
/// A tile's weights: <see cref="Count"/> rows of 6 adjacent values (one per output channel of the tile), then 6 biases;
/// row i multiplies the input at <c>Offsets[i]</c> past each vector's position.
/// </summary>
internal readonly unsafe struct TileWeights<T>(T* panel, int* offsets, int count, int channels) where T : unmanaged
{
    public readonly T* Panel = panel;
    public readonly int* Offsets = offsets;
    public readonly int Count = count;

    /// <summary>How many of the tile's 6 channels are stored (the rest are zero padding).</summary>
    public readonly int Channels = channels;
}

/// <summary>
/// The four vectors of a tile: where each reads its input (relative to <see cref="Input"/>) and stores its output, the
/// output's channel stride, how many of the four are stored and which lanes each covers.
/// </summary>
internal readonly unsafe struct TileVectors<T>(T* input, long in1, long in2, long in3, T* output, long out1, long out2, long out3,
    long channelStride, int count, Vector512<T> mask0, Vector512<T> mask1, Vector512<T> mask2, Vector512<T> mask3) where T : unmanaged
{
    public readonly T* Input = input, Output = output;
    public readonly long In1 = in1, In2 = in2, In3 = in3, Out1 = out1, Out2 = out2, Out3 = out3, ChannelStride = channelStride;
    public readonly int Count = count;
    public readonly Vector512<T> Mask0 = mask0, Mask1 = mask1, Mask2 = mask2, Mask3 = mask3;
}

/// <summary>
/// How the weight gradient walks dY and x: per image (strides), per dY channel, then <see cref="Segments"/> segments
/// (output rows, or one grid run) of <see cref="Vectors"/> vectors each, masked by <see cref="Masks"/>[v].
/// </summary>
internal readonly unsafe struct GradientRuns<T>(long dImage, long dChannel, long dSegment, long xImage, long xSegment, int segments,
    int vectors, int images, Vector512<T>* masks) where T : unmanaged
{
    public readonly long DImage = dImage, DChannel = dChannel, DSegment = dSegment, XImage = xImage, XSegment = xSegment;
    public readonly int Segments = segments, Vectors = vectors, Images = images;
    public readonly Vector512<T>* Masks = masks;
}

internal static unsafe partial class SlidingConv
{
    /// <summary>
    /// out[channel j, vector r] (+)= act(bias_j + Σ_i weight[i, j] · input[vector r + offset i]) for the tile's 6 channels and
    /// <see cref="TileVectors{T}.Count"/> (≤ 4) vectors: up to 24 accumulators; each weight row costs a masked load per
    /// vector, 6 broadcasts and 6 FMAs per vector.
    /// </summary>
    private static void Tile<T>(in TileWeights<T> weights, in TileVectors<T> at, bool relu, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (at.Count)
        {
            case 4: TileOf<T, C4>(weights, at, relu, accumulate); break;
            case 3: TileOf<T, C3>(weights, at, relu, accumulate); break;
            case 2: TileOf<T, C2>(weights, at, relu, accumulate); break;
            default: TileOf<T, C1>(weights, at, relu, accumulate); break;
        }
    }

    /// <summary>The tile of <typeparamref name="TV"/> (≤ 4) vectors: the JIT drops the other vectors' accumulators and loads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TileOf<T, TV>(in TileWeights<T> weights, in TileVectors<T> at, bool relu, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct, ICount
    {
        // Everything the loop reads goes into locals first, so the JIT keeps the accumulators in registers.
        T* input = at.Input, wk = weights.Panel;
        int* offsets = weights.Offsets;
        int count = weights.Count;
        long in1 = at.In1, in2 = at.In2, in3 = at.In3;
        var m0 = at.Mask0;
        var m1 = at.Mask1;
        var m2 = at.Mask2;
        var m3 = at.Mask3;
        T* bias = wk + (long)count * TileChannels;
        Vector512<T> a00, a01, a02, a03, a04, a05, a10, a11, a12, a13, a14, a15;
        Vector512<T> a20, a21, a22, a23, a24, a25, a30, a31, a32, a33, a34, a35;
        a00 = a10 = a20 = a30 = Vector512.Create(bias[0]);
        a01 = a11 = a21 = a31 = Vector512.Create(bias[1]);
        a02 = a12 = a22 = a32 = Vector512.Create(bias[2]);
        a03 = a13 = a23 = a33 = Vector512.Create(bias[3]);
        a04 = a14 = a24 = a34 = Vector512.Create(bias[4]);
        a05 = a15 = a25 = a35 = Vector512.Create(bias[5]);
        for (int i = 0; i < count; i++, wk += TileChannels)
        {
            T* p = input + offsets[i];
            var x0 = MaskedVector.Load(p, m0);
            var x1 = TV.Value > 1 ? MaskedVector.Load(p + in1, m1) : default;
            var x2 = TV.Value > 2 ? MaskedVector.Load(p + in2, m2) : default;
            var x3 = TV.Value > 3 ? MaskedVector.Load(p + in3, m3) : default;
            Vector512<T> s;
            s = Vector512.Create(wk[0]); a00 = Fma(x0, s, a00); if (TV.Value > 1) a10 = Fma(x1, s, a10); if (TV.Value > 2) a20 = Fma(x2, s, a20); if (TV.Value > 3) a30 = Fma(x3, s, a30);
            s = Vector512.Create(wk[1]); a01 = Fma(x0, s, a01); if (TV.Value > 1) a11 = Fma(x1, s, a11); if (TV.Value > 2) a21 = Fma(x2, s, a21); if (TV.Value > 3) a31 = Fma(x3, s, a31);
            s = Vector512.Create(wk[2]); a02 = Fma(x0, s, a02); if (TV.Value > 1) a12 = Fma(x1, s, a12); if (TV.Value > 2) a22 = Fma(x2, s, a22); if (TV.Value > 3) a32 = Fma(x3, s, a32);
            s = Vector512.Create(wk[3]); a03 = Fma(x0, s, a03); if (TV.Value > 1) a13 = Fma(x1, s, a13); if (TV.Value > 2) a23 = Fma(x2, s, a23); if (TV.Value > 3) a33 = Fma(x3, s, a33);
            s = Vector512.Create(wk[4]); a04 = Fma(x0, s, a04); if (TV.Value > 1) a14 = Fma(x1, s, a14); if (TV.Value > 2) a24 = Fma(x2, s, a24); if (TV.Value > 3) a34 = Fma(x3, s, a34);
            s = Vector512.Create(wk[5]); a05 = Fma(x0, s, a05); if (TV.Value > 1) a15 = Fma(x1, s, a15); if (TV.Value > 2) a25 = Fma(x2, s, a25); if (TV.Value > 3) a35 = Fma(x3, s, a35);
        }
        T* output = at.Output;
        long cs = at.ChannelStride;
        int channels = weights.Channels;
        StoreVector(output, cs, channels, m0, relu, accumulate, a00, a01, a02, a03, a04, a05);
        if (TV.Value > 1) StoreVector(output + at.Out1, cs, channels, m1, relu, accumulate, a10, a11, a12, a13, a14, a15);
        if (TV.Value > 2) StoreVector(output + at.Out2, cs, channels, m2, relu, accumulate, a20, a21, a22, a23, a24, a25);
        if (TV.Value > 3) StoreVector(output + at.Out3, cs, channels, m3, relu, accumulate, a30, a31, a32, a33, a34, a35);
    }

    /// <summary>One vector position for the tile's channels (channel stride <paramref name="cs"/>): added to what is there, or ReLU'd, then stored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreVector<T>(T* at, long cs, int channels, Vector512<T> mask, bool relu, bool accumulate,
        Vector512<T> v0, Vector512<T> v1, Vector512<T> v2, Vector512<T> v3, Vector512<T> v4, Vector512<T> v5)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (accumulate)
        {
            v0 += MaskedVector.Load(at, mask);
            if (channels > 1) v1 += MaskedVector.Load(at + cs, mask);
            if (channels > 2) v2 += MaskedVector.Load(at + 2 * cs, mask);
            if (channels > 3) v3 += MaskedVector.Load(at + 3 * cs, mask);
            if (channels > 4) v4 += MaskedVector.Load(at + 4 * cs, mask);
            if (channels > 5) v5 += MaskedVector.Load(at + 5 * cs, mask);
        }
        if (relu)
        {
            var zero = Vector512<T>.Zero;
            v0 = Vector512.Max(v0, zero); v1 = Vector512.Max(v1, zero); v2 = Vector512.Max(v2, zero);
            v3 = Vector512.Max(v3, zero); v4 = Vector512.Max(v4, zero); v5 = Vector512.Max(v5, zero);
        }
        MaskedVector.Store(at, mask, v0);
        if (channels > 1) MaskedVector.Store(at + cs, mask, v1);
        if (channels > 2) MaskedVector.Store(at + 2 * cs, mask, v2);
        if (channels > 3) MaskedVector.Store(at + 3 * cs, mask, v3);
        if (channels > 4) MaskedVector.Store(at + 4 * cs, mask, v4);
        if (channels > 5) MaskedVector.Store(at + 5 * cs, mask, v5);
    }

    private static void GradientTileOf<T, TO>(in GradientRuns<T> runs, int shifts, T* dy, T* x, T* dw, long k)
        where T : unmanaged, IFloatingPointIeee754<T> where TO : struct, ICount
    {
        switch (shifts)
        {
            case 5: GradientTile<T, TO, C5>(runs, dy, x, dw, k); break;
            case 4: GradientTile<T, TO, C4>(runs, dy, x, dw, k); break;
            case 3: GradientTile<T, TO, C3>(runs, dy, x, dw, k); break;
            case 2: GradientTile<T, TO, C2>(runs, dy, x, dw, k); break;
            default: GradientTile<T, TO, C1>(runs, dy, x, dw, k); break;
        }
    }

    /// <summary>
    /// dw[i, j] += Σ over images, segments and vectors of dY[channel i] · x[shift j] for <typeparamref name="TO"/> (≤ 4) dY channels
    /// (weight rows k apart) × <typeparamref name="TK"/> (≤ 5) consecutive kernel columns: 20 vector accumulators held over the
    /// whole image range, reduced once. Masked lanes load as zeros in both operands.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GradientTile<T, TO, TK>(in GradientRuns<T> runs, T* dy, T* x, T* dw, long k)
        where T : unmanaged, IFloatingPointIeee754<T> where TO : struct, ICount where TK : struct, ICount
    {
        // Strides in locals: reading them from the struct inside the loops could push the accumulators to the stack.
        int vw = Vector512<T>.Count, segments = runs.Segments, vectors = runs.Vectors, images = runs.Images;
        long dImage = runs.DImage, dChannel = runs.DChannel, dSegment = runs.DSegment, xImage = runs.XImage, xSegment = runs.XSegment;
        Vector512<T>* masks = runs.Masks;
        Vector512<T> s00 = default, s01 = default, s02 = default, s03 = default, s04 = default;
        Vector512<T> s10 = default, s11 = default, s12 = default, s13 = default, s14 = default;
        Vector512<T> s20 = default, s21 = default, s22 = default, s23 = default, s24 = default;
        Vector512<T> s30 = default, s31 = default, s32 = default, s33 = default, s34 = default;
        for (int n = 0; n < images; n++)
        {
            T* d = dy + n * dImage;
            T* xr = x + n * xImage;
            for (int seg = 0; seg < segments; seg++, d += dSegment, xr += xSegment)
            for (int v = 0; v < vectors; v++)
            {
                var mask = masks[v];
                long e = (long)v * vw;
                var d0 = MaskedVector.Load(d + e, mask);
                var d1 = TO.Value > 1 ? MaskedVector.Load(d + dChannel + e, mask) : default;
                var d2 = TO.Value > 2 ? MaskedVector.Load(d + 2 * dChannel + e, mask) : default;
                var d3 = TO.Value > 3 ? MaskedVector.Load(d + 3 * dChannel + e, mask) : default;
                Vector512<T> u;
                { u = MaskedVector.Load(xr + e, mask); s00 = Fma(d0, u, s00); if (TO.Value > 1) s10 = Fma(d1, u, s10); if (TO.Value > 2) s20 = Fma(d2, u, s20); if (TO.Value > 3) s30 = Fma(d3, u, s30); }
                if (TK.Value > 1) { u = MaskedVector.Load(xr + e + 1, mask); s01 = Fma(d0, u, s01); if (TO.Value > 1) s11 = Fma(d1, u, s11); if (TO.Value > 2) s21 = Fma(d2, u, s21); if (TO.Value > 3) s31 = Fma(d3, u, s31); }
                if (TK.Value > 2) { u = MaskedVector.Load(xr + e + 2, mask); s02 = Fma(d0, u, s02); if (TO.Value > 1) s12 = Fma(d1, u, s12); if (TO.Value > 2) s22 = Fma(d2, u, s22); if (TO.Value > 3) s32 = Fma(d3, u, s32); }
                if (TK.Value > 3) { u = MaskedVector.Load(xr + e + 3, mask); s03 = Fma(d0, u, s03); if (TO.Value > 1) s13 = Fma(d1, u, s13); if (TO.Value > 2) s23 = Fma(d2, u, s23); if (TO.Value > 3) s33 = Fma(d3, u, s33); }
                if (TK.Value > 4) { u = MaskedVector.Load(xr + e + 4, mask); s04 = Fma(d0, u, s04); if (TO.Value > 1) s14 = Fma(d1, u, s14); if (TO.Value > 2) s24 = Fma(d2, u, s24); if (TO.Value > 3) s34 = Fma(d3, u, s34); }
            }
        }
        AddSums<T, TK>(dw, s00, s01, s02, s03, s04);
        if (TO.Value > 1) AddSums<T, TK>(dw + k, s10, s11, s12, s13, s14);
        if (TO.Value > 2) AddSums<T, TK>(dw + 2 * k, s20, s21, s22, s23, s24);
        if (TO.Value > 3) AddSums<T, TK>(dw + 3 * k, s30, s31, s32, s33, s34);
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
    private static Vector512<T> Fma<T>(Vector512<T> x, Vector512<T> y, Vector512<T> z) where T : unmanaged, IFloatingPointIeee754<T> =>
        VectorFma<T>.Of(x, y, z);
}
