namespace StaticNet.Compiler.Model;

/// <summary>
/// The ids and message formats of the diagnostics found by the shared parse and shape code. The analyzers' descriptor
/// catalogue uses these formats, so the generator's tests, the analyzers and their tests read one text.
/// </summary>
internal static class DiagnosticIds
{
    // Shapes (SN0001–SN0099)
    public const string LinearInputMismatch = "SN0001";
    public const string ChannelMismatch = "SN0002";
    public const string KernelLargerThanInput = "SN0003";
    public const string ElementCountMismatch = "SN0004";
    public const string BroadcastMismatch = "SN0005";
    public const string CatMismatch = "SN0006";
    public const string RankMismatch = "SN0007";
    public const string BlockMismatch = "SN0008";

    // Declaration (SN0100–SN0199)
    public const string MissingForward = "SN0101";
    public const string MissingInput = "SN0102";
    public const string UnusedLayer = "SN0103";
    public const string UnsupportedConstruct = "SN0104";
    public const string UnsupportedDeclaration = "SN0105";
    public const string InvalidLayerMethod = "SN0106";

    // Shipped weights (SN0200–SN0299): an AdditionalFiles item with StaticNetModel metadata does not fit the model
    public const string MissingWeight = "SN0201";
    public const string UnexpectedWeight = "SN0202";
    public const string WeightShapeMismatch = "SN0203";
    public const string UnreadableWeights = "SN0204";
    public const string UnknownWeightsModel = "SN0205";

    public static string MessageFormat(string id) => id switch
    {
        LinearInputMismatch => "{0} expects [B, {1}] but receives {2} ({3}). Declare {0} as Linear({4}, {5}), or change the preceding layers.",
        ChannelMismatch => "{0} expects {1} input channels but receives {2} ({3})",
        KernelLargerThanInput => "{0} has a {1} window but its (padded) input is only {2}: it receives {3} ({4})",
        ElementCountMismatch => "{0} to {1} needs {2} elements for every batch size B but receives {3} with {4} elements ({5})",
        BroadcastMismatch => "'{0}' of {1} ({2}) and {3} ({4}): the shapes are not broadcastable (dimension {5}: {6} vs {7})",
        CatMismatch => "Cat along dimension {0} of {1} ({2}) and {3} ({4}): the shapes differ in {5}",
        RankMismatch => "{0} expects {1} but receives {2} ({3})",
        BlockMismatch => "{0} ({1}, declared for {2}) cannot take {3} ({4}): {5}",
        MissingForward => "Model '{0}' has no [Forward] method",
        MissingInput => "Model '{0}' declares no Input shape: write [Model(Input = [...])] with one sample's shape",
        UnusedLayer => "Layer '{0}' is declared but never used in '{1}'",
        UnsupportedConstruct => "'{0}' in '{1}' cannot be compiled into the fused plan ({2}); '{1}' runs eagerly",
        UnsupportedDeclaration => "Model '{0}' cannot be generated: {1}",
        InvalidLayerMethod => "Layer method '{0}' must be declared as 'partial Tensor {0}(Tensor x);' without a body",
        MissingWeight => "Weights file '{0}' has no '{1}': {2} declares it with shape {3}",
        UnexpectedWeight => "Weights file '{0}' holds '{1}' with shape {2}, which {3} does not declare",
        WeightShapeMismatch => "Weights file '{0}' holds '{1}' with shape {2}, but {3} declares it with shape {4}",
        UnreadableWeights => "Weights file '{0}' cannot be checked against {1}: {2}",
        UnknownWeightsModel => "Weights file '{0}' names StaticNetModel '{1}', but no [Model] class of that name is declared in this project",
        _ => "{0}",
    };
}
