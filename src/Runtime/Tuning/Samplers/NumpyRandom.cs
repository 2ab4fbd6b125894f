namespace StaticNet.Tuning;

/// <summary>
/// NumPy's legacy <c>RandomState</c> as Optuna's samplers use it: MT19937 seeded by Knuth's rule, 53-bit doubles
/// from two draws, <c>choice</c> with probabilities by inverse CDF, <c>randint</c> by masked rejection. The same
/// seed gives the same stream as <c>numpy.random.RandomState(seed)</c>.
/// </summary>
internal sealed class NumpyRandom
{
    private readonly MersenneTwister _mt = new();

    public NumpyRandom(int? seed) => _mt.Seed(seed is { } s ? unchecked((uint)s) : (uint)System.Random.Shared.NextInt64(0, 1L << 32));

    /// <summary><c>random_sample()</c>: a double in [0, 1) from 53 random bits.</summary>
    public double NextDouble()
    {
        uint a = _mt.Next32() >> 5, b = _mt.Next32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary><c>uniform(low, high)</c>.</summary>
    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary><c>choice(len(p), size, p=p)</c>: indices drawn by searching the normalised cumulative sums.</summary>
    public void Choice(ReadOnlySpan<double> p, Span<int> result)
    {
        Span<double> cdf = p.Length <= 256 ? stackalloc double[p.Length] : new double[p.Length];
        double sum = 0;
        for (int i = 0; i < p.Length; i++) cdf[i] = sum += p[i];
        for (int i = 0; i < cdf.Length; i++) cdf[i] /= sum;
        for (int k = 0; k < result.Length; k++)
        {
            double u = NextDouble();
            // searchsorted(side='right'): the first index whose cdf exceeds u.
            int lo = 0, hi = cdf.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (cdf[mid] <= u) lo = mid + 1; else hi = mid;
            }
            result[k] = Math.Min(lo, cdf.Length - 1);
        }
    }

    /// <summary><c>randint(0, n)</c> as the legacy generator draws it: 32-bit words masked and rejected above n − 1.</summary>
    public int Below(int n)
    {
        if (n <= 1) return 0;
        uint range = (uint)(n - 1), mask = range;
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4; mask |= mask >> 8; mask |= mask >> 16;
        uint value;
        do value = _mt.Next32() & mask; while (value > range);
        return (int)value;
    }
}
