using System.Numerics;

namespace StaticNet;

/// <summary>
/// A pseudo-random number generator (PyTorch's <c>torch.Generator</c>): the 32-bit Mersenne Twister
/// (MT19937, Matsumoto and Nishimura 1998), the generator PyTorch uses on the CPU.
/// </summary>
/// <remarks>
/// The sequence depends only on the seed, never on the machine, the core count or SIMD width: draws are made
/// sequentially, one state for the whole process unless a generator is passed explicitly. Uniform floats take
/// the top bits of one draw (24 bits for Float32, 53 bits from two draws for Float64); normals use the
/// Box–Muller transform on pairs of uniforms.
/// </remarks>
public sealed class Generator
{
    /// <summary>PyTorch's default CPU seed (<c>torch.initial_seed()</c> in a fresh process).</summary>
    public const ulong DefaultSeed = 67280421310721;

    private const int N = 624, M = 397;
    private readonly uint[] _mt = new uint[N];
    private int _index;
    private readonly object _lock = new();

    /// <summary>Creates a generator seeded with <paramref name="seed"/>.</summary>
    public Generator(ulong seed = DefaultSeed) => ManualSeed(seed);

    /// <summary>The generator that creation functions use when none is given; <see cref="Torch.ManualSeed"/> seeds it.</summary>
    public static Generator Default { get; } = new();

    /// <summary>The seed this generator was last seeded with.</summary>
    public ulong InitialSeed { get; private set; }

    /// <summary>Re-seeds the generator: the same seed always gives the same sequence.</summary>
    public Generator ManualSeed(ulong seed)
    {
        lock (_lock)
        {
            InitialSeed = seed;
            _mt[0] = (uint)seed;
            for (int i = 1; i < N; i++) _mt[i] = 1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
            _index = N;
        }
        return this;
    }

    /// <summary>The next 32 random bits.</summary>
    public uint NextUInt32()
    {
        lock (_lock) return Next32();
    }

    private uint Next32()
    {
        if (_index >= N) Twist();
        uint y = _mt[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    private ulong Next64() => ((ulong)Next32() << 32) | Next32();

    private void Twist()
    {
        for (int i = 0; i < N; i++)
        {
            uint y = (_mt[i] & 0x80000000u) | (_mt[(i + 1) % N] & 0x7fffffffu);
            _mt[i] = _mt[(i + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908b0dfu : 0u);
        }
        _index = 0;
    }

    // Uniform in [0, 1) with the full mantissa of the type: 24 bits for float, 53 for double.
    private float NextFloat() => (Next32() & ((1u << 24) - 1)) * (1.0f / (1 << 24));
    private double NextDouble() => (Next64() & ((1ul << 53) - 1)) * (1.0 / (1ul << 53));

    /// <summary>Fills with uniform values in [low, high).</summary>
    internal void FillUniform<T>(Span<T> destination, double low, double high) where T : unmanaged, IFloatingPointIeee754<T>
    {
        lock (_lock)
        {
            if (typeof(T) == typeof(float))
            {
                float lo = (float)low, range = (float)(high - low);
                for (int i = 0; i < destination.Length; i++) destination[i] = T.CreateTruncating(NextFloat() * range + lo);
            }
            else
            {
                for (int i = 0; i < destination.Length; i++) destination[i] = T.CreateTruncating(NextDouble() * (high - low) + low);
            }
        }
    }

    /// <summary>Fills with normal values of the given mean and standard deviation (Box–Muller on pairs of uniforms).</summary>
    internal void FillNormal<T>(Span<T> destination, double mean, double std) where T : unmanaged, IFloatingPointIeee754<T>
    {
        lock (_lock)
        {
            for (int i = 0; i < destination.Length; i += 2)
            {
                double u1 = 1.0 - NextDouble(); // (0, 1]: log is finite
                double u2 = NextDouble();
                double r = Math.Sqrt(-2.0 * Math.Log(u1));
                destination[i] = T.CreateTruncating(r * Math.Cos(2 * Math.PI * u2) * std + mean);
                if (i + 1 < destination.Length) destination[i + 1] = T.CreateTruncating(r * Math.Sin(2 * Math.PI * u2) * std + mean);
            }
        }
    }

    /// <summary>Fills with integers uniform in [low, high), without modulo bias.</summary>
    internal void FillRandInt<T>(Span<T> destination, long low, long high) where T : unmanaged, INumber<T>
    {
        if (high <= low) throw new ArgumentException($"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}");
        ulong range = (ulong)(high - low);
        lock (_lock)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                ulong r = range <= uint.MaxValue ? Bounded32((uint)range) : Bounded64(range);
                destination[i] = T.CreateTruncating(low + (long)r);
            }
        }
    }

    // Lemire's multiply-shift with rejection: unbiased and one draw in the common case.
    private uint Bounded32(uint range)
    {
        ulong m = (ulong)Next32() * range;
        uint l = (uint)m;
        if (l < range)
        {
            uint t = (uint)(-range) % range;
            while (l < t)
            {
                m = (ulong)Next32() * range;
                l = (uint)m;
            }
        }
        return (uint)(m >> 32);
    }

    private ulong Bounded64(ulong range)
    {
        ulong limit = ulong.MaxValue - ulong.MaxValue % range;
        ulong r;
        do r = Next64(); while (r >= limit);
        return r % range;
    }
}
