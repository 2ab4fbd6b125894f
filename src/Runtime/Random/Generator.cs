using System.Numerics;

namespace StaticNet;

/// <summary>
/// A pseudo-random number generator (PyTorch's <c>torch.Generator</c> on the CPU): the 32-bit Mersenne Twister
/// (MT19937) with PyTorch's seeding and PyTorch's transforms from random bits to numbers.
/// </summary>
/// <remarks>
/// <para>
/// Guaranteed: the same seed gives the same numbers as PyTorch's CPU generator, in the same order, on every machine
/// and for every core count: <c>Torch.ManualSeed(0); Torch.Rand(3)</c> gives the numbers that
/// <c>torch.manual_seed(0); torch.rand(3)</c> gives. The generator state, including the normal sample that
/// Box–Muller caches for the next call, advances exactly as PyTorch's does, so a sequence of calls stays in step.
/// <c>rand</c>, <c>uniform_</c>, <c>randint</c>/<c>random_</c>, <c>randperm</c> and float32 <c>randn</c>/<c>normal_</c>
/// of 16 or more contiguous elements use only integer and IEEE float arithmetic and are bit-identical everywhere.
/// Normals computed in double (float64 <c>randn</c>, and float32 below 16 elements or non-contiguous) call the
/// platform's <c>log</c>/<c>sin</c>/<c>cos</c>, as PyTorch does: identical on the same C library (glibc), within
/// an ulp or so of the double result elsewhere.
/// </para>
/// <para>
/// The reference is PyTorch's x86-64 AVX2 build, the kernels PyTorch picks on most x86-64 machines: its float32
/// bulk normal kernel (polynomial log/sin/cos, reproduced in <see cref="AvxMathFun"/>) and the fused multiply-adds
/// its compiler forms in <c>x * (to - from) + from</c> and <c>z * std + mean</c>. PyTorch itself gives numbers a
/// few ulps apart on machines where it picks its AVX-512 or scalar kernels; this generator does not follow it there.
/// </para>
/// <para>
/// Not guaranteed: PyTorch's CUDA streams. PyTorch's CUDA generator (Philox, with its own per-thread layout)
/// gives different numbers for the same seed; this generator reproduces only PyTorch's CPU generator, whatever the
/// device of the tensor being filled. Also not matched: PyTorch's other distributions (bernoulli, multinomial...)
/// unless their own code says so. A generator is thread-safe: each fill takes its lock once and draws sequentially.
/// </para>
/// </remarks>
public sealed partial class Generator
{
    /// <summary>PyTorch's default CPU seed (<c>torch.initial_seed()</c> in a fresh process).</summary>
    public const ulong DefaultSeed = 67280421310721;

    private readonly MersenneTwister _engine = new();
    // Box–Muller makes two normals; PyTorch keeps the second for the next scalar draw (next_double_normal_sample).
    private double? _nextDoubleNormal;
    private readonly object _lock = new();

    /// <summary>Creates a generator seeded with <paramref name="seed"/>.</summary>
    public Generator(ulong seed = DefaultSeed) => ManualSeed(seed);

    /// <summary>The generator that creation functions use when none is given; <see cref="Torch.ManualSeed"/> seeds it.</summary>
    public static Generator Default { get; } = new();

    /// <summary>The seed this generator was last seeded with (all 64 bits, as <c>initial_seed()</c> returns it).</summary>
    public ulong InitialSeed { get; private set; }

    /// <summary>
    /// Re-seeds the generator (<c>manual_seed</c>): the engine takes the low 32 bits of the seed, and the cached
    /// normal sample is dropped, so the same seed always gives the same sequence.
    /// </summary>
    public Generator ManualSeed(ulong seed)
    {
        lock (_lock)
        {
            InitialSeed = seed;
            _engine.Seed((uint)seed);
            _nextDoubleNormal = null;
        }
        return this;
    }

    /// <summary>The next 32 random bits (PyTorch's <c>generator.random()</c>).</summary>
    public uint NextUInt32()
    {
        lock (_lock) return _engine.Next32();
    }

