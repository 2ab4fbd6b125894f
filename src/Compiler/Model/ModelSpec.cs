namespace StaticNet.Compiler.Model;

/// <summary>How the declared class relates to <c>StaticNet.NN.Module</c>.</summary>
internal enum BaseKind
{
    /// <summary>No base written: the generated part adds one.</summary>
    None,

    /// <summary>Derives from Module already.</summary>
    Module,

    /// <summary>Derives from something else: the generator leaves the class alone.</summary>
    Other,
}

/// <summary>
/// A declared network (<c>[Model(Input = [3, 32, 32])] partial class LeNet</c>) as plain values: what the parser reads
/// from symbols and syntax, and all that shape inference and the emitters see.
/// </summary>
internal sealed record ModelSpec(
    string Namespace,
    string ClassName,
    string Accessibility,
    BaseKind Base,
    EquatableArray<long> Input,
    bool HasInput,
    EquatableArray<LayerSpec> Layers,
    ForwardSpec? Forward,
    EquatableArray<DiagnosticInfo> DeclarationErrors,
    LocationInfo? Location);
