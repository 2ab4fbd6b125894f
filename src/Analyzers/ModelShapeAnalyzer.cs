using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNet.Analyzers.Diagnostics;
using StaticNet.Compiler.Graph;
using StaticNet.Compiler.Model;
using StaticNet.Compiler.Parse;
using StaticNet.Compiler.Shapes;

namespace StaticNet.Analyzers;

/// <summary>
/// Reports the shape and declaration errors of each <c>[Model]</c> class: it runs the generator's own parse, shape
/// inference and lowering (src/Compiler, linked into both assemblies) and turns the diagnostics that code returns as values into
/// Roslyn diagnostics at the offending call or attribute.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModelShapeAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The key of <see cref="Diagnostic.Properties"/> holding the value a code fix applies (SN0001: the received width).</summary>
    public const string ReplacementKey = "Replacement";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        // Look the attribute up once per compilation: a project without StaticNet costs one failed lookup, and in one
        // with it only classes that carry [Model] are parsed (a symbol action sees each partial class once).
        context.RegisterCompilationStartAction(static start =>
        {
            var modelAttribute = start.Compilation.GetTypeByMetadataName(ModelParser.ModelAttributeName);
            if (modelAttribute is null) return;
            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, modelAttribute), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol modelAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, modelAttribute))) return;

        var model = ModelParser.Parse(type, context.Compilation, context.CancellationToken);
        var inferred = ShapeInference.Infer(model, context.CancellationToken);
        foreach (var info in inferred.Errors.Concat(inferred.Notes))
            context.ReportDiagnostic(ToDiagnostic(info, context.Compilation));
        // A valid forward the fused plan cannot take still runs (eagerly): the generator's own lowering says where and why (SN0104).
        if (inferred.Errors.Count == 0 && GraphLowering.Lower(inferred, context.CancellationToken).Blocker is { } blocker)
            context.ReportDiagnostic(ToDiagnostic(blocker, context.Compilation));
    }

    private static Diagnostic ToDiagnostic(DiagnosticInfo info, Compilation compilation)
    {
        var properties = info.Replacement is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(ReplacementKey, info.Replacement);
        return Diagnostic.Create(
            DiagnosticDescriptors.ById(info.Id),
            ToLocation(info.Location, compilation),
            info.AdditionalLocations.Select(l => ToLocation(l, compilation)),
            properties,
            info.MessageArgs.Cast<object>().ToArray());
    }

    // The model keeps locations as values; a diagnostic needs one in its tree, so pragmas, suppressions and the IDE
    // place it. Diagnostics are rare, so a scan of the trees is cheaper than an index built for every compilation.
    private static Location ToLocation(LocationInfo? info, Compilation compilation)
    {
        if (info is null) return Location.None;
        foreach (var tree in compilation.SyntaxTrees)
            if (tree.FilePath == info.FilePath) return Location.Create(tree, info.TextSpan);
        return info.ToLocation();
    }
}
