namespace StaticNet.Data;

/// <summary>
/// Indices 0..weights.Count-1 drawn with probabilities proportional to <c>weights</c> (PyTorch's
/// <c>WeightedRandomSampler</c>, which calls <c>torch.multinomial</c>).
/// </summary>
/// <remarks>
/// Draws as PyTorch 1.13's CPU <c>multinomial</c> does, so the same generator seed gives the same indices. With
/// replacement and more than one sample: one double uniform per sample, located by binary search in the normalised
/// cumulative weights. Without replacement (or a single sample): one exponential variate e_i = -log(1 - u_i) per
/// weight, and the indices of the largest w_i / e_i in descending order (the Gumbel top-k trick).
/// </remarks>
public sealed class WeightedRandomSampler : Sampler
{
    private readonly double[] _weights;

    /// <summary>Samples <paramref name="numSamples"/> indices weighted by <paramref name="weights"/>.</summary>
    /// <param name="weights">Non-negative, finite weights, not necessarily summing to one; at least one positive.</param>
    /// <param name="numSamples">How many indices to draw (positive; at most the number of weights without replacement).</param>
    /// <param name="replacement">Draw with replacement (the default, as in PyTorch).</param>
    /// <param name="generator">The random source; null draws from <see cref="StaticNet.Generator.Default"/>.</param>
    public WeightedRandomSampler(IReadOnlyList<double> weights, int numSamples, bool replacement = true, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (numSamples <= 0)
            throw new ArgumentOutOfRangeException(nameof(numSamples), $"num_samples should be a positive integer value, but got num_samples={numSamples}");
        _weights = [.. weights];
        double sum = 0;
        foreach (double w in _weights)
        {
            if (w < 0) throw new ArgumentException("invalid multinomial distribution (encountering probability entry < 0)", nameof(weights));
            if (!double.IsFinite(w)) throw new ArgumentException("invalid multinomial distribution (encountering probability entry = infinity or NaN)", nameof(weights));
            sum += w;
        }
        if (sum <= 0) throw new ArgumentException("invalid multinomial distribution (sum of probabilities <= 0)", nameof(weights));
        if (!replacement && numSamples > _weights.Length)
            throw new ArgumentException($"cannot sample n_sample ({numSamples}) > prob_dist.size(-1) ({_weights.Length}) samples without replacement", nameof(numSamples));
        if (!replacement && numSamples > _weights.Count(w => w > 0))
            throw new ArgumentException("invalid multinomial distribution (with replacement=False, not enough non-negative category to sample)", nameof(numSamples));
        Count = numSamples;
        Replacement = replacement;
        Generator = generator;
    }

    /// <summary>The weights, as given.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>Whether indices are drawn with replacement.</summary>
    public bool Replacement { get; }

    /// <summary>The generator given at construction, if any.</summary>
    public Generator? Generator { get; }

    /// <inheritdoc/>
    public override int Count { get; }

    /// <inheritdoc/>
    public override IEnumerator<int> GetEnumerator()
    {
        var g = Generator ?? StaticNet.Generator.Default;
        var drawn = !Replacement || Count == 1 ? TopKOfExponentials(g) : WithReplacement(g);
        return ((IEnumerable<int>)drawn).GetEnumerator();
    }

    private int[] WithReplacement(Generator g)
    {
        int n = _weights.Length;
        var cumulative = new double[n];
        double sum = 0;
        for (int j = 0; j < n; j++) cumulative[j] = sum += _weights[j];
        for (int j = 0; j < n; j++) cumulative[j] /= sum;
        cumulative[n - 1] = 1; // the last bucket always closes the distribution
        var result = new int[Count];
        for (int s = 0; s < result.Length; s++)
        {
            double u = g.NextUnitDouble();
            int left = 0, right = n;
            while (right - left > 0)
            {
                int mid = left + (right - left) / 2;
                if (cumulative[mid] < u) left = mid + 1; else right = mid;
            }
            result[s] = left;
        }
        return result;
    }

    private int[] TopKOfExponentials(Generator g)
    {
        var keys = new double[_weights.Length];
        for (int j = 0; j < keys.Length; j++) keys[j] = _weights[j] / -Math.Log(1.0 - g.NextUnitDouble());
        var order = Enumerable.Range(0, keys.Length).ToArray();
        // Descending keys; equal keys keep index order (a stable sort).
        Array.Sort(order, (a, b) => keys[b].CompareTo(keys[a]) is var c && c != 0 ? c : a.CompareTo(b));
        return order[..Count];
    }
}
