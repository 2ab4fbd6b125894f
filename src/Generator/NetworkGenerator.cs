using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNet.Compiler.Graph;
using StaticNet.Compiler.Model;
using StaticNet.Compiler.Parse;
using StaticNet.Compiler.Shapes;
using StaticNet.Generators.Emit;

namespace StaticNet.Generators;

/// <summary>
/// Turns each <c>[Model]</c> partial class into a <c>StaticNet.NN.Module</c>: registered layers with PyTorch's names,
/// the layer methods, <c>Forward</c> (the fused plan of the lowered value graph, or the eager forward), and a
/// compile-time <c>Summary</c>. Reports nothing: the analyzers run the same
/// parse and shape code and report; a model with an error gets no generated code.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The predicate runs for every attributed class in the compilation: a syntax check and out. The transform is
        // the only step that sees symbols; it returns values, so every later step caches.
        var models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ModelParser.ModelAttributeName,
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: static (ctx, ct) => ModelParser.Parse((INamedTypeSymbol)ctx.TargetSymbol, ctx.SemanticModel.Compilation, ct))
            .WithTrackingName(TrackingNames.Parse);

        var inferred = models
            .Select(static (model, ct) => ShapeInference.Infer(model, ct))
            .WithTrackingName(TrackingNames.InferShapes);

        var emittable = inferred
            .Where(static model => model.Errors.Count == 0 && model.Model.Base != BaseKind.Other)
            .WithTrackingName(TrackingNames.Emittable);

        var lowered = emittable
            .Select(static (model, ct) => new LoweredModel(model, GraphLowering.Lower(model, ct)))
            .WithTrackingName(TrackingNames.Lower);

        context.RegisterSourceOutput(lowered, static (spc, model) =>
            spc.AddSource(ModelEmitter.HintName(model.Inferred.Model), ModelEmitter.Emit(model, spc.CancellationToken)));
    }
}