    /// <summary>Fills with uniform values in [low, high) (<c>uniform_</c>), one draw per element in order.</summary>
    internal void FillUniform<T>(Span<T> destination, double low, double high) where T : unmanaged, IFloatingPointIeee754<T>
    {
        lock (_lock)
        {
            if (typeof(T) == typeof(float))
                Distributions.UniformFloat(_engine, Cast<T, float>(destination), (float)low, (float)high);
            else
                Distributions.UniformDouble(_engine, Cast<T, double>(destination), low, high);
        }
    }

    /// <summary>
    /// Fills with normal values (<c>normal_</c>). PyTorch has two algorithms and this picks the same one: a
    /// contiguous tensor of 16 or more elements is filled with uniforms and transformed 16 at a time; anything
    /// else draws one cached Box–Muller sample per element. <paramref name="contiguous"/> says whether the tensor
    /// being filled is contiguous (a strided tensor passes its elements here in PyTorch's iteration order).
    /// </summary>
    internal void FillNormal<T>(Span<T> destination, double mean, double std, bool contiguous = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        lock (_lock)
        {
            if (contiguous && destination.Length >= 16)
            {
                if (typeof(T) == typeof(float)) NormalFill.Float(_engine, Cast<T, float>(destination), (float)mean, (float)std);
                else NormalFill.Double(_engine, Cast<T, double>(destination), mean, std);
                return;
            }
            for (int i = 0; i < destination.Length; i++) destination[i] = T.CreateTruncating(NextNormal(mean, std));
        }
    }

    /// <summary>Fills with integers uniform in [low, high) (<c>random_(from, to)</c>): one draw modulo the range.</summary>
    /// <remarks>
    /// PyTorch takes <c>random() % range</c> (a slight modulo bias for huge ranges) and two draws (<c>random64</c>)
    /// when the range reaches 2^32 and the element type is 64-bit or floating.
    /// </remarks>
    internal void FillRandInt<T>(Span<T> destination, long low, long high) where T : unmanaged, INumber<T>
    {
        if (high <= low) throw new ArgumentException($"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}");
        ulong range = (ulong)(high - low);
        bool wide = range >= 1ul << 32 && (typeof(T) == typeof(long) || typeof(T) == typeof(double) || typeof(T) == typeof(float));
        lock (_lock)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                ulong r = wide ? _engine.Next64() : _engine.Next32();
                destination[i] = T.CreateTruncating((long)(r % range + (ulong)low));
            }
        }
    }

    /// <summary>
    /// A permutation of 0..n-1 (<c>randperm</c>): PyTorch's CPU shuffle, which swaps element i with element
    /// i + random() % (n - i) for i = 0 .. n-2.
    /// </summary>
    internal void FillPermutation(Span<long> destination)
    {
        long n = destination.Length;
        for (int i = 0; i < destination.Length; i++) destination[i] = i;
        lock (_lock)
        {
            for (int i = 0; i < n - 1; i++)
            {
                int z = i + (int)(_engine.Next32() % (ulong)(n - i));
                (destination[i], destination[z]) = (destination[z], destination[i]);
            }
        }
    }

    // PyTorch's normal_distribution<double>: u1 gives the angle, u2 the radius; sin goes to the cache.
    private double NextNormal(double mean, double std)
    {
        double z;
        if (_nextDoubleNormal is double cached)
        {
            z = cached;
            _nextDoubleNormal = null;
        }
        else
        {
            double u1 = Distributions.UnitDouble(_engine.Next64());
            double u2 = Distributions.UnitDouble(_engine.Next64());
            double r = Math.Sqrt(-2.0 * Math.Log(1.0 - u2));
            double theta = 2.0 * Math.PI * u1;
            _nextDoubleNormal = r * Math.Sin(theta);
            z = r * Math.Cos(theta);
        }
        return Math.FusedMultiplyAdd(z, std, mean);
    }

    private static Span<TTo> Cast<TFrom, TTo>(Span<TFrom> span) where TFrom : unmanaged where TTo : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<TFrom, TTo>(span);
}
