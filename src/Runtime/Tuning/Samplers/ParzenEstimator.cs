namespace StaticNet.Tuning;

/// <summary>
/// Optuna 3.1's univariate <c>_ParzenEstimator</c>: a mixture of one truncated normal per observation (in log space
/// for log ranges, widened by half a step for stepped and integer ranges) plus a prior component spanning the range,
/// or for categories one smoothed histogram row per observation plus a flat prior row.
/// </summary>
internal sealed class ParzenEstimator
{
    private readonly Distribution _distribution;
    private readonly double[] _weights;
    private readonly double _low, _high;
    private readonly double? _q;
    private readonly double[] _mus = [], _sigmas = [], _logMass = [];
    // Per component: log weight − log mass [− log σ], and the truncation bounds in standard units, so the density
    // of a candidate costs one square and one exp per component.
    private readonly double[] _logCoefficient = [], _zLow = [], _zHigh = [];
    private readonly double[,]? _categorical;
    private readonly bool _scaleInLogPdf;

    public ParzenEstimator(ReadOnlySpan<double> observations, Distribution distribution, TpeSampler settings)
    {
        _distribution = distribution;
        _scaleInLogPdf = !settings.Optuna31LogPdf;
        int n = observations.Length;
        bool considerPrior = settings.ConsiderPrior || n == 0;
        _weights = Weights(n, considerPrior, settings.PriorWeight);
        if (distribution is CategoricalDistribution c)
        {
            int k = c.Choices.Count, rows = considerPrior ? n + 1 : n;
            double fill = settings.PriorWeight / (considerPrior ? n + 1 : n);
            _categorical = new double[rows, k];
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < k; j++) _categorical[i, j] = fill;
                if (i < n) _categorical[i, (int)observations[i]] += 1;
                double sum = 0;
                for (int j = 0; j < k; j++) sum += _categorical[i, j];
                for (int j = 0; j < k; j++) _categorical[i, j] /= sum;
            }
            return;
        }
        (_low, _high, _q) = Bounds(distribution);
        var mus = new double[considerPrior ? n + 1 : n];
        for (int i = 0; i < n; i++) mus[i] = ToUniform(observations[i]);
        if (considerPrior) mus[n] = 0.5 * (_low + _high);
        _mus = mus;
        _sigmas = Sigmas(mus, n, considerPrior, settings);
        _logMass = new double[mus.Length];
        _logCoefficient = new double[mus.Length];
        _zLow = new double[mus.Length];
        _zHigh = new double[mus.Length];
        for (int i = 0; i < mus.Length; i++)
        {
            _zLow[i] = (_low - mus[i]) / _sigmas[i];
            _zHigh[i] = (_high - mus[i]) / _sigmas[i];
            _logMass[i] = TruncatedNormal.LogGaussMass(_zLow[i], _zHigh[i]);
            _logCoefficient[i] = Math.Log(_weights[i]) - _logMass[i] - (_scaleInLogPdf ? Math.Log(_sigmas[i]) : 0);
        }
    }

    /// <summary><c>default_weights</c> (flat for the 25 newest, a ramp from 1/n before them) plus the prior, normalised.</summary>
    private static double[] Weights(int n, bool considerPrior, double priorWeight)
    {
        var w = new double[considerPrior ? n + 1 : n];
        if (n < 25) Array.Fill(w, 1.0, 0, n);
        else
        {
            // np.linspace(1/n, 1, num=n-25) then 25 ones.
            int ramp = n - 25;
            for (int i = 0; i < ramp; i++) w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
            if (ramp > 1) w[ramp - 1] = 1.0;
            Array.Fill(w, 1.0, ramp, 25);
        }
        if (considerPrior) w[n] = priorWeight;
        double sum = 0;
        foreach (double v in w) sum += v;
        for (int i = 0; i < w.Length; i++) w[i] /= sum;
        return w;
    }

    /// <summary><c>_calculate_parzen_bounds</c>: log space for log ranges, half a step beyond each end for stepped ones.</summary>
    private static (double Low, double High, double? Q) Bounds(Distribution d) => d switch
    {
        FloatDistribution { Log: true } f => (Math.Log(f.Low), Math.Log(f.High), null),
        FloatDistribution { Step: { } s } f => (f.Low - 0.5 * s, f.High + 0.5 * s, s),
        FloatDistribution f => (f.Low, f.High, null),
        IntDistribution { Log: true } i => (Math.Log(i.Low - 0.5), Math.Log(i.High + 0.5), null),
        IntDistribution i => (i.Low - 0.5 * i.Step, i.High + 0.5 * i.Step, i.Step),
        _ => throw new NotSupportedException($"TPE cannot model {d}."),
    };

    private bool IsLog => _distribution is FloatDistribution { Log: true } or IntDistribution { Log: true };

    private double ToUniform(double x) => IsLog ? Math.Log(x) : x;

    /// <summary>
    /// <c>_calculate_numerical_params</c>: each sigma is the larger gap to its sorted neighbours (the range ends count
    /// as neighbours), the end components use their inner gap (consider_endpoints false), clipped to
    /// [range / min(100, 1 + components), range] (the magic clip); the prior's sigma is the whole range.
    /// </summary>
    private double[] Sigmas(double[] mus, int n, bool considerPrior, TpeSampler settings)
    {
        int m = mus.Length;
        var order = new int[m];
        for (int i = 0; i < m; i++) order[i] = i;
        // np.argsort's default quicksort is not stable, but ties give equal gaps, so any tie order yields the same sigmas.
        Array.Sort(order, (x, y) => mus[x].CompareTo(mus[y]));
        var ext = new double[m + 2];
        ext[0] = _low;
        for (int i = 0; i < m; i++) ext[i + 1] = mus[order[i]];
        ext[m + 1] = _high;
        var sorted = new double[m];
        for (int i = 0; i < m; i++) sorted[i] = Math.Max(ext[i + 1] - ext[i], ext[i + 2] - ext[i + 1]);
        if (!settings.ConsiderEndpoints && ext.Length >= 4)
        {
            sorted[0] = ext[2] - ext[1];
            sorted[m - 1] = ext[m] - ext[m - 1];
        }
        var sigmas = new double[m];
        for (int i = 0; i < m; i++) sigmas[order[i]] = sorted[i];
        double maxSigma = _high - _low;
        double minSigma = settings.ConsiderMagicClip ? (_high - _low) / Math.Min(100.0, 1.0 + m) : 1e-12;
        for (int i = 0; i < m; i++) sigmas[i] = Math.Clamp(sigmas[i], minSigma, maxSigma);
        if (considerPrior) sigmas[n] = _high - _low;
        return sigmas;
    }

    /// <summary>
    /// <paramref name="count"/> draws in the distribution's external space (log undone, steps rounded): a component
    /// by its weight, then a value from it, consuming the generator as NumPy's <c>choice</c> and <c>uniform</c> do.
    /// </summary>
    public double[] Sample(NumpyRandom rng, int count)
    {
        var active = new int[count];
        rng.Choice(_weights, active);
        var samples = new double[count];
        if (_categorical is { } cat)
        {
            int k = cat.GetLength(1);
            for (int s = 0; s < count; s++)
            {
                double u = rng.NextDouble(), cum = 0;
                int index = 0;
                for (int j = 0; j < k; j++)
                {
                    cum += cat[active[s], j];
                    if (cum < u) index++;
                }
                samples[s] = index;
            }
            return samples;
        }
        for (int s = 0; s < count; s++)
        {
            int j = active[s];
            samples[s] = TruncatedNormal.Ppf(rng.NextDouble(), _zLow[j], _zHigh[j], _logMass[j]) * _sigmas[j] + _mus[j];
        }
        for (int s = 0; s < count; s++) samples[s] = FromUniform(samples[s]);
        return samples;
    }

    /// <summary><c>_transform_from_uniform</c>: exp for log ranges, onto the step grid and clipped for stepped ones.</summary>
    private double FromUniform(double x)
    {
        switch (_distribution)
        {
            case FloatDistribution { Log: true }: return Math.Exp(x);
            case FloatDistribution { Step: { } q } f: return Math.Clamp(Math.Round((x - f.Low) / q) * q + f.Low, f.Low, f.High);
            case FloatDistribution: return x;
            case IntDistribution { Log: true } i: return Math.Clamp(Math.Round(Math.Exp(x)), i.Low, i.High);
            case IntDistribution i: return Math.Clamp(Math.Round((x - i.Low) / i.Step) * i.Step + i.Low, i.Low, i.High);
            default: return x;
        }
    }

    /// <summary>The mixture's log density (log probability for categories and steps) at each sample.</summary>
    public double[] LogPdf(ReadOnlySpan<double> samples)
    {
        var result = new double[samples.Length];
        if (_categorical is { } cat)
        {
            int rows = cat.GetLength(0);
            for (int s = 0; s < samples.Length; s++)
            {
                int c = (int)samples[s];
                double p = 0;
                for (int i = 0; i < rows; i++) p += cat[i, c] * _weights[i];
                result[s] = Math.Log(p);
            }
            return result;
        }
        int m = _mus.Length;
        Span<double> terms = m <= 512 ? stackalloc double[m] : new double[m];
        for (int s = 0; s < samples.Length; s++)
        {
            double x = ToUniform(samples[s]), max = double.NegativeInfinity;
            for (int j = 0; j < m; j++)
            {
                if (_q is { } q)
                {
                    double upper = Math.Min(x + q / 2.0, _high), lower = Math.Max(x - q / 2.0, _low);
                    terms[j] = TruncatedNormal.LogGaussMass((lower - _mus[j]) / _sigmas[j], (upper - _mus[j]) / _sigmas[j]) - _logMass[j] + Math.Log(_weights[j]);
                }
                else
                {
                    double z = (x - _mus[j]) / _sigmas[j];
                    terms[j] = z < _zLow[j] || z > _zHigh[j] ? double.NegativeInfinity : TruncatedNormal.NormLogPdf(z) + _logCoefficient[j];
                }
                if (terms[j] > max) max = terms[j];
            }
            double sum = 0;
            for (int j = 0; j < m; j++) sum += Math.Exp(terms[j] - max);
            result[s] = Math.Log(sum) + max;
        }
        return result;
    }
}
