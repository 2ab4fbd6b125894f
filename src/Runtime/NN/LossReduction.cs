namespace StaticNet;

/// <summary>How a loss combines its per-element values (PyTorch's <c>reduction=</c> argument).</summary>
public enum LossReduction
{
    /// <summary>No reduction: one loss value per element (<c>'none'</c>).</summary>
    None,
    /// <summary>The mean over all elements (<c>'mean'</c>, the default).</summary>
    Mean,
    /// <summary>The sum over all elements (<c>'sum'</c>).</summary>
    Sum,
}
