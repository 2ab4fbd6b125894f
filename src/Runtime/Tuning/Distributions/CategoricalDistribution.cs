namespace StaticNet.Tuning;

/// <summary>
/// A choice among values (Optuna's <c>CategoricalDistribution</c>, what <see cref="Trial.SuggestCategorical{T}"/>
/// asks for). The internal representation is the index of the choice. Choices are null, bool, integers (kept as
/// <see cref="long"/>), floats (kept as <see cref="double"/>) or strings, the types Optuna can store.
/// </summary>
public sealed class CategoricalDistribution : Distribution
{
    /// <summary>The choices, integers widened to <see cref="long"/> and floats to <see cref="double"/>.</summary>
    public IReadOnlyList<object?> Choices { get; }

    /// <summary>Checks that there is at least one choice and that each can be stored.</summary>
    public CategoricalDistribution(IEnumerable<object?> choices)
    {
        var list = new List<object?>();
        foreach (var c in choices) list.Add(Normalize(c));
        if (list.Count == 0) throw new ArgumentException("The `choices` must contain one or more elements.");
        Choices = list;
    }

    private static object? Normalize(object? choice) => choice switch
    {
        null or bool or string or long or double => choice,
        int or short or sbyte or byte or ushort or uint => Convert.ToInt64(choice, System.Globalization.CultureInfo.InvariantCulture),
        float f => (double)f,
        _ => throw new ArgumentException($"A categorical choice must be null, bool, an integer, a float or a string (what Optuna can store), not {choice.GetType().Name} ({choice})."),
    };

    /// <inheritdoc/>
    public override bool IsSingle => Choices.Count == 1;

    internal override double SingleValue => 0;

    /// <inheritdoc/>
    public override double ToInternal(object? externalValue)
    {
        var v = Normalize(externalValue);
        for (int i = 0; i < Choices.Count; i++)
            if (Same(Choices[i], v)) return i;
        throw new ArgumentException($"{PyRepr.Value(externalValue)} is not one of the choices of {this}.");
    }

    private static bool Same(object? a, object? b) =>
        Equals(a, b) || a is double da && b is double db && double.IsNaN(da) && double.IsNaN(db)
        || a is long la && b is double d2 && la == d2 || a is double d1 && b is long lb && d1 == lb;

    /// <inheritdoc/>
    public override object? ToExternal(double internalValue)
    {
        int index = (int)internalValue;
        if (index < 0 || index >= Choices.Count || index != internalValue)
            throw new ArgumentException($"{PyRepr.Float(internalValue)} is not a choice index of {this}.");
        return Choices[index];
    }

    /// <inheritdoc/>
    public override bool Contains(double internalValue) => internalValue == Math.Floor(internalValue) && 0 <= internalValue && internalValue < Choices.Count;

    private protected override string JsonName => "CategoricalDistribution";

    private protected override IEnumerable<KeyValuePair<string, object?>> JsonAttributes() => [new("choices", Choices)];
}
