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

    /// <summary>Float32 uniforms: one 32-bit draw each, arithmetic in float as PyTorch does it.</summary>
    public static void UniformFloat(MersenneTwister engine, Span<float> destination, float from, float to)
    {
        float range = to - from;
        for (int i = 0; i < destination.Length; i++) destination[i] = MathF.FusedMultiplyAdd(UnitFloat(engine.Next32()), range, from);
    }

    /// <summary>Float64 uniforms: one 64-bit draw (two 32-bit draws) each.</summary>
    public static void UniformDouble(MersenneTwister engine, Span<double> destination, double from, double to)
    {
        double range = to - from;
        for (int i = 0; i < destination.Length; i++) destination[i] = Math.FusedMultiplyAdd(UnitDouble(engine.Next64()), range, from);
    }
}
