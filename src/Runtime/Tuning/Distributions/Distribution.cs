using System.Globalization;

namespace StaticNet.Tuning;

/// <summary>
/// The range a parameter is drawn from (Optuna's <c>BaseDistribution</c>). Samplers work on the internal
/// representation, a <see cref="double"/>: the value itself for numbers, the index of the choice for categories.
/// </summary>
public abstract class Distribution : IEquatable<Distribution>
{
    private protected Distribution() { }

    /// <summary>Whether the range holds exactly one value, so nothing needs sampling.</summary>
    public abstract bool IsSingle { get; }

    /// <summary>The internal representation of a value the user sees (<c>to_internal_repr</c>).</summary>
    public abstract double ToInternal(object? externalValue);

    /// <summary>The value the user sees for an internal representation (<c>to_external_repr</c>).</summary>
    public abstract object? ToExternal(double internalValue);

    /// <summary>Whether an internal value lies in the range (on the step grid, for stepped ranges).</summary>
    public abstract bool Contains(double internalValue);

    /// <summary>The only value of a single-valued range, internal representation.</summary>
    internal abstract double SingleValue { get; }

    /// <summary>Optuna's <c>distribution_to_json</c>: <c>{"name": "FloatDistribution", "attributes": {...}}</c>.</summary>
    public string ToJson() => PyJson.Write(new KeyValuePair<string, object?>[] { new("name", JsonName), new("attributes", JsonAttributes()) });

    private protected abstract string JsonName { get; }
    private protected abstract IEnumerable<KeyValuePair<string, object?>> JsonAttributes();

    /// <summary>Optuna's <c>repr</c>: the class name and its attributes sorted by name, <c>FloatDistribution(high=1.0, log=False, low=0.0, step=None)</c>.</summary>
    public override string ToString() =>
        JsonName + "(" + string.Join(", ", JsonAttributes().OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + PyRepr.Value(kv.Value))) + ")";

    /// <inheritdoc/>
    public bool Equals(Distribution? other) => other is not null && ToJsonCanonical() == other.ToJsonCanonical();

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Distribution d && Equals(d);

    /// <inheritdoc/>
    public override int GetHashCode() => ToJsonCanonical().GetHashCode(StringComparison.Ordinal);

    private string ToJsonCanonical() => ToString();

    /// <summary>
    /// Optuna's <c>check_distribution_compatibility</c>: the same kind, the same log setting, the same choices. A
    /// numeric range may change between trials (Optuna's dynamic search spaces), so bounds are not compared.
    /// </summary>
    internal static void CheckCompatible(string name, Distribution old, Distribution @new)
    {
        string both = $"parameter '{name}' was {old} and is now asked as {@new}";
        if (old.GetType() != @new.GetType())
            throw new ArgumentException($"Cannot set a different distribution kind to the same parameter name: {both}.");
        if (old is FloatDistribution f && f.Log != ((FloatDistribution)@new).Log || old is IntDistribution i && i.Log != ((IntDistribution)@new).Log)
            throw new ArgumentException($"Cannot set a different log configuration to the same parameter name: {both}.");
        if (old is CategoricalDistribution && !old.Equals(@new))
            throw new ArgumentException($"CategoricalDistribution does not support a dynamic value space: {both}.");
    }

    /// <summary>Optuna's <c>json_to_distribution</c>, including the pre-3.0 names old databases hold.</summary>
    public static Distribution FromJson(string json, string what = "distribution_json")
    {
        if (PyJson.Parse(json, what) is not Dictionary<string, object?> root || root.GetValueOrDefault("name") is not string name
            || root.GetValueOrDefault("attributes") is not Dictionary<string, object?> a)
            throw new FormatException($"{what} is not an Optuna distribution (expected {{\"name\": ..., \"attributes\": {{...}}}}): {json}");
        double D(string key) => a.GetValueOrDefault(key) switch
        {
            long l => l,
            double d => d,
            var other => throw new FormatException($"{what}: attribute '{key}' of {name} should be a number but is {PyRepr.Value(other)}: {json}"),
        };
        long L(string key) => checked((long)D(key));
        bool B(string key) => a.GetValueOrDefault(key) is bool b && b;
        return name switch
        {
            "FloatDistribution" => new FloatDistribution(D("low"), D("high"), B("log"), a.GetValueOrDefault("step") is null ? null : D("step")),
            "IntDistribution" => new IntDistribution(L("low"), L("high"), B("log"), a.ContainsKey("step") ? L("step") : 1),
            "CategoricalDistribution" => new CategoricalDistribution(a.GetValueOrDefault("choices") as List<object?>
                ?? throw new FormatException($"{what}: CategoricalDistribution needs a list of choices: {json}")),
            "UniformDistribution" => new FloatDistribution(D("low"), D("high")),
            "LogUniformDistribution" => new FloatDistribution(D("low"), D("high"), log: true),
            "DiscreteUniformDistribution" => new FloatDistribution(D("low"), D("high"), step: D("q")),
            "IntUniformDistribution" => new IntDistribution(L("low"), L("high"), step: a.ContainsKey("step") ? L("step") : 1),
            "IntLogUniformDistribution" => new IntDistribution(L("low"), L("high"), log: true),
            _ => throw new FormatException($"{what}: unknown distribution '{name}': {json}"),
        };
    }

    private protected static string F(double d) => PyRepr.Float(d);

    private protected static string I(long l) => l.ToString(CultureInfo.InvariantCulture);
}
