using System.Numerics;
using ILGPU;

namespace StaticNet.Kernels.Ilgpu;

/// <summary>
/// 2-D pooling over [planes, H, W]: forwards one thread per output, backwards one thread per input element that
/// gathers the outputs whose window holds it, in the outputs' row-major order: no atomics, and the same sums (in the
/// same order) as the CPU's scatter loops.
/// </summary>
internal static class IlgpuPoolingKernels
{
    private static long Stride => (long)Grid.DimX * Group.DimX;

    /// <summary>The window maximum (NaN wins, the first of ties is kept) and its flat index in the input plane.</summary>
    public static void MaxPool<T>(ArrayView<T> y, ArrayView<long> indices, ArrayView<T> x, Pool2dGeometry g, long count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (long e = Grid.GlobalIndex.X; e < count; e += Stride)
        {
            int ow = (int)(e % g.OW), oh = (int)(e / g.OW % g.OH);
            long plane = e / ((long)g.OW * g.OH) * g.H * g.W;
            int h0 = oh * g.SH - g.PH, h1 = Math.Min(h0 + (g.KH - 1) * g.DH + 1, g.H);
            while (h0 < 0) h0 += g.DH;
            int w0 = ow * g.SW - g.PW, w1 = Math.Min(w0 + (g.KW - 1) * g.DW + 1, g.W);
            while (w0 < 0) w0 += g.DW;
            T max = T.NegativeInfinity;
            long arg = (long)h0 * g.W + w0;
            for (int ih = h0; ih < h1; ih += g.DH)
            for (int iw = w0; iw < w1; iw += g.DW)
            {
                T v = x[plane + (long)ih * g.W + iw];
                if (v > max || T.IsNaN(v))
                {
                    max = v;
                    arg = (long)ih * g.W + iw;
                }
            }
            y[e] = max;
            indices[e] = arg;
        }
    }

    /// <summary>dx[p, ih, iw] = Σ dy over the outputs whose argmax is (ih, iw).</summary>
    public static void MaxPoolBackward<T>(ArrayView<T> dx, ArrayView<T> dy, ArrayView<long> indices, Pool2dGeometry g, long count)
        where T : unmanaged, INumber<T>
    {
        for (long e = Grid.GlobalIndex.X; e < count; e += Stride)
        {
            int iw = (int)(e % g.W), ih = (int)(e / g.W % g.H);
            long outPlane = e / ((long)g.W * g.H) * g.OH * g.OW, self = (long)ih * g.W + iw;
            T sum = T.Zero;
            // oh = (ih + PH − kh·DH)/SH grows as kh falls: walking kh down visits the outputs in row-major order.
            for (int kh = g.KH - 1; kh >= 0; kh--)
            {
                int th = ih + g.PH - kh * g.DH;
                if (th < 0 || th % g.SH != 0 || th / g.SH >= g.OH) continue;
                for (int kw = g.KW - 1; kw >= 0; kw--)
                {
                    int tw = iw + g.PW - kw * g.DW;
                    if (tw < 0 || tw % g.SW != 0 || tw / g.SW >= g.OW) continue;
                    long o = outPlane + (long)(th / g.SH) * g.OW + tw / g.SW;
                    if (indices[o] == self) sum += dy[o];
                }
            }
            dx[e] = sum;
        }
    }

    /// <summary>The divisor of output (oh, ow) and its window clipped to the input (PyTorch's avg_pool2d rules; 0: empty).</summary>
    private static long AvgWindow(Pool2dGeometry g, int countIncludePad, int divisorOverride, int oh, int ow,
        out int h0, out int h1, out int w0, out int w1)
    {
        h0 = oh * g.SH - g.PH;
        w0 = ow * g.SW - g.PW;
        h1 = Math.Min(h0 + g.KH, g.H + g.PH);
        w1 = Math.Min(w0 + g.KW, g.W + g.PW);
        long padded = (long)(h1 - h0) * (w1 - w0);
        h0 = Math.Max(h0, 0);
        w0 = Math.Max(w0, 0);
        h1 = Math.Min(h1, g.H);
        w1 = Math.Min(w1, g.W);
        if (h0 >= h1 || w0 >= w1) return 0;
        return divisorOverride != 0 ? divisorOverride : countIncludePad != 0 ? padded : (long)(h1 - h0) * (w1 - w0);
    }

    public static void AvgPool<T, TC>(ArrayView<T> y, ArrayView<T> x, Pool2dGeometry g, int countIncludePad, int divisorOverride, long count)
        where T : unmanaged, INumber<T> where TC : IElementCodec<T>
    {
        for (long e = Grid.GlobalIndex.X; e < count; e += Stride)
        {
            int ow = (int)(e % g.OW), oh = (int)(e / g.OW % g.OH);
            long plane = e / ((long)g.OW * g.OH) * g.H * g.W;
            long divisor = AvgWindow(g, countIncludePad, divisorOverride, oh, ow, out int h0, out int h1, out int w0, out int w1);
            T sum = T.Zero;
            for (int ih = h0; ih < h1; ih++)
            for (int iw = w0; iw < w1; iw++)
                sum += x[plane + (long)ih * g.W + iw];
            y[e] = divisor == 0 ? T.Zero : sum / TC.FromDouble(divisor);
        }
    }

