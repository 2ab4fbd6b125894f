using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNet.Compiler.Model;

namespace StaticNet.Compiler.Parse;

/// <summary>
/// Reads a <c>[Model]</c> class into a <see cref="ModelSpec"/>. This is the only code that sees symbols and syntax:
/// everything after it works on values, so the generator's pipeline caches and the analyzers share the result.
/// </summary>
internal static partial class ModelParser
{
    public const string ModelAttributeName = "StaticNet.ModelAttribute";
    private const string ForwardAttributeName = "StaticNet.ForwardAttribute";
    private const string LayerAttributeName = "StaticNet.LayerAttribute";
    private const string ModuleName = "StaticNet.NN.Module";

    /// <summary>Parses <paramref name="type"/>; <paramref name="compilation"/> supplies semantic models for its forward body.</summary>
    public static ModelSpec Parse(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken) =>
        Parse(type, compilation, [], cancellationToken);

    // ancestors: the models whose [Block] layers led here (outermost first), so a model that contains itself is an error, not a loop.
    private static ModelSpec Parse(INamedTypeSymbol type, Compilation compilation, ImmutableArray<string> ancestors, CancellationToken cancellationToken)
    {
        var errors = new List<DiagnosticInfo>();
        var location = type.Locations.Length > 0 ? LocationInfo.From(type.Locations[0]) : null;
        var (input, hasInput) = ReadInput(type);
        if (!hasInput) errors.Add(new(DiagnosticIds.MissingInput, location, Args(type.Name)));
        if (type.ContainingType is not null || type.TypeParameters.Length > 0)
            errors.Add(new(DiagnosticIds.UnsupportedDeclaration, location, Args(type.Name, "a model must be a non-generic top-level class")));

        var layers = new List<LayerSpec>();
        IMethodSymbol? forward = null;
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IMethodSymbol method || method.MethodKind != MethodKind.Ordinary) continue;
            if (HasAttribute(method, ForwardAttributeName)) forward ??= method;
            var layer = ReadLayer(method, type, compilation, ancestors, errors, cancellationToken);
            if (layer is not null) layers.Add(layer);
        }

        ForwardSpec? forwardSpec = null;
        if (forward is null) errors.Add(new(DiagnosticIds.MissingForward, location, Args(type.Name)));
        else forwardSpec = ForwardTracer.Trace(forward, type, layers, compilation, cancellationToken);
        var baseKind = ReadBase(type);
        if (baseKind == BaseKind.Module && forwardSpec is { ReturnsTuple: true })
            errors.Add(new(DiagnosticIds.UnsupportedDeclaration, location,
                Args(type.Name, "a model whose [Forward] returns a tuple gets its base class (MultiOutputModule) from the generator: remove ': Module'")));

        return new ModelSpec(
            type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
            type.Name,
            AccessibilityText(type.DeclaredAccessibility),
            baseKind,
            input.ToEquatableArray(),
            hasInput,
            layers.ToEquatableArray(),
            forwardSpec,
            errors.ToEquatableArray(),
            location);
    }

    private static (long[] Input, bool HasInput) ReadInput(INamedTypeSymbol type)
    {
        var model = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ModelAttributeName);
        foreach (var named in model?.NamedArguments ?? [])
        {
            if (named.Key != "Input" || named.Value.Kind != TypedConstantKind.Array || named.Value.IsNull) continue;
            var dims = named.Value.Values.Select(v => v.Value is int i ? (long)i : -1L).ToArray();
            return (dims, dims.Length > 0 && dims.All(d => d > 0));
        }
        return ([], false);
    }

    private static BaseKind ReadBase(INamedTypeSymbol type) => type.BaseType switch
    {
        null => BaseKind.None,
        { SpecialType: SpecialType.System_Object } => BaseKind.None,
        var b when b.ToDisplayString() == ModuleName => BaseKind.Module,
        _ => BaseKind.Other,
    };

    private static LayerSpec? ReadLayer(IMethodSymbol method, INamedTypeSymbol owner, Compilation compilation, ImmutableArray<string> ancestors,
        List<DiagnosticInfo> errors, CancellationToken cancellationToken)
    {
        var kinds = new List<LayerKindSpec>();
        foreach (var attribute in method.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!DerivesFrom(attribute.AttributeClass, LayerAttributeName)) continue;
            var kind = attribute.AttributeClass?.ToDisplayString() == BlockAttributeName
                ? ReadBlock(attribute, method, owner, compilation, ancestors, errors, cancellationToken)
                : LayerAttributeReader.Read(attribute);
            if (kind is not null) kinds.Add(kind with { Location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken)!) });
        }
        if (kinds.Count == 0) return null;

        var location = method.Locations.Length > 0 ? LocationInfo.From(method.Locations[0]) : null;
        bool signatureOk = method.IsPartialDefinition && IsGeneratedOrAbsent(method.PartialImplementationPart) && !method.IsStatic
            && method.Parameters.Length == 1 && IsTensor(method.Parameters[0].Type) && IsTensor(method.ReturnType);
        if (!signatureOk)
        {
            errors.Add(new(DiagnosticIds.InvalidLayerMethod, location, Args(method.Name)));
            return null;
        }
        return new LayerSpec(method.Name, Naming.SnakeCase(method.Name), AccessibilityText(method.DeclaredAccessibility),
            method.Parameters[0].Name, kinds.ToEquatableArray(), location);
    }

    // The generator parses the compilation without its own output; the analyzers see the generated implementation
    // (under the generator's folder, "StaticNet.Generator/StaticNet.Generators.NetworkGenerator/LeNet.g.cs"): only a body
    // written by hand is an error.
    private static bool IsGeneratedOrAbsent(IMethodSymbol? implementation) => implementation is null
        || implementation.DeclaringSyntaxReferences.All(r => r.SyntaxTree.FilePath.Replace('\\', '/').Contains(GeneratorFolder));

    private const string GeneratorFolder = "/StaticNet.Generators.NetworkGenerator/";

    internal static bool IsTensor(ITypeSymbol type) => type.ToDisplayString() == "StaticNet.Tensor";

    private static bool HasAttribute(ISymbol symbol, string name) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == name);

    private static bool DerivesFrom(INamedTypeSymbol? type, string name)
    {
        for (var t = type?.BaseType; t is not null; t = t.BaseType)
            if (t.ToDisplayString() == name) return true;
        return false;
    }

    private static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    private static EquatableArray<string> Args(params string[] args) => args.ToEquatableArray();
}
