using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using StaticNet.Analyzers.Diagnostics;
using StaticNet.Analyzers.Weights;
using StaticNet.Compiler.Model;
using StaticNet.Compiler.Parse;
using StaticNet.Compiler.Shapes;

namespace StaticNet.Analyzers;

/// <summary>
/// Checks the weights a project ships against the model they are for, at build time. A weights file listed as
/// <c>&lt;AdditionalFiles Include="model.safetensors" StaticNetModel="NeuralNetwork" /&gt;</c> has its header read — the
/// safetensors JSON header, or a .pth file's zip directory and data.pkl, never the tensor data; the StaticNet package's
/// build targets hand those bytes to the analyzer as a text image (<see cref="WeightsImage"/>: the compiler refuses
/// binary AdditionalFiles) — and every key the declared model lacks (SN0202), does not find (SN0201) or shapes
/// differently (SN0203) is an error naming both shapes; the model's state dict comes from the shared front end (parse, then
/// <see cref="StateDictShapes"/>), so no shape rule is written here. The analyzer reads nothing but AdditionalFiles.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WeightsFileAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The key under which the compiler passes an AdditionalFiles item's StaticNetModel metadata.</summary>
    public const string ModelMetadataKey = "build_metadata.AdditionalFiles.StaticNetModel";

    /// <summary>The key of the weights file's own path, on the image build/StaticNet.targets passes in its place.</summary>
    public const string WeightsMetadataKey = "build_metadata.AdditionalFiles.StaticNetWeights";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.WeightsCheck;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        // The file and the whole declaration are both needed: one action per compilation, which costs nothing in a
        // project without weights files (a metadata lookup per AdditionalFiles item).
        context.RegisterCompilationAction(Analyze);
    }

    private static void Analyze(CompilationAnalysisContext context)
    {
        var modelAttribute = context.Compilation.GetTypeByMetadataName(ModelParser.ModelAttributeName);
        foreach (var file in context.Options.AdditionalFiles)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(file);
            if (!options.TryGetValue(ModelMetadataKey, out var modelName) || string.IsNullOrWhiteSpace(modelName)) continue;
            string path = options.TryGetValue(WeightsMetadataKey, out var weights) && !string.IsNullOrWhiteSpace(weights) ? weights : file.Path;
            Check(context, file, path, modelName.Trim(), modelAttribute);
        }
    }

    private static void Check(CompilationAnalysisContext context, AdditionalText file, string path, string modelName, INamedTypeSymbol? modelAttribute)
    {
        var location = Location.Create(path, default, default);
        string fileName = System.IO.Path.GetFileName(path);
        var type = modelAttribute is null ? null : FindModel(context.Compilation, modelAttribute, modelName, context.CancellationToken);
        if (type is null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownWeightsModel, location, fileName, modelName));
            return;
        }
        var model = ModelParser.Parse(type, context.Compilation, context.CancellationToken);
        if (model.DeclarationErrors.Count > 0) return; // ModelShapeAnalyzer reports those; the state dict is unknown
        var declaration = type.Locations.Where(l => l.IsInSource).Take(1);

        IReadOnlyList<WeightEntry> found;
        try
        {
            var text = file.GetText(context.CancellationToken) ?? throw new WeightsFormatException("the compiler could not read it");
            found = WeightsHeader.Read(WeightsImage.Parse(text), path);
        }
        catch (Exception e) when (e is WeightsFormatException or OverflowException)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnreadableWeights, location, declaration, fileName, model.ClassName, e.Message));
            return;
        }

        var inFile = new Dictionary<string, WeightEntry>(StringComparer.Ordinal);
        foreach (var entry in found) inFile[entry.Key] = entry;
        var expected = StateDictShapes.Of(model);
        foreach (var want in expected)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (!inFile.TryGetValue(want.Key, out var have))
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingWeight, location, declaration, fileName, want.Key, model.ClassName, want.ShapeText));
            else if (!have.Shape.SequenceEqual(want.Shape))
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.WeightShapeMismatch, location, declaration,
                    fileName, want.Key, StateEntrySpec.FormatShape(have.Shape), model.ClassName, want.ShapeText));
        }
        var declared = new HashSet<string>(expected.Select(e => e.Key), StringComparer.Ordinal);
        foreach (var extra in found.Where(e => !declared.Contains(e.Key)))
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnexpectedWeight, location, declaration,
                fileName, extra.Key, StateEntrySpec.FormatShape(extra.Shape), model.ClassName));
    }

    // The [Model] class the metadata names: by its simple name or its namespace-qualified one (the first, ordinally, when
    // several namespaces declare a model of that simple name: qualify the name to choose).
    private static INamedTypeSymbol? FindModel(Compilation compilation, INamedTypeSymbol modelAttribute, string name, CancellationToken cancellationToken)
    {
        string simple = name.Substring(name.LastIndexOf('.') + 1);
        return compilation.GetSymbolsWithName(simple, SymbolFilter.Type, cancellationToken)
            .OfType<INamedTypeSymbol>()
            .Where(t => t.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, modelAttribute)))
            .Where(t => name == simple || t.ToDisplayString() == name)
            .OrderBy(t => t.ToDisplayString(), StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
