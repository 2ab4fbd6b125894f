namespace StaticNet;

/// <summary>
/// PyTorch's transforms from random bits to uniform floats (<c>at::uniform_real_distribution</c> and
/// <c>transformation::uniform_real</c>): the low mantissa-width bits of one draw, scaled to [0, 1), then
/// <c>x * (to - from) + from</c> in the element type.
/// </summary>
internal static class Distributions
{
    private const float FloatDivisor = 1.0f / (1 << 24);
    private const double DoubleDivisor = 1.0 / (1ul << 53);

    /// <summary>[0, 1) from the low 24 bits of a 32-bit draw.</summary>
    public static float UnitFloat(uint bits) => (bits & ((1u << 24) - 1)) * FloatDivisor;

    /// <summary>[0, 1) from the low 53 bits of a 64-bit draw.</summary>
    public static double UnitDouble(ulong bits) => (bits & ((1ul << 53) - 1)) * DoubleDivisor;

    /// <summary>Float32 uniforms: one 32-bit draw each, <c>x * (to - from) + from</c> fused as PyTorch's AVX2 build does.</summary>
    public static void UniformFloat(MersenneTwister engine, Span<float> destination, float from, float to)
    {
        float range = to - from;
        Span<uint> bits = stackalloc uint[Chunk];
        for (int start = 0; start < destination.Length; start += Chunk)
        {
            var dst = destination.Slice(start, Math.Min(Chunk, destination.Length - start));
            var draws = bits[..dst.Length];
            engine.Fill(draws);
            for (int i = 0; i < dst.Length; i++) dst[i] = MathF.FusedMultiplyAdd(UnitFloat(draws[i]), range, from);
        }
    }

    /// <summary>Float64 uniforms: one 64-bit draw (two 32-bit draws, high half first) each.</summary>
    public static void UniformDouble(MersenneTwister engine, Span<double> destination, double from, double to)
    {
        double range = to - from;
        Span<uint> bits = stackalloc uint[Chunk];
        for (int start = 0; start < destination.Length; start += Chunk / 2)
        {
            var dst = destination.Slice(start, Math.Min(Chunk / 2, destination.Length - start));
            var draws = bits[..(2 * dst.Length)];
            engine.Fill(draws);
            for (int i = 0; i < dst.Length; i++)
                dst[i] = Math.FusedMultiplyAdd(UnitDouble(((ulong)draws[2 * i] << 32) | draws[2 * i + 1]), range, from);
        }
    }

    private const int Chunk = 512;
}
