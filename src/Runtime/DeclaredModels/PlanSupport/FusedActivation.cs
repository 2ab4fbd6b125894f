namespace StaticNet.Fused;

/// <summary>The element-wise activation a fused Linear applies in its epilogue.</summary>
public enum FusedActivation
{
    /// <summary>No activation: the Linear's output as is.</summary>
    None,

    /// <summary>max(0, z); its derivative is read from the output (y &gt; 0).</summary>
    Relu,

    /// <summary>1 / (1 + e^−z); derivative y(1 − y).</summary>
    Sigmoid,

    /// <summary>tanh z; derivative 1 − y².</summary>
    Tanh,
}