    public static void AvgPoolBackward<T, TC>(ArrayView<T> dx, ArrayView<T> dy, Pool2dGeometry g, int countIncludePad, int divisorOverride, long count)
        where T : unmanaged, INumber<T> where TC : IElementCodec<T>
    {
        for (long e = Grid.GlobalIndex.X; e < count; e += Stride)
        {
            int iw = (int)(e % g.W), ih = (int)(e / g.W % g.H);
            long outPlane = e / ((long)g.W * g.H) * g.OH * g.OW;
            // The outputs whose unclipped window [o·S − P, o·S − P + K) holds the element.
            int ohLo = Math.Max(0, CeilDiv(ih + g.PH - g.KH + 1, g.SH)), ohHi = Math.Min(g.OH - 1, (ih + g.PH) / g.SH);
            int owLo = Math.Max(0, CeilDiv(iw + g.PW - g.KW + 1, g.SW)), owHi = Math.Min(g.OW - 1, (iw + g.PW) / g.SW);
            T sum = T.Zero;
            for (int oh = ohLo; oh <= ohHi; oh++)
            for (int ow = owLo; ow <= owHi; ow++)
            {
                long divisor = AvgWindow(g, countIncludePad, divisorOverride, oh, ow, out int h0, out int h1, out int w0, out int w1);
                if (divisor == 0 || ih < h0 || ih >= h1 || iw < w0 || iw >= w1) continue;
                sum += dy[outPlane + (long)oh * g.OW + ow] / TC.FromDouble(divisor);
            }
            dx[e] = sum;
        }
    }

    /// <summary>⌈a / b⌉ for b &gt; 0 and any a (≤ 0 gives a value ≤ 0).</summary>
    private static int CeilDiv(int a, int b) => a <= 0 ? -(-a / b) : (a + b - 1) / b;

    private static int Start(int o, int outSize, int inSize) => (int)((long)o * inSize / outSize);

    private static int End(int o, int outSize, int inSize) => (int)(((long)(o + 1) * inSize + outSize - 1) / outSize);

    public static void AdaptiveAvgPool<T, TC>(ArrayView<T> y, ArrayView<T> x, Pool2dGeometry g, long count)
        where T : unmanaged, INumber<T> where TC : IElementCodec<T>
    {
        for (long e = Grid.GlobalIndex.X; e < count; e += Stride)
        {
            int ow = (int)(e % g.OW), oh = (int)(e / g.OW % g.OH);
            long plane = e / ((long)g.OW * g.OH) * g.H * g.W;
            int h0 = Start(oh, g.OH, g.H), h1 = End(oh, g.OH, g.H), w0 = Start(ow, g.OW, g.W), w1 = End(ow, g.OW, g.W);
            T sum = T.Zero;
            for (int ih = h0; ih < h1; ih++)
            for (int iw = w0; iw < w1; iw++)
                sum += x[plane + (long)ih * g.W + iw];
            y[e] = sum / TC.FromDouble((long)(h1 - h0) * (w1 - w0));
        }
    }

    public static void AdaptiveAvgPoolBackward<T, TC>(ArrayView<T> dx, ArrayView<T> dy, Pool2dGeometry g, long count)
        where T : unmanaged, INumber<T> where TC : IElementCodec<T>
    {
        for (long e = Grid.GlobalIndex.X; e < count; e += Stride)
        {
            int iw = (int)(e % g.W), ih = (int)(e / g.W % g.H);
            long outPlane = e / ((long)g.W * g.H) * g.OH * g.OW;
            // End(o) > i from o = ⌊i·OH/H⌋, Start(o) ≤ i up to o = ⌈(i+1)·OH/H⌉ − 1; the loop re-checks both.
            int ohLo = (int)((long)ih * g.OH / g.H), ohHi = Math.Min(g.OH - 1, (int)(((long)(ih + 1) * g.OH + g.H - 1) / g.H) - 1);
            int owLo = (int)((long)iw * g.OW / g.W), owHi = Math.Min(g.OW - 1, (int)(((long)(iw + 1) * g.OW + g.W - 1) / g.W) - 1);
            T sum = T.Zero;
            for (int oh = ohLo; oh <= ohHi; oh++)
            {
                int h0 = Start(oh, g.OH, g.H), h1 = End(oh, g.OH, g.H);
                if (ih < h0 || ih >= h1) continue;
                for (int ow = owLo; ow <= owHi; ow++)
                {
                    int w0 = Start(ow, g.OW, g.W), w1 = End(ow, g.OW, g.W);
                    if (iw < w0 || iw >= w1) continue;
                    sum += dy[outPlane + (long)oh * g.OW + ow] / TC.FromDouble((long)(h1 - h0) * (w1 - w0));
                }
            }
            dx[e] = sum;
        }
    }
}
