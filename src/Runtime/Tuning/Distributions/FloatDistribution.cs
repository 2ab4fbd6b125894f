namespace StaticNet.Tuning;

/// <summary>
/// A float range [low, high], uniform or log-uniform, optionally on a grid of <see cref="Step"/> (Optuna's
/// <c>FloatDistribution</c>, what <see cref="Trial.SuggestFloat"/> asks for).
/// </summary>
public sealed class FloatDistribution : Distribution
{
    /// <summary>The lower bound.</summary>
    public double Low { get; }

    /// <summary>The upper bound (moved down onto the step grid when a step is given, as Optuna does).</summary>
    public double High { get; }

    /// <summary>Whether values are drawn uniformly in log space.</summary>
    public bool Log { get; }

    /// <summary>The grid spacing, or null for a continuous range.</summary>
    public double? Step { get; }

    /// <summary>Checks the range as Optuna does; a high off the step grid is moved down onto it, with a warning.</summary>
    public FloatDistribution(double low, double high, bool log = false, double? step = null)
    {
        if (double.IsNaN(low) || double.IsNaN(high)) throw new ArgumentException($"The bounds must be numbers (low={F(low)}, high={F(high)}).");
        if (log && step is not null) throw new ArgumentException("The parameter `step` is not supported when `log` is true.");
        if (low > high) throw new ArgumentException($"The `low` value must be smaller than or equal to the `high` value (low={F(low)}, high={F(high)}).");
        if (log && low <= 0.0) throw new ArgumentException($"The `low` value must be larger than 0 for a log distribution (low={F(low)}, high={F(high)}).");
        if (step is { } s && !(s > 0)) throw new ArgumentException($"The `step` value must be non-zero positive value, but step={F(s)}.");
        if (step is { } q) high = AdjustHigh(low, high, q);
        (Low, High, Log, Step) = (low, high, log, step);
    }

    /// <summary>Optuna's <c>_adjust_discrete_uniform_high</c>, in decimal arithmetic on the values' shortest digits.</summary>
    private static double AdjustHigh(double low, double high, double step)
    {
        if (!TryDecimal(low, out var dLow) || !TryDecimal(high, out var dHigh) || !TryDecimal(step, out var dStep)) return high;
        var r = dHigh - dLow;
        if (r % dStep == 0) return high;
        double adjusted = (double)(decimal.Floor(r / dStep) * dStep + dLow);
        TuningLog.Warning($"The distribution is specified by [{F(low)}, {F(high)}] and step={F(step)}, but the range is not divisible by `step`. It will be replaced by [{F(low)}, {F(adjusted)}].");
        return adjusted;
    }

    private static bool TryDecimal(double d, out decimal value) =>
        decimal.TryParse(PyRepr.Float(d), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value);

    /// <inheritdoc/>
    public override bool IsSingle => Step is { } s ? High - Low < s : Low == High;

    internal override double SingleValue => Low;

    /// <inheritdoc/>
    public override double ToInternal(object? externalValue)
    {
        double v = externalValue switch
        {
            double d => d,
            float f => f,
            IConvertible c when externalValue is not string and not bool => c.ToDouble(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new ArgumentException($"{PyRepr.Value(externalValue)} is not a number for {this}."),
        };
        if (double.IsNaN(v)) throw new ArgumentException($"`param_value_in_internal_repr` must be a real number, but got nan ({this}).");
        return v;
    }

    /// <inheritdoc/>
    public override object? ToExternal(double internalValue) => internalValue;

    /// <inheritdoc/>
    public override bool Contains(double v)
    {
        if (Step is not { } s) return Low <= v && v <= High;
        double k = (v - Low) / s;
        return Low <= v && v <= High && Math.Abs(k - Math.Round(k)) < 1e-8;
    }

    private protected override string JsonName => "FloatDistribution";

    private protected override IEnumerable<KeyValuePair<string, object?>> JsonAttributes() =>
        [new("step", Step), new("low", Low), new("high", High), new("log", Log)];
}
