using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using StaticNet.Compiler.Model;

namespace StaticNet.Compiler.Parse;

internal static partial class ModelParser
{
    private const string BlockAttributeName = "StaticNet.BlockAttribute";

    /// <summary>
    /// Reads <c>[Block(typeof(Inner))]</c>: parses the inner declared model with this same parser (so its shapes, state
    /// dict and printing come from the one model), or reports why it cannot be a layer (SN0105) and returns null.
    /// </summary>
    private static BlockSpec? ReadBlock(AttributeData attribute, IMethodSymbol method, INamedTypeSymbol owner, Compilation compilation,
        ImmutableArray<string> ancestors, List<DiagnosticInfo> errors, CancellationToken cancellationToken)
    {
        var location = method.Locations.Length > 0 ? LocationInfo.From(method.Locations[0]) : null;
        string ownerName = owner.ToDisplayString();
        if (attribute.ConstructorArguments.FirstOrDefault().Value is not INamedTypeSymbol inner)
            return Fail($"layer '{method.Name}' names no model type: write [Block(typeof(MyBlock))]");
        string innerName = inner.ToDisplayString();
        if (!inner.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ModelAttributeName))
            return Fail($"layer '{method.Name}' uses '{innerName}', which is not a [Model] class");
        if (innerName == ownerName || ancestors.Contains(innerName))
            return Fail($"layer '{method.Name}' uses '{innerName}', which contains '{ownerName}': a model cannot contain itself");

        var model = Parse(inner, compilation, ancestors.Add(ownerName), cancellationToken);
        if (model.DeclarationErrors.Count > 0)
            return Fail($"layer '{method.Name}' uses '{innerName}', which has errors of its own (see its diagnostics)");
        if (model.Base == BaseKind.Other)
            return Fail($"layer '{method.Name}' uses '{innerName}', which derives from another class than Module and is not generated");
        if (model.Forward?.Unsupported is { } unsupported)
            return Fail($"layer '{method.Name}' uses '{innerName}', whose [Forward] has '{unsupported.Construct}' ({unsupported.Reason}): a block's shapes must be traceable");
        if (model.Forward is { ReturnsTuple: true })
            return Fail($"layer '{method.Name}' uses '{innerName}', whose [Forward] returns a tuple; a layer returns one tensor");
        return new BlockSpec(innerName, model);

        BlockSpec? Fail(string reason)
        {
            errors.Add(new(DiagnosticIds.UnsupportedDeclaration, location, Args(owner.Name, reason)));
            return null;
        }
    }
}
