using System.Numerics;
using System.Numerics.Tensors;

namespace StaticNet.Kernels.Cpu.Convolution;

/// <summary>
/// The column transform of one image and group (Caffe's im2col/col2im): row (c, ki, kj) of the column matrix holds
/// input channel c shifted by kernel offset (ki, kj) at every output position, zeros where the window reads padding.
/// The convolution is then one GEMM; col2im is the adjoint that scatters (adds) a column gradient back onto the input.
/// </summary>
internal static unsafe class Im2Col
{
    /// <summary>Fills <paramref name="col"/> [K, L] from <paramref name="input"/> [Cg, H, W] (contiguous).</summary>
    public static void Forward<T>(in Conv2dGeometry g, T* input, T* col) where T : unmanaged, INumber<T>
    {
        int oh = g.OH, ow = g.OW, l = g.L;
        for (int c = 0; c < g.Cg; c++)
        for (int ki = 0; ki < g.KH; ki++)
        for (int kj = 0; kj < g.KW; kj++)
        {
            T* row = col + (long)((c * g.KH + ki) * g.KW + kj) * l;
            T* plane = input + (long)c * g.InputPlane;
            int offH = ki * g.DH - g.PH, offW = kj * g.DW - g.PW;
            var (first, end) = ValidRange(offW, g.SW, g.W, ow);
            for (int y = 0; y < oh; y++)
            {
                T* dst = row + (long)y * ow;
                int ih = y * g.SH + offH;
                if ((uint)ih >= (uint)g.H)
                {
                    new Span<T>(dst, ow).Clear();
                    continue;
                }
                new Span<T>(dst, first).Clear();
                new Span<T>(dst + end, ow - end).Clear();
                T* src = plane + (long)ih * g.W + offW;
                if (g.SW == 1)
                    new ReadOnlySpan<T>(src + first, end - first).CopyTo(new Span<T>(dst + first, end - first));
                else
                    for (int x = first; x < end; x++) dst[x] = src[(long)x * g.SW];
            }
        }
    }

    /// <summary>Adds the column gradient <paramref name="col"/> [K, L] onto <paramref name="input"/> [Cg, H, W].</summary>
    public static void Backward<T>(in Conv2dGeometry g, T* col, T* input) where T : unmanaged, INumber<T>
    {
        int oh = g.OH, ow = g.OW, l = g.L;
        for (int c = 0; c < g.Cg; c++)
        for (int ki = 0; ki < g.KH; ki++)
        for (int kj = 0; kj < g.KW; kj++)
        {
            T* row = col + (long)((c * g.KH + ki) * g.KW + kj) * l;
            T* plane = input + (long)c * g.InputPlane;
            int offH = ki * g.DH - g.PH, offW = kj * g.DW - g.PW;
            var (first, end) = ValidRange(offW, g.SW, g.W, ow);
            if (end <= first) continue;
            for (int y = 0; y < oh; y++)
            {
                int ih = y * g.SH + offH;
                if ((uint)ih >= (uint)g.H) continue;
                T* src = row + (long)y * ow;
                T* dst = plane + (long)ih * g.W + offW;
                if (g.SW == 1)
                {
                    var d = new Span<T>(dst + first, end - first);
                    TensorPrimitives.Add(d, new ReadOnlySpan<T>(src + first, end - first), d);
                }
                else
                    for (int x = first; x < end; x++) dst[(long)x * g.SW] += src[x];
            }
        }
    }

    /// <summary>The output columns [first, end) whose input column x·stride + offset lies inside [0, width).</summary>
    private static (int First, int End) ValidRange(int offset, int stride, int width, int outWidth)
    {
        int first = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
        int end = width - offset <= 0 ? 0 : (width - offset + stride - 1) / stride;
        first = Math.Min(first, outWidth);
        end = Math.Clamp(end, first, outWidth);
        return (first, end);
    }
}
