namespace StaticNet.Bench;

/// <summary>The StaticNet configurations measured; each becomes its own <c>variant=</c> column in the kit's tables.</summary>
internal static class Variants
{
    /// <summary>The models declared with the DSL (<c>[Model]</c> partial classes): the generator's fused plan where it applies.</summary>
    public const string Generated = "generated";

    /// <summary>The same models built from nn layers (Sequential / Module subclasses), run through autograd.</summary>
    public const string Eager = "eager";

    public static readonly string[] All = [Generated, Eager];

    /// <summary>Parses a comma-separated list (<c>--variants generated,eager</c>), keeping the given order.</summary>
    public static string[] Parse(string list)
    {
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToArray();
        foreach (var n in names)
            if (!All.Contains(n))
                throw new ArgumentException($"--variants: unknown variant '{n}'; expected a comma-separated subset of {string.Join(",", All)}");
        if (names.Length == 0) throw new ArgumentException("--variants: the list is empty");
        return names;
    }
}
