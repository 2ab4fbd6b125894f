using System.Runtime.CompilerServices;
using System.Numerics;

namespace StaticNet.Kernels.Cpu.Convolution;

internal static unsafe partial class Conv2dKernel
{
    /// <summary>
    /// The forward pass over raw contiguous buffers (the fused plans' entry point): <paramref name="y"/> [N, O, OH, OW]
    /// receives W·col(x) + b per image and group, the same im2col + GEMM as <see cref="Forward(Tensor, Tensor, Tensor?, Conv2dGeometry, long[])"/>.
    /// Small-channel layers take <see cref="SlidingConv"/> (unit stride, no padding) or <see cref="DirectConv"/> instead.
    /// </summary>
    /// <param name="g">The sizes, already validated.</param>
    /// <param name="x">The input [N, C, H, W].</param>
    /// <param name="w">The weight [O, C/G, KH, KW].</param>
    /// <param name="b">The bias [O], or null.</param>
    /// <param name="y">The output.</param>
    /// <param name="relu">Applies ReLU to the output as it is stored (the small-channel path fuses it; else a pass after).</param>
    internal static void ForwardRaw<T>(Conv2dGeometry g, T* x, T* w, T* b, T* y, bool relu) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if ((long)g.N * g.O * g.L == 0) return;
        if (SlidingConv.Applies<T>(g))
        {
            SlidingConv.Forward(g, x, w, b, y, relu, Workers(g));
            return;
        }
        if (DirectConv.Applies(g))
        {
            DirectConv.Forward(g, x, w, b, y, relu, Workers(g));
            return;
        }
        var body = new ForwardRange<T>(g, new Pointers<T>(x, w, y, b));
        ForImages(g, ref body);
        if (relu)
        {
            var output = new Span<T>(y, checked(g.N * g.O * g.L));
            System.Numerics.Tensors.TensorPrimitives.Max(output, T.Zero, output);
        }
    }

    /// <summary>db[o] += Σ over images and positions of dY[n, o, :, :] (the fused plans add straight into a bias's Grad).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AccumulateBiasGradient<T>(Conv2dGeometry g, T* dy, Span<T> db) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int l = g.L;
        for (int o = 0; o < g.O; o++)
        {
            T sum = T.Zero;
            for (int n = 0; n < g.N; n++) sum += System.Numerics.Tensors.TensorPrimitives.Sum(new ReadOnlySpan<T>(dy + ((long)n * g.O + o) * l, l));
            db[o] += sum;
        }
    }
}
