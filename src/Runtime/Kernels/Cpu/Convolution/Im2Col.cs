using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels.Cpu.Convolution;

/// <summary>
/// The column transform of one image and group (Caffe's im2col/col2im): row (c, ki, kj) of the column matrix holds
/// input channel c shifted by kernel offset (ki, kj) at every output position, zeros where the window reads padding.
/// The convolution is then one GEMM; col2im is the adjoint that scatters (adds) a column gradient back onto the input.
/// </summary>
/// <remarks>
/// Rows of a LeNet-sized layer are short (10–28 elements), so the copies and adds are inline vector loops rather than
/// calls into Memmove/TensorPrimitives, whose per-call cost dominated at these lengths.
/// </remarks>
internal static unsafe class Im2Col
{
    /// <summary>
    /// Fills <paramref name="col"/> [K, L] (row stride <paramref name="ld"/> ≥ L; columns [L, ld) are zeroed) from
    /// <paramref name="input"/> [Cg, H, W] (contiguous).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<T>(in Conv2dGeometry g, T* input, T* col, int ld) where T : unmanaged, INumber<T>
    {
        int oh = g.OH, ow = g.OW, l = g.L;
        if (g.SH == 1 && g.SW == 1 && g.PH == 0 && g.PW == 0 && g.DH == 1 && g.DW == 1)
        {
            Unpadded(g, input, col, ld, oh, ow, l);
            return;
        }
        for (int c = 0; c < g.Cg; c++)
        for (int ki = 0; ki < g.KH; ki++)
        for (int kj = 0; kj < g.KW; kj++)
        {
            T* row = col + (long)((c * g.KH + ki) * g.KW + kj) * ld;
            T* plane = input + (long)c * g.InputPlane;
            int offH = ki * g.DH - g.PH, offW = kj * g.DW - g.PW;
            var (first, end) = ValidRange(offW, g.SW, g.W, ow);
            for (int y = 0; y < oh; y++)
            {
                T* dst = row + (long)y * ow;
                int ih = y * g.SH + offH;
                if ((uint)ih >= (uint)g.H)
                {
                    Zero(dst, ow);
                    continue;
                }
                Zero(dst, first);
                Zero(dst + end, ow - end);
                T* src = plane + (long)ih * g.W + offW;
                if (g.SW == 1) Copy(src + first, dst + first, end - first);
                else
                    for (int x = first; x < end; x++) dst[x] = src[(long)x * g.SW];
            }
            Zero(row + l, ld - l);
        }
    }

    // Stride 1, no padding, no dilation (LeNet's layers): every output row reads a whole input row segment, so each
    // column row is oh plain copies, without the bounds and zero-fill bookkeeping of the general loop.
    private static void Unpadded<T>(in Conv2dGeometry g, T* input, T* col, int ld, int oh, int ow, int l) where T : unmanaged, INumber<T>
    {
        int w = g.W, kh = g.KH, kw = g.KW, plane = g.InputPlane;
        T* row = col;
        for (int c = 0; c < g.Cg; c++)
        for (int ki = 0; ki < kh; ki++)
        for (int kj = 0; kj < kw; kj++, row += ld)
        {
            T* src = input + (long)c * plane + ki * w + kj;
            for (int y = 0; y < oh; y++) Copy(src + (long)y * w, row + (long)y * ow, ow);
            Zero(row + l, ld - l);
        }
    }

    /// <summary>Fills <paramref name="col"/> with a dense row stride (ld = L).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<T>(in Conv2dGeometry g, T* input, T* col) where T : unmanaged, INumber<T> => Forward(g, input, col, g.L);

    /// <summary>Adds the column gradient <paramref name="col"/> [K, L] (row stride <paramref name="ld"/>) onto <paramref name="input"/> [Cg, H, W].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<T>(in Conv2dGeometry g, T* col, T* input, int ld) where T : unmanaged, INumber<T>
    {
        int oh = g.OH, ow = g.OW;
        for (int c = 0; c < g.Cg; c++)
        for (int ki = 0; ki < g.KH; ki++)
        for (int kj = 0; kj < g.KW; kj++)
        {
            T* row = col + (long)((c * g.KH + ki) * g.KW + kj) * ld;
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
                if (g.SW == 1) Add(src + first, dst + first, end - first);
                else
                    for (int x = first; x < end; x++) dst[(long)x * g.SW] += src[x];
            }
        }
    }

    /// <summary>Adds a dense column gradient (ld = L).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<T>(in Conv2dGeometry g, T* col, T* input) where T : unmanaged, INumber<T> => Backward(g, col, input, g.L);

    /// <summary>The output columns [first, end) whose input column x·stride + offset lies inside [0, width).</summary>
    private static (int First, int End) ValidRange(int offset, int stride, int width, int outWidth)
    {
        int first = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
        int end = width - offset <= 0 ? 0 : (width - offset + stride - 1) / stride;
        first = Math.Min(first, outWidth);
        end = Math.Clamp(end, first, outWidth);
        return (first, end);
    }

    // A row of n ≥ one vector is copied as whole vectors plus one last vector ending exactly at n (overlapping the one before:
    // it rewrites the same values), so a 28-element row is two 512-bit moves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy<T>(T* src, T* dst, int n) where T : unmanaged
    {
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            int i = 0, last = n - Vector512<T>.Count;
            for (; i < last; i += Vector512<T>.Count) Vector512.Store(Vector512.Load(src + i), dst + i);
            Vector512.Store(Vector512.Load(src + last), dst + last);
        }
        else if (n >= Vector256<T>.Count)
        {
            int i = 0, last = n - Vector256<T>.Count;
            for (; i < last; i += Vector256<T>.Count) Vector256.Store(Vector256.Load(src + i), dst + i);
            Vector256.Store(Vector256.Load(src + last), dst + last);
        }
        else
            for (int i = 0; i < n; i++) dst[i] = src[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add<T>(T* src, T* dst, int n) where T : unmanaged, INumber<T>
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i + Vector512<T>.Count <= n; i += Vector512<T>.Count) Vector512.Store(Vector512.Load(dst + i) + Vector512.Load(src + i), dst + i);
        for (; i + Vector256<T>.Count <= n; i += Vector256<T>.Count) Vector256.Store(Vector256.Load(dst + i) + Vector256.Load(src + i), dst + i);
        for (; i + Vector128<T>.Count <= n; i += Vector128<T>.Count) Vector128.Store(Vector128.Load(dst + i) + Vector128.Load(src + i), dst + i);
        for (; i < n; i++) dst[i] += src[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Zero<T>(T* dst, int n) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < n; i++) dst[i] = T.Zero;
    }
}
