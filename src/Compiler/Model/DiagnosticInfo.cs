using Microsoft.CodeAnalysis;

namespace StaticNet.Compiler.Model;

/// <summary>
/// A diagnostic as a value: its id (<see cref="DiagnosticIds"/>), where, the message arguments, and other places
/// involved (a layer's attribute, for a code fix that edits it). The analyzers turn it into a <see cref="Diagnostic"/>
/// with their descriptor catalogue; the generator reports nothing.
/// </summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    /// <summary>Further locations: for a layer's shape error, the layer attribute a code fix would change.</summary>
    public EquatableArray<LocationInfo> AdditionalLocations { get; init; } = EquatableArray<LocationInfo>.Empty;

    /// <summary>
    /// A value a code fix can apply with certainty, or null: for SN0001 on a <c>[B, n]</c> input, the width n that the
    /// Linear attribute's first argument should read.
    /// </summary>
    public string? Replacement { get; init; }

    /// <summary>The English message, as the analyzers' descriptor formats it.</summary>
    public string Message => string.Format(System.Globalization.CultureInfo.InvariantCulture, DiagnosticIds.MessageFormat(Id), System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Cast<object>(MessageArgs)));
}
