using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using StaticNet.Compiler.Model;

namespace StaticNet.Analyzers.Diagnostics;

/// <summary>
/// Every diagnostic StaticNet reports, in blocks by category: shapes (SN0001…), declarations (SN0101…), shipped weights
/// (SN0201…). Ids and message
/// formats come from <see cref="DiagnosticIds"/> in the shared model, which produces the diagnostics as values; this file
/// adds what only a reported diagnostic needs (title, category, severity).
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string ShapeCategory = "StaticNet.Shapes";
    private const string DeclarationCategory = "StaticNet.Declaration";
    private const string WeightsCategory = "StaticNet.Weights";

    // Shapes: the forward data flow, inferred from Input with a symbolic batch B, does not fit a layer or an op.

    public static readonly DiagnosticDescriptor LinearInputMismatch = new(
        DiagnosticIds.LinearInputMismatch, "Linear input width mismatch",
        DiagnosticIds.MessageFormat(DiagnosticIds.LinearInputMismatch), ShapeCategory, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "The last dimension reaching a Linear layer differs from the layer's in_features.");

    public static readonly DiagnosticDescriptor ChannelMismatch = new(
        DiagnosticIds.ChannelMismatch, "Channel count mismatch",
        DiagnosticIds.MessageFormat(DiagnosticIds.ChannelMismatch), ShapeCategory, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "The channel dimension reaching a Conv2d or BatchNorm2d layer differs from the one it declares.");

    public static readonly DiagnosticDescriptor KernelLargerThanInput = new(
        DiagnosticIds.KernelLargerThanInput, "Window larger than its input",
        DiagnosticIds.MessageFormat(DiagnosticIds.KernelLargerThanInput), ShapeCategory, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "A convolution or pooling window does not fit in its padded input.");

    public static readonly DiagnosticDescriptor ElementCountMismatch = new(
        DiagnosticIds.ElementCountMismatch, "View or Reshape element count mismatch",
        DiagnosticIds.MessageFormat(DiagnosticIds.ElementCountMismatch), ShapeCategory, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "The requested sizes of a View or Reshape do not hold the input's elements for every batch size.");

    public static readonly DiagnosticDescriptor BroadcastMismatch = new(
        DiagnosticIds.BroadcastMismatch, "Shapes are not broadcastable",
        DiagnosticIds.MessageFormat(DiagnosticIds.BroadcastMismatch), ShapeCategory, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "The operands of a residual '+' or '*' have shapes that do not broadcast.");

    public static readonly DiagnosticDescriptor CatMismatch = new(
        DiagnosticIds.CatMismatch, "Cat of mismatched shapes",
        DiagnosticIds.MessageFormat(DiagnosticIds.CatMismatch), ShapeCategory, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "Tensors joined by Cat must have the same rank and equal sizes outside the joined dimension.");

    public static readonly DiagnosticDescriptor RankMismatch = new(
        DiagnosticIds.RankMismatch, "Input rank mismatch",
        DiagnosticIds.MessageFormat(DiagnosticIds.RankMismatch), ShapeCategory, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "A layer or op receives a tensor of a rank it does not accept, or names a dimension that does not exist.");

    public static readonly DiagnosticDescriptor BlockMismatch = new(
        DiagnosticIds.BlockMismatch, "Block does not fit its input",
        DiagnosticIds.MessageFormat(DiagnosticIds.BlockMismatch), ShapeCategory, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "A declared model used as a layer ([Block]) receives a shape its own layers cannot take: the previous block's output does not fit it.");

    // Declarations: the model cannot be read, or reads in a way worth knowing about.

    public static readonly DiagnosticDescriptor MissingForward = new(
        DiagnosticIds.MissingForward, "Model without [Forward]",
        DiagnosticIds.MessageFormat(DiagnosticIds.MissingForward), DeclarationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "A [Model] class needs one [Forward] method that computes the network from its input.");

    public static readonly DiagnosticDescriptor MissingInput = new(
        DiagnosticIds.MissingInput, "Model without Input",
        DiagnosticIds.MessageFormat(DiagnosticIds.MissingInput), DeclarationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "Shapes are inferred from one sample's shape, given as [Model(Input = [...])] with positive sizes.");

    public static readonly DiagnosticDescriptor UnusedLayer = new(
        DiagnosticIds.UnusedLayer, "Declared layer never used",
        DiagnosticIds.MessageFormat(DiagnosticIds.UnusedLayer), DeclarationCategory, DiagnosticSeverity.Info, isEnabledByDefault: true,
        description: "The layer is registered (its parameters train and are saved) but the forward body never calls it.",
        customTags: WellKnownDiagnosticTags.Unnecessary);

    public static readonly DiagnosticDescriptor UnsupportedConstruct = new(
        DiagnosticIds.UnsupportedConstruct, "Forward body runs eagerly",
        DiagnosticIds.MessageFormat(DiagnosticIds.UnsupportedConstruct), DeclarationCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        description: "The compiler cannot fuse this construct: the model's Forward runs the [Forward] body through autograd instead (correct, not fused).");

    public static readonly DiagnosticDescriptor UnsupportedDeclaration = new(
        DiagnosticIds.UnsupportedDeclaration, "Model cannot be generated",
        DiagnosticIds.MessageFormat(DiagnosticIds.UnsupportedDeclaration), DeclarationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "A [Model] must be a non-generic top-level partial class.");

    public static readonly DiagnosticDescriptor InvalidLayerMethod = new(
        DiagnosticIds.InvalidLayerMethod, "Invalid layer method",
        DiagnosticIds.MessageFormat(DiagnosticIds.InvalidLayerMethod), DeclarationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "A layer attribute goes on a partial instance method that takes and returns one Tensor and has no body.");

    // Shipped weights: a weights file listed as <AdditionalFiles Include="..." StaticNetModel="Net" /> does not fit the
    // model. Whole-compilation diagnostics (CompilationEnd): the file and the declaration are both needed.

    public static readonly DiagnosticDescriptor MissingWeight = Weights(
        DiagnosticIds.MissingWeight, "Weights file lacks a parameter",
        "The model declares a parameter or buffer the weights file does not hold: a strict LoadStateDict of this file fails.");

    public static readonly DiagnosticDescriptor UnexpectedWeight = Weights(
        DiagnosticIds.UnexpectedWeight, "Weights file holds an undeclared tensor",
        "The weights file holds a key the model does not declare: a strict LoadStateDict of this file fails.");

    public static readonly DiagnosticDescriptor WeightShapeMismatch = Weights(
        DiagnosticIds.WeightShapeMismatch, "Weights file tensor has the wrong shape",
        "A tensor of the weights file has another shape than the declared layer's parameter: LoadStateDict of this file fails.");

    public static readonly DiagnosticDescriptor UnreadableWeights = Weights(
        DiagnosticIds.UnreadableWeights, "Weights file cannot be read",
        "The file is not a safetensors file or a PyTorch zip (.pth) state dict whose header and data.pkl can be read.");

    public static readonly DiagnosticDescriptor UnknownWeightsModel = Weights(
        DiagnosticIds.UnknownWeightsModel, "Weights file names an unknown model",
        "The StaticNetModel metadata names the [Model] class (simple or namespace-qualified name) the file holds weights for.");

    private static DiagnosticDescriptor Weights(string id, string title, string description) => new(
        id, title, DiagnosticIds.MessageFormat(id), WeightsCategory, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: description, customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>All descriptors, as the analyzer declares them.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } =
    [
        LinearInputMismatch, ChannelMismatch, KernelLargerThanInput, ElementCountMismatch, BroadcastMismatch, CatMismatch, RankMismatch, BlockMismatch,
        MissingForward, MissingInput, UnusedLayer, UnsupportedConstruct, UnsupportedDeclaration, InvalidLayerMethod,
    ];

    /// <summary>The weights check's descriptors (<see cref="WeightsFileAnalyzer"/>).</summary>
    public static ImmutableArray<DiagnosticDescriptor> WeightsCheck { get; } =
        [MissingWeight, UnexpectedWeight, WeightShapeMismatch, UnreadableWeights, UnknownWeightsModel];

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = All.Concat(WeightsCheck).ToDictionary(d => d.Id);

    /// <summary>The descriptor for an id of <see cref="DiagnosticIds"/>.</summary>
    public static DiagnosticDescriptor ById(string id) => s_byId[id];
}
