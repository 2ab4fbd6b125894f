using StaticNet.Optim;

namespace StaticNet.IO;

/// <summary>What a saved file holds, independent of its format.</summary>
internal enum ContentKind
{
    /// <summary>A bare state dict (<c>torch.save(model.state_dict(), path)</c>).</summary>
    StateDict,
    /// <summary>A state dict with the model's type name (<c>Torch.Save(model, path)</c>).</summary>
    Model,
    /// <summary>An optimizer's state dict.</summary>
    Optimizer,
    /// <summary>Model state, optimizer state, epoch and loss (PyTorch's "general checkpoint").</summary>
    Checkpoint,
}

/// <summary>The content of a saved file; the format writers and readers translate it to and from their layout.</summary>
internal sealed class SavedContent
{
    public required ContentKind Kind { get; init; }

    /// <summary>The model weights (StateDict, Model and Checkpoint files).</summary>
    public StateDict? Weights { get; init; }

    /// <summary>The model's <c>TypeName</c> (Model files).</summary>
    public string? ModelType { get; init; }

    /// <summary>The model's architecture as <c>ToString()</c> prints it (Model files; null in files written before it was stored).</summary>
    public string? Architecture { get; init; }

    /// <summary>The optimizer state (Optimizer files; optional in checkpoints).</summary>
    public OptimizerState? Optimizer { get; init; }

    /// <summary>The epoch and loss of a checkpoint.</summary>
    public long Epoch { get; init; }

    /// <inheritdoc cref="Epoch"/>
    public double? Loss { get; init; }

    /// <summary>What a kind is called in error messages.</summary>
    public static string Describe(ContentKind kind) => kind switch
    {
        ContentKind.StateDict => "a state dict",
        ContentKind.Model => "a whole model",
        ContentKind.Optimizer => "an optimizer state",
        _ => "a checkpoint",
    };
}
