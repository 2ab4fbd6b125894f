using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Numerics;

namespace StaticNet.Kernels.Cpu.Pooling;

internal static unsafe partial class MaxPool2dKernel
{
    /// <summary>
    /// The forward pass over raw contiguous buffers (the fused plans' entry point): each output and the flat index of its
    /// maximum within the input plane, exactly as <see cref="Forward(Tensor, Pool2dGeometry, long[])"/> computes them.
    /// </summary>
    internal static void ForwardRaw<T>(Pool2dGeometry g, T* x, T* y, long* indices) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var body = new ForwardBody<T>(g, new Ptr<T>(x, y, indices));
        PlaneLoop.For(g.Planes, (long)g.OutputPlane * g.KH * g.KW, ref body);
    }

    /// <summary>Adds each output gradient onto the input its saved index names; <paramref name="dx"/> must be zeroed first.</summary>
    internal static void BackwardRaw<T>(Pool2dGeometry g, T* dy, long* indices, T* dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var body = new BackwardBody<T>(g, new Ptr<T>(dx, dy, indices));
        PlaneLoop.For(g.Planes, g.OutputPlane, ref body);
    }

    /// <summary>The LeNet/ResNet pooling: 2×2 windows, stride 2, no padding or dilation, every window inside the input.</summary>
    private static bool IsTwoByTwo(in Pool2dGeometry g) =>
        g is { KH: 2, KW: 2, SH: 2, SW: 2, PH: 0, PW: 0, DH: 1, DW: 1 } && 2 * g.OH <= g.H && 2 * g.OW <= g.W;

    /// <summary>
    /// <see cref="ForwardPlanes"/> unrolled for <see cref="IsTwoByTwo"/>: the same four comparisons in the same row-major
    /// order (NaN wins, a later NaN replaces an earlier one, ties keep the first), without the general window arithmetic.
    /// With AVX-512 or AVX2 each row goes through <see cref="TwoByTwoRowSimd"/> instead, which gives the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardTwoByTwo<T>(Pool2dGeometry g, Ptr<T> p, int start, int end) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = g.W, ow = g.OW;
        for (int plane = start; plane < end; plane++)
        {
            T* x = p.Input + (long)plane * g.InputPlane;
            T* y = p.Output + (long)plane * g.OutputPlane;
            long* idx = p.Indices + (long)plane * g.OutputPlane;
            for (int oh = 0; oh < g.OH; oh++, y += ow, idx += ow)
            {
                long top = 2L * oh * w;
                T* r0 = x + top, r1 = r0 + w;
                if (TwoByTwoRowSimd(r0, r1, y, idx, top, w, ow)) continue;
                for (int j = 0; j < ow; j++)
                {
                    int c = 2 * j;
                    T max = r0[c];
                    long arg = top + c;
                    T v = r0[c + 1];
                    if (v > max || T.IsNaN(v)) { max = v; arg = top + c + 1; }
                    v = r1[c];
                    if (v > max || T.IsNaN(v)) { max = v; arg = top + w + c; }
                    v = r1[c + 1];
                    if (v > max || T.IsNaN(v)) { max = v; arg = top + w + c + 1; }
                    y[j] = max;
                    idx[j] = arg;
                }
            }
        }
    }

    /// <summary>
    /// One output row without branches, when the machine has AVX-512 or AVX2 (false: the caller runs the scalar loop). On
    /// random data the scalar compares mispredict about every other window; this is ~15× faster on LeNet's 28×28 planes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TwoByTwoRowSimd<T>(T* r0, T* r1, T* y, long* idx, long top, int w, int ow) where T : unmanaged
    {
        // top < H·W, an int (Pool2dGeometry.InputPlane), so the float rows' 32-bit indices cannot overflow.
        if (Avx512F.IsSupported && typeof(T) == typeof(float)) TwoByTwoRowAvx512((float*)r0, (float*)r1, (float*)y, idx, (int)top, w, ow);
        else if (Avx512F.IsSupported && typeof(T) == typeof(double)) TwoByTwoRowAvx512((double*)r0, (double*)r1, (double*)y, idx, top, w, ow);
        else if (Avx2.IsSupported && typeof(T) == typeof(float)) TwoByTwoRowAvx2((float*)r0, (float*)r1, (float*)y, idx, (int)top, w, ow);
        else if (Avx2.IsSupported && typeof(T) == typeof(double)) TwoByTwoRowAvx2((double*)r0, (double*)r1, (double*)y, idx, top, w, ow);
        else return false;
        return true;
    }

    private readonly struct ForwardBody<T>(Pool2dGeometry g, Ptr<T> p) : IPlaneBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int start, int end) => ForwardPlanes(g, p, start, end);
    }

    private readonly struct BackwardBody<T>(Pool2dGeometry g, Ptr<T> p) : IPlaneBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int start, int end) => BackwardPlanes(g, p, start, end);
    }
}
