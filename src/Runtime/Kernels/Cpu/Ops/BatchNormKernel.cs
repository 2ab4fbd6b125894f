using System.Numerics;
using System.Numerics.Tensors;
using StaticNet.Kernels.Cpu.Pooling;

namespace StaticNet.Kernels.Cpu.Ops;

/// <summary>
/// Batch normalization on contiguous NCHW host memory, parallel over channels (each channel's statistics and gradients
/// are independent), SIMD along each channel's contiguous runs of <c>spatial</c> elements.
/// </summary>
internal static unsafe class BatchNormKernel
{
    public static void Statistics<T>(BatchNormGeometry g, T* x, T* mean, T* variance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var body = new StatisticsBody<T>(g, x, mean, variance);
        PlaneLoop.For(g.Channels, g.PerChannel * 2, ref body);
    }

    public static void Normalize<T>(BatchNormGeometry g, T* x, T* mean, T* invStd, T* weight, T* bias, T* y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var body = new NormalizeBody<T>(g, x, mean, invStd, weight, bias, y);
        PlaneLoop.For(g.Channels, g.PerChannel, ref body);
    }

    public static void Backward<T>(BatchNormGeometry g, T* dy, T* x, T* mean, T* invStd, T* weight, bool batchStatistics, T* dx, T* weightGrad, T* biasGrad)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var body = new BackwardBody<T>(g, dy, x, mean, invStd, weight, batchStatistics, dx, weightGrad, biasGrad);
        PlaneLoop.For(g.Channels, g.PerChannel * 3, ref body);
    }

    // Channel c of sample n: the run of spatial elements at (n·C + c)·spatial.
    private static ReadOnlySpan<T> ChannelRun<T>(T* p, BatchNormGeometry g, int n, int c) where T : unmanaged =>
        new(p + ((long)n * g.Channels + c) * g.Spatial, g.Spatial);

    private static Span<T> ChannelRunOut<T>(T* p, BatchNormGeometry g, int n, int c) where T : unmanaged =>
        new(p + ((long)n * g.Channels + c) * g.Spatial, g.Spatial);

    // y = x·scale + shift, one vector pass (TensorPrimitives has no scalar-scalar multiply-add), then the scalar tail.
    private static void ScaleShift<T>(ReadOnlySpan<T> x, T scale, T shift, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0, w = Vector<T>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var s = new Vector<T>(scale);
            var b = new Vector<T>(shift);
            for (; i + w <= x.Length; i += w) (new Vector<T>(x.Slice(i)) * s + b).CopyTo(y.Slice(i));
        }
        for (; i < x.Length; i++) y[i] = x[i] * scale + shift;
    }

    // Σ (x − center)·(y − center): a vector loop, then the scalar tail (y = x gives the squared deviations).
    private static T CenteredDot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, T center, bool centerY) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0, w = Vector<T>.Count;
        var acc = Vector<T>.Zero;
        var c = new Vector<T>(center);
        var cy = centerY ? c : Vector<T>.Zero;
        if (Vector.IsHardwareAccelerated)
            for (; i + w <= x.Length; i += w)
                acc += (new Vector<T>(x.Slice(i)) - c) * (new Vector<T>(y.Slice(i)) - cy);
        T sum = Vector.Sum(acc);
        T yc = centerY ? center : T.Zero;
        for (; i < x.Length; i++) sum += (x[i] - center) * (y[i] - yc);
        return sum;
    }

    private readonly struct StatisticsBody<T>(BatchNormGeometry g, T* x, T* mean, T* variance) : IPlaneBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int start, int end)
        {
            T m = T.CreateChecked(g.PerChannel);
            for (int c = start; c < end; c++)
            {
                T sum = T.Zero;
                for (int n = 0; n < g.Batch; n++) sum += TensorPrimitives.Sum(ChannelRun(x, g, n, c));
                T mu = sum / m;
                T squares = T.Zero;
                for (int n = 0; n < g.Batch; n++)
                {
                    var run = ChannelRun(x, g, n, c);
                    squares += CenteredDot(run, run, mu, centerY: true);
                }
                mean[c] = mu;
                variance[c] = squares / m;
            }
        }
    }

    private readonly struct NormalizeBody<T>(BatchNormGeometry g, T* x, T* mean, T* invStd, T* weight, T* bias, T* y) : IPlaneBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int start, int end)
        {
            for (int c = start; c < end; c++)
            {
                // y = x·scale + shift with scale = invStd·w and shift = b − mean·scale: one fused multiply-add per element.
                T scale = invStd[c] * (weight is null ? T.One : weight[c]);
                T shift = (bias is null ? T.Zero : bias[c]) - mean[c] * scale;
                for (int n = 0; n < g.Batch; n++) ScaleShift(ChannelRun(x, g, n, c), scale, shift, ChannelRunOut(y, g, n, c));
            }
        }
    }

    private readonly struct BackwardBody<T>(BatchNormGeometry g, T* dy, T* x, T* mean, T* invStd, T* weight, bool batchStatistics,
        T* dx, T* weightGrad, T* biasGrad) : IPlaneBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int start, int end)
        {
            T m = T.CreateChecked(g.PerChannel);
            for (int c = start; c < end; c++)
            {
                T mu = mean[c], s = invStd[c];
                T sumDy = T.Zero, sumDyCentered = T.Zero;
                for (int n = 0; n < g.Batch; n++)
                {
                    var d = ChannelRun(dy, g, n, c);
                    sumDy += TensorPrimitives.Sum(d);
                    sumDyCentered += CenteredDot(ChannelRun(x, g, n, c), d, mu, centerY: false);
                }
                T sumDyXhat = sumDyCentered * s; // Σ dy·x̂
                if (weightGrad is not null) weightGrad[c] += sumDyXhat;
                if (biasGrad is not null) biasGrad[c] += sumDy;
                if (dx is null) continue;
                T a = s * (weight is null ? T.One : weight[c]);
                if (!batchStatistics)
                {
                    for (int n = 0; n < g.Batch; n++) TensorPrimitives.Multiply(ChannelRun(dy, g, n, c), a, ChannelRunOut(dx, g, n, c));
                    continue;
                }
                // dx = a·(dy − Σdy/m − x̂·Σ(dy·x̂)/m) = a·dy + b·x + k with b = −a·invStd·Σ(dy·x̂)/m, k = −a·Σdy/m − b·mean.
                T b = -a * s * sumDyXhat / m;
                T k = -a * sumDy / m - b * mu;
                for (int n = 0; n < g.Batch; n++)
                {
                    var target = ChannelRunOut(dx, g, n, c);
                    ScaleShift(ChannelRun(x, g, n, c), b, k, target);
                    TensorPrimitives.MultiplyAdd(ChannelRun(dy, g, n, c), a, target, target);
                }
            }
        }
    }
}
