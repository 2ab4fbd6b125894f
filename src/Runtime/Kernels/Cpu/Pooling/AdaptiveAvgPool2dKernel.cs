using System.Runtime.CompilerServices;
using System.Numerics;

namespace StaticNet.Kernels.Cpu.Pooling;

/// <summary>
/// Adaptive 2-D average pooling: output (oh, ow) averages input rows [⌊oh·H/OH⌋, ⌈(oh+1)·H/OH⌉) and the columns
/// likewise, so windows overlap or differ in size when the sizes do not divide (PyTorch's start_index/end_index).
/// </summary>
internal static unsafe class AdaptiveAvgPool2dKernel
{
    public static Tensor Forward(Tensor input, Pool2dGeometry g, long[] outputShape)
    {
        var output = new Tensor(outputShape, input.DType, zeroed: false);
        if (output.Numel == 0) return output;
        input = input.Contiguous();
        if (input.DType == DType.Float32) Run<float>(input, output, g, backward: false);
        else Run<double>(input, output, g, backward: false);
        return output;
    }

    public static Tensor Backward(Tensor gradOutput, long[] inputShape, Pool2dGeometry g)
    {
        var dx = new Tensor(inputShape, gradOutput.DType, zeroed: true);
        if (gradOutput.Numel == 0) return dx;
        gradOutput = gradOutput.Contiguous();
        if (dx.DType == DType.Float32) Run<float>(dx, gradOutput, g, backward: true);
        else Run<double>(dx, gradOutput, g, backward: true);
        return dx;
    }

    /// <summary>Forward: output = window means of input. Backward: input (dX, zeroed) += output (dY) / window size.</summary>
    private static void Run<T>(Tensor input, Tensor output, Pool2dGeometry g, bool backward) where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* x = input.Storage.Raw<T>(), y = output.Storage.Raw<T>())
        {
            var p = new Ptr<T>(x + input.StorageOffset, y + output.StorageOffset);
            long work = (long)g.InputPlane + g.OutputPlane;
            var body = new Body<T>(g, p, backward);
            PlaneLoop.For(g.Planes, work, ref body);
        }
    }

    private readonly struct Body<T>(Pool2dGeometry g, Ptr<T> p, bool backward) : IPlaneBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int start, int end)
        {
            for (int plane = start; plane < end; plane++)
                Plane(g, p.Input + (long)plane * g.InputPlane, p.Output + (long)plane * g.OutputPlane, backward);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Plane<T>(Pool2dGeometry g, T* x, T* y, bool backward) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int oh = 0; oh < g.OH; oh++)
        {
            int h0 = Start(oh, g.OH, g.H), h1 = End(oh, g.OH, g.H);
            for (int ow = 0; ow < g.OW; ow++)
            {
                int w0 = Start(ow, g.OW, g.W), w1 = End(ow, g.OW, g.W);
                T count = T.CreateTruncating((long)(h1 - h0) * (w1 - w0));
                if (backward)
                {
                    T share = y[oh * g.OW + ow] / count;
                    for (int ih = h0; ih < h1; ih++)
                    for (int iw = w0; iw < w1; iw++)
                        x[(long)ih * g.W + iw] += share;
                }
                else
                {
                    T sum = T.Zero;
                    for (int ih = h0; ih < h1; ih++)
                    for (int iw = w0; iw < w1; iw++)
                        sum += x[(long)ih * g.W + iw];
                    y[oh * g.OW + ow] = sum / count;
                }
            }
        }
    }

    private static int Start(int o, int outSize, int inSize) => (int)((long)o * inSize / outSize);

    private static int End(int o, int outSize, int inSize) => (int)(((long)(o + 1) * inSize + outSize - 1) / outSize);

    private readonly struct Ptr<T>(T* input, T* output) where T : unmanaged
    {
        public readonly T* Input = input, Output = output;
    }
}
