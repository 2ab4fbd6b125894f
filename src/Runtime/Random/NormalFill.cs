using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet;

/// <summary>
/// PyTorch's bulk normal fill (<c>normal_fill</c> / <c>normal_fill_AVX2</c>), used for contiguous tensors of at
/// least 16 elements: fill everything with uniforms, then turn each block of 16 into normals by Box–Muller, pairing
/// element j (radius) with element j + 8 (angle). When the size is not a multiple of 16, the last 16 elements are
/// drawn again and transformed again, overlapping the previous block.
/// </summary>
internal static class NormalFill
{
    private const int Block = 16, HalfBlock = 8;

    /// <summary>Float32, with the AVX2 kernel's arithmetic (see <see cref="AvxMathFun"/>).</summary>
    public static void Float(MersenneTwister engine, Span<float> data, float mean, float std)
    {
        Distributions.UniformFloat(engine, data, 0f, 1f);
        var meanV = Vector256.Create(mean);
        var stdV = Vector256.Create(std);
        int n = data.Length;
        for (int i = 0; i + Block <= n; i += Block) Float16(data.Slice(i, Block), meanV, stdV);
        if (n % Block != 0)
        {
            var tail = data[(n - Block)..];
            Distributions.UniformFloat(engine, tail, 0f, 1f);
            Float16(tail, meanV, stdV);
        }
    }

    /// <summary>Float64, with the scalar kernel (the platform's log, sin and cos in double).</summary>
    public static void Double(MersenneTwister engine, Span<double> data, double mean, double std)
    {
        Distributions.UniformDouble(engine, data, 0.0, 1.0);
        int n = data.Length;
        for (int i = 0; i + Block <= n; i += Block) Double16(data.Slice(i, Block), mean, std);
        if (n % Block != 0)
        {
            var tail = data[(n - Block)..];
            Distributions.UniformDouble(engine, tail, 0.0, 1.0);
            Double16(tail, mean, std);
        }
    }

    // normal_fill_16_AVX2: radius from the first 8 uniforms, angle from the last 8; result = n * std + mean fused.
    private static void Float16(Span<float> data, Vector256<float> mean, Vector256<float> std)
    {
        var lanes = MemoryMarshal.Cast<float, Vector256<float>>(data);
        var u1 = Vector256.Create(1.0f) - lanes[0];
        var u2 = lanes[1];
        var radius = Vector256.Sqrt(Vector256.Create(-2.0f) * AvxMathFun.Log(u1));
        var theta = Vector256.Create((float)(2.0 * Math.PI)) * u2;
        AvxMathFun.SinCos(theta, out var sin, out var cos);
        lanes[0] = Vector256.FusedMultiplyAdd(radius * cos, std, mean);
        lanes[1] = Vector256.FusedMultiplyAdd(radius * sin, std, mean);
    }

    // normal_fill_16 for double: 1 - u maps [0, 1) to (0, 1] so the log is finite.
    private static void Double16(Span<double> data, double mean, double std)
    {
        for (int j = 0; j < HalfBlock; j++)
        {
            double u1 = 1 - data[j];
            double u2 = data[j + HalfBlock];
            double radius = Math.Sqrt(-2 * Math.Log(u1));
            double theta = 2.0 * Math.PI * u2;
            data[j] = Math.FusedMultiplyAdd(radius * Math.Cos(theta), std, mean);
            data[j + HalfBlock] = Math.FusedMultiplyAdd(radius * Math.Sin(theta), std, mean);
        }
    }
}
