using StaticNet.Compiler.Model;

namespace StaticNet.Compiler.Shapes;

/// <summary>
/// What a shape rule needs besides the layer's settings: the layer's display name (<c>Fc1</c>, <c>LinearReluStack[2]</c>),
/// its input shape, where that input came from (for messages), the call site and the declaring attribute.
/// </summary>
internal sealed record RuleContext(string LayerName, ShapeSpec Input, string Origin, LocationInfo? Location, LocationInfo? Attribute)
{
    public RuleResult Ok(ShapeSpec shape) => new(shape, null);

    public RuleResult Fail(string id, params string[] args) => new(null, new DiagnosticInfo(id, Location, args.ToEquatableArray())
    {
        AdditionalLocations = Attribute is null ? EquatableArray<LocationInfo>.Empty : new[] { Attribute }.ToEquatableArray(),
    });

    /// <summary>SN0007 for a layer that needs <c>[B, C, H, W]</c>.</summary>
    public RuleResult NeedsImage() => Fail(DiagnosticIds.RankMismatch, LayerName, "a 4-D input [B, C, H, W]", Input.ToString(), Origin);
}

/// <summary>A rule's answer: the output shape, or the error (as a value; the analyzers report it).</summary>
internal readonly record struct RuleResult(ShapeSpec? Shape, DiagnosticInfo? Error)
{
    /// <summary>The error with the value a code fix applies with certainty (see <see cref="DiagnosticInfo.Replacement"/>).</summary>
    public RuleResult WithReplacement(string value) => this with { Error = Error! with { Replacement = value } };
}
