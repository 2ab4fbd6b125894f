using System.Runtime.CompilerServices;
using System.Numerics;

namespace StaticNet.Kernels.Cpu.Pooling;

/// <summary>
/// 2-D max pooling over independent planes. The forward pass also returns, for every output, the flat index
/// (y·W + x) of the chosen input within its plane, as PyTorch's max_pool2d_with_indices; the backward pass routes
/// each output gradient to that one input. NaN wins (it propagates), and ties keep the first in row-major order.
/// </summary>
internal static unsafe partial class MaxPool2dKernel
{
    public static (Tensor Output, Tensor Indices) Forward(Tensor input, Pool2dGeometry g, long[] outputShape)
    {
        var output = new Tensor(outputShape, input.DType, zeroed: false);
        var indices = new Tensor(outputShape, DType.Int64, zeroed: false);
        if (output.Numel == 0) return (output, indices);
        input = input.Contiguous();
        if (input.DType == DType.Float32) Forward<float>(input, output, indices, g);
        else Forward<double>(input, output, indices, g);
        return (output, indices);
    }

    private static void Forward<T>(Tensor input, Tensor output, Tensor indices, Pool2dGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* x = input.Storage.Raw<T>(), y = output.Storage.Raw<T>())
        fixed (long* idx = indices.Storage.Raw<long>())
            ForwardRaw(g, x + input.StorageOffset, y, idx);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardPlanes<T>(Pool2dGeometry g, Ptr<T> p, int start, int end) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (IsTwoByTwo(g))
        {
            ForwardTwoByTwo(g, p, start, end);
            return;
        }
        for (int plane = start; plane < end; plane++)
        {
            T* x = p.Input + (long)plane * g.InputPlane;
            T* y = p.Output + (long)plane * g.OutputPlane;
            long* idx = p.Indices + (long)plane * g.OutputPlane;
            for (int oh = 0; oh < g.OH; oh++)
            {
                int h0 = oh * g.SH - g.PH, h1 = Math.Min(h0 + (g.KH - 1) * g.DH + 1, g.H);
                while (h0 < 0) h0 += g.DH;
                for (int ow = 0; ow < g.OW; ow++)
                {
                    int w0 = ow * g.SW - g.PW, w1 = Math.Min(w0 + (g.KW - 1) * g.DW + 1, g.W);
                    while (w0 < 0) w0 += g.DW;
                    T max = T.NegativeInfinity;
                    long arg = (long)h0 * g.W + w0;
                    for (int ih = h0; ih < h1; ih += g.DH)
                    {
                        T* row = x + (long)ih * g.W;
                        for (int iw = w0; iw < w1; iw += g.DW)
                        {
                            T v = row[iw];
                            if (v > max || T.IsNaN(v))
                            {
                                max = v;
                                arg = (long)ih * g.W + iw;
                            }
                        }
                    }
                    y[oh * g.OW + ow] = max;
                    idx[oh * g.OW + ow] = arg;
                }
            }
        }
    }

    /// <summary>dX (the input's shape, zero except at the chosen inputs, where the output gradients add up).</summary>
    public static Tensor Backward(Tensor gradOutput, Tensor indices, long[] inputShape, Pool2dGeometry g)
    {
        var dx = new Tensor(inputShape, gradOutput.DType, zeroed: true);
        if (gradOutput.Numel == 0) return dx;
        gradOutput = gradOutput.Contiguous();
        indices = indices.Contiguous();
        if (dx.DType == DType.Float32) Backward<float>(gradOutput, indices, dx, g);
        else Backward<double>(gradOutput, indices, dx, g);
        return dx;
    }

    private static void Backward<T>(Tensor gradOutput, Tensor indices, Tensor dx, Pool2dGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* dy = gradOutput.Storage.Raw<T>(), d = dx.Storage.Raw<T>())
        fixed (long* idx = indices.Storage.Raw<long>())
            BackwardRaw(g, dy + gradOutput.StorageOffset, idx + indices.StorageOffset, d);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardPlanes<T>(Pool2dGeometry g, Ptr<T> p, int start, int end) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int plane = start; plane < end; plane++)
        {
            T* dxPlane = p.Input + (long)plane * g.InputPlane;
            long first = (long)plane * g.OutputPlane;
            for (long o = first; o < first + g.OutputPlane; o++) dxPlane[p.Indices[o]] += p.Output[o];
        }
    }

    /// <summary>Pinned pointers (input side, output side, indices) for the worker lambdas.</summary>
    private readonly struct Ptr<T>(T* input, T* output, long* indices) where T : unmanaged
    {
        public readonly T* Input = input, Output = output;
        public readonly long* Indices = indices;
    }
}
