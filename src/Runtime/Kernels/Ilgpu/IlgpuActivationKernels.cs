using System.Numerics;
using ILGPU;

namespace StaticNet.Kernels.Ilgpu;

/// <summary>
/// The parameterized activations (leaky_relu, GELU) and their gradients: grid-stride loops over any strides, one
/// kernel per element type. GELU is computed in double for both dtypes, as on the CPU.
/// </summary>
internal static class IlgpuActivationKernels
{
    private static long Stride => (long)Grid.DimX * Group.DimX;

    public static void LeakyRelu<T>(ArrayView<T> d, ArrayView<T> x, GpuLayout ld, GpuLayout lx, T slope, long n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (long i = Grid.GlobalIndex.X; i < n; i += Stride)
        {
            T v = x[lx.At(i)];
            d[ld.At(i)] = v > T.Zero ? v : v * slope;
        }
    }

    public static void LeakyReluBackward<T>(ArrayView<T> d, ArrayView<T> g, ArrayView<T> x, GpuLayout ld, GpuLayout lg, GpuLayout lx, T slope, long n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (long i = Grid.GlobalIndex.X; i < n; i += Stride)
        {
            T gv = g[lg.At(i)];
            d[ld.At(i)] = x[lx.At(i)] > T.Zero ? gv : gv * slope;
        }
    }

    public static void Gelu<T, TC>(ArrayView<T> d, ArrayView<T> x, GpuLayout ld, GpuLayout lx, int tanh, long n)
        where T : unmanaged where TC : IElementCodec<T>
    {
        for (long i = Grid.GlobalIndex.X; i < n; i += Stride) d[ld.At(i)] = TC.FromDouble(GeluFormulas.Forward(TC.ToDouble(x[lx.At(i)]), tanh != 0));
    }

    public static void GeluBackward<T, TC>(ArrayView<T> d, ArrayView<T> g, ArrayView<T> x, GpuLayout ld, GpuLayout lg, GpuLayout lx, int tanh, long n)
        where T : unmanaged, IFloatingPointIeee754<T> where TC : IElementCodec<T>
    {
        // g · T(derivative), as the CPU: the derivative is rounded to T before the product.
        for (long i = Grid.GlobalIndex.X; i < n; i += Stride)
            d[ld.At(i)] = g[lg.At(i)] * TC.FromDouble(GeluFormulas.Derivative(TC.ToDouble(x[lx.At(i)]), tanh != 0));
    }
}
