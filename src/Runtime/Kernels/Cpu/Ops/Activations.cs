using System.Numerics;
using System.Runtime.InteropServices;

namespace StaticNet.Kernels.Cpu;

/// <summary>leaky_relu: x for x &gt; 0, else slope·x (NaN stays NaN).</summary>
internal readonly struct LeakyReluFunction<T>(T slope) : IMapFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T x) => x > T.Zero ? x : x * slope;

    public void Invoke(ReadOnlySpan<T> x, Span<T> d)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var s = new Vector<T>(slope);
            ref T xr = ref MemoryMarshal.GetReference(x);
            ref T dr = ref MemoryMarshal.GetReference(d);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = Vector.LoadUnsafe(ref xr, (nuint)i);
                Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<T>.Zero), v, v * s).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < x.Length; i++) d[i] = Invoke(x[i]);
    }
}

/// <summary>d leaky_relu / dx · g: g where the input (or, in place, the output) is positive, else slope·g.</summary>
internal readonly struct LeakyReluGradFunction<T>(T slope) : IMap2Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T g, T x) => x > T.Zero ? g : g * slope;

    public void Invoke(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> d)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var s = new Vector<T>(slope);
            ref T gr = ref MemoryMarshal.GetReference(g);
            ref T xr = ref MemoryMarshal.GetReference(x);
            ref T dr = ref MemoryMarshal.GetReference(d);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var gv = Vector.LoadUnsafe(ref gr, (nuint)i);
                var mask = Vector.GreaterThan(Vector.LoadUnsafe(ref xr, (nuint)i), Vector<T>.Zero);
                Vector.ConditionalSelect(mask, gv, gv * s).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < x.Length; i++) d[i] = Invoke(g[i], x[i]);
    }
}

/// <summary>
/// GELU: x·Φ(x) = x/2·(1 + erf(x/√2)), or with <c>tanh</c> x/2·(1 + tanh(√(2/π)·(x + 0.044715x³))).
/// Float32 is computed in double (erf has no SIMD form here), so both dtypes get correctly rounded values.
/// </summary>
internal readonly struct GeluFunction<T>(bool tanh) : IMapFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T x) => T.CreateTruncating(GeluFormulas.Forward(double.CreateTruncating(x), tanh));

    public void Invoke(ReadOnlySpan<T> x, Span<T> d)
    {
        for (int i = 0; i < x.Length; i++) d[i] = Invoke(x[i]);
    }
}

/// <summary>g · dGELU/dx at x.</summary>
internal readonly struct GeluGradFunction<T>(bool tanh) : IMap2Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T g, T x) => g * T.CreateTruncating(GeluFormulas.Derivative(double.CreateTruncating(x), tanh));

    public void Invoke(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> d)
    {
        for (int i = 0; i < x.Length; i++) d[i] = Invoke(g[i], x[i]);
    }
}

/// <summary>Entry points: dtype dispatch of the activation functions above over strided tensors.</summary>
internal static class ActivationKernels
{
    private const int TranscendentalCost = 16;

    /// <summary>leaky_relu(x) into <paramref name="destination"/> (a new tensor, or x itself in place).</summary>
    public static void LeakyRelu(Tensor x, double slope, Tensor destination)
    {
        var a = new Map(x, null, destination, slope, Kind.LeakyRelu);
        DTypeDispatch.Float(x.DType, ref a);
    }

    /// <summary>g · leaky_relu'(x), where only the sign of <paramref name="x"/> matters.</summary>
    public static Tensor LeakyReluBackward(Tensor g, Tensor x, double slope) => Run(g, x, slope, Kind.LeakyReluGrad);

    public static Tensor Gelu(Tensor x, bool tanh)
    {
        var result = new Tensor(x.ShapeArray, x.DType, zeroed: false);
        var a = new Map(x, null, result, tanh ? 1 : 0, Kind.Gelu);
        DTypeDispatch.Float(x.DType, ref a);
        return result;
    }

    public static Tensor GeluBackward(Tensor g, Tensor x, bool tanh) => Run(g, x, tanh ? 1 : 0, Kind.GeluGrad);

    private static Tensor Run(Tensor g, Tensor x, double parameter, Kind kind)
    {
        var result = new Tensor(x.ShapeArray, x.DType, zeroed: false);
        var a = new Map(g.To(x.DType), x, result, parameter, kind);
        DTypeDispatch.Float(x.DType, ref a);
        return result;
    }

    private enum Kind { LeakyRelu, LeakyReluGrad, Gelu, GeluGrad }

    private readonly struct Map(Tensor a, Tensor? b, Tensor d, double parameter, Kind kind) : IFloatAction
    {
        public void Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            var p = T.CreateTruncating(parameter);
            switch (kind)
            {
                case Kind.LeakyRelu: MapLoop.Run<T, LeakyReluFunction<T>>(new(p), a, d, 1); break;
                case Kind.LeakyReluGrad: MapLoop.Run<T, LeakyReluGradFunction<T>>(new(p), a, b!, d, 1); break;
                case Kind.Gelu: MapLoop.Run<T, GeluFunction<T>>(new(parameter != 0), a, d, TranscendentalCost); break;
                default: MapLoop.Run<T, GeluGradFunction<T>>(new(parameter != 0), a, b!, d, TranscendentalCost); break;
            }
        }
    }
}
