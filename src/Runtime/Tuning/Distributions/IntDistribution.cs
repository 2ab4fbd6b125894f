namespace StaticNet.Tuning;

/// <summary>
/// An integer range [low, high] on a grid of <see cref="Step"/>, optionally log-uniform (Optuna's
/// <c>IntDistribution</c>, what <see cref="Trial.SuggestInt"/> asks for).
/// </summary>
public sealed class IntDistribution : Distribution
{
    /// <summary>The lower bound.</summary>
    public long Low { get; }

    /// <summary>The upper bound (moved down onto the step grid, as Optuna does).</summary>
    public long High { get; }

    /// <summary>Whether values are drawn uniformly in log space.</summary>
    public bool Log { get; }

    /// <summary>The grid spacing (1 for log ranges).</summary>
    public long Step { get; }

    /// <summary>Checks the range as Optuna does; a high off the step grid is moved down onto it, with a warning.</summary>
    public IntDistribution(long low, long high, bool log = false, long step = 1)
    {
        if (log && step != 1) throw new ArgumentException("Samplers and other components in Optuna only accept step is 1 when `log` argument is True.");
        if (low > high) throw new ArgumentException($"The `low` value must be smaller than or equal to the `high` value (low={I(low)}, high={I(high)}).");
        if (log && low < 1) throw new ArgumentException($"The `low` value must be equal to or greater than 1 for a log distribution (low={I(low)}, high={I(high)}).");
        if (step <= 0) throw new ArgumentException($"The `step` value must be non-zero positive value, but step={I(step)}.");
        long r = high - low;
        if (r % step != 0)
        {
            long adjusted = r / step * step + low;
            TuningLog.Warning($"The distribution is specified by [{I(low)}, {I(high)}] and step={I(step)}, but the range is not divisible by `step`. It will be replaced by [{I(low)}, {I(adjusted)}].");
            high = adjusted;
        }
        (Low, High, Log, Step) = (low, high, log, step);
    }

    /// <inheritdoc/>
    public override bool IsSingle => Log ? Low == High : High - Low < Step;

    internal override double SingleValue => Low;

    /// <inheritdoc/>
    public override double ToInternal(object? externalValue) => externalValue switch
    {
        int or long or short or byte or sbyte or ushort or uint => Convert.ToDouble(externalValue, System.Globalization.CultureInfo.InvariantCulture),
        double d when d == Math.Floor(d) => d,
        _ => throw new ArgumentException($"{PyRepr.Value(externalValue)} is not an integer for {this}."),
    };

    /// <inheritdoc/>
    public override object? ToExternal(double internalValue) => (long)internalValue;

    /// <inheritdoc/>
    public override bool Contains(double v)
    {
        long value = (long)v;
        return (value - Low) % Step == 0 && Low <= value && value <= High;
    }

    private protected override string JsonName => "IntDistribution";

    private protected override IEnumerable<KeyValuePair<string, object?>> JsonAttributes() =>
        [new("log", Log), new("step", Step), new("low", Low), new("high", High)];
}
