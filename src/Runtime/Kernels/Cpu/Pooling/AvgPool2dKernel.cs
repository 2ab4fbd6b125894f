using System.Runtime.CompilerServices;
using System.Numerics;

namespace StaticNet.Kernels.Cpu.Pooling;

/// <summary>
/// 2-D average pooling over independent planes with PyTorch's divisor rule: the window is clipped to the padded
/// input for <c>countIncludePad</c> (padding counts as zeros) and to the input itself otherwise; a divisor override
/// replaces both. The backward pass spreads each output gradient evenly (by the same divisor) over its window.
/// </summary>
internal static unsafe partial class AvgPool2dKernel
{
    /// <param name="divisorOverride">0 for none.</param>
    public static Tensor Forward(Tensor input, Pool2dGeometry g, bool countIncludePad, int divisorOverride, long[] outputShape)
    {
        var output = new Tensor(outputShape, input.DType, zeroed: false);
        if (output.Numel == 0) return output;
        input = input.Contiguous();
        var s = new Settings(g, countIncludePad, divisorOverride);
        if (input.DType == DType.Float32) Run<float>(input, output, s, backward: false);
        else Run<double>(input, output, s, backward: false);
        return output;
    }

    public static Tensor Backward(Tensor gradOutput, long[] inputShape, Pool2dGeometry g, bool countIncludePad, int divisorOverride)
    {
        var dx = new Tensor(inputShape, gradOutput.DType, zeroed: true);
        if (gradOutput.Numel == 0) return dx;
        gradOutput = gradOutput.Contiguous();
        var s = new Settings(g, countIncludePad, divisorOverride);
        if (dx.DType == DType.Float32) Run<float>(dx, gradOutput, s, backward: true);
        else Run<double>(dx, gradOutput, s, backward: true);
        return dx;
    }

    /// <summary>Forward: output = mean of input windows. Backward: input (dX, zeroed) += output (dY) / divisor.</summary>
    private static void Run<T>(Tensor input, Tensor output, Settings s, bool backward) where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* x = input.Storage.Raw<T>(), y = output.Storage.Raw<T>())
            RunRaw(s, x + input.StorageOffset, y + output.StorageOffset, backward);
    }

    /// <summary>
    /// The pass over raw contiguous buffers (also the fused plans' entry point). Forward: <paramref name="y"/> = window
    /// means of <paramref name="x"/>. Backward: <paramref name="x"/> (dX, zeroed) += <paramref name="y"/> (dY) / divisor.
    /// </summary>
    internal static void RunRaw<T>(Pool2dGeometry g, bool countIncludePad, int divisorOverride, T* x, T* y, bool backward)
        where T : unmanaged, IFloatingPointIeee754<T> => RunRaw(new Settings(g, countIncludePad, divisorOverride), x, y, backward);

    private static void RunRaw<T>(Settings s, T* x, T* y, bool backward) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var p = new Ptr<T>(x, y);
        var g = s.Geometry;
        var body = new Body<T>(s, p, backward);
        PlaneLoop.For(g.Planes, (long)g.OutputPlane * g.KH * g.KW, ref body);
    }

    private readonly struct Body<T>(Settings s, Ptr<T> p, bool backward) : IPlaneBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int start, int end)
        {
            var g = s.Geometry;
            for (int plane = start; plane < end; plane++)
            {
                if (backward) BackwardPlane(s, p.Input + (long)plane * g.InputPlane, p.Output + (long)plane * g.OutputPlane);
                else ForwardPlane(s, p.Input + (long)plane * g.InputPlane, p.Output + (long)plane * g.OutputPlane);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardPlane<T>(Settings s, T* x, T* y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = s.Geometry;
        for (int oh = 0; oh < g.OH; oh++)
        for (int ow = 0; ow < g.OW; ow++)
        {
            var (h0, h1, w0, w1, divisor) = s.Window(oh, ow);
            T sum = T.Zero;
            for (int ih = h0; ih < h1; ih++)
            for (int iw = w0; iw < w1; iw++)
                sum += x[(long)ih * g.W + iw];
            y[oh * g.OW + ow] = divisor == 0 ? T.Zero : sum / T.CreateTruncating(divisor);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardPlane<T>(Settings s, T* dx, T* dy) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = s.Geometry;
        for (int oh = 0; oh < g.OH; oh++)
        for (int ow = 0; ow < g.OW; ow++)
        {
            var (h0, h1, w0, w1, divisor) = s.Window(oh, ow);
            if (divisor == 0) continue;
            T share = dy[oh * g.OW + ow] / T.CreateTruncating(divisor);
            for (int ih = h0; ih < h1; ih++)
            for (int iw = w0; iw < w1; iw++)
                dx[(long)ih * g.W + iw] += share;
        }
    }

    private readonly struct Settings(Pool2dGeometry geometry, bool countIncludePad, int divisorOverride)
    {
        public readonly Pool2dGeometry Geometry = geometry;

        /// <summary>The window of output (oh, ow) clipped to the input, and its divisor (0: an empty window).</summary>
        public (int H0, int H1, int W0, int W1, long Divisor) Window(int oh, int ow)
        {
            var g = Geometry;
            int h0 = oh * g.SH - g.PH, w0 = ow * g.SW - g.PW;
            int h1 = Math.Min(h0 + g.KH, g.H + g.PH), w1 = Math.Min(w0 + g.KW, g.W + g.PW);
            long padded = (long)(h1 - h0) * (w1 - w0);
            h0 = Math.Max(h0, 0);
            w0 = Math.Max(w0, 0);
            h1 = Math.Min(h1, g.H);
            w1 = Math.Min(w1, g.W);
            if (h0 >= h1 || w0 >= w1) return (0, 0, 0, 0, 0);
            long divisor = divisorOverride != 0 ? divisorOverride : countIncludePad ? padded : (long)(h1 - h0) * (w1 - w0);
            return (h0, h1, w0, w1, divisor);
        }
    }

    private readonly struct Ptr<T>(T* input, T* output) where T : unmanaged
    {
        public readonly T* Input = input, Output = output;
    }
}
