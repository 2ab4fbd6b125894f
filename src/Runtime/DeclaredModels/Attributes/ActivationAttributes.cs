namespace StaticNet;

/// <summary>Declares an <see cref="NN.ReLU"/> layer: max(x, 0).</summary>
/// <param name="inplace">Overwrite the input (PyTorch's <c>ReLU(inplace=True)</c>, as torchvision's models declare it; printed so).</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ReLUAttribute(bool inplace = false) : LayerAttribute
{
    /// <summary>Whether the layer overwrites its input.</summary>
    public bool Inplace { get; } = inplace;
}

/// <summary>Declares an <see cref="NN.Sigmoid"/> layer.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class SigmoidAttribute : LayerAttribute
{
}

/// <summary>Declares an <see cref="NN.Tanh"/> layer.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class TanhAttribute : LayerAttribute
{
}

/// <summary>Declares an <see cref="NN.LeakyReLU"/> layer.</summary>
/// <param name="negativeSlope">Slope for negative inputs.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class LeakyReLUAttribute(double negativeSlope = 0.01) : LayerAttribute
{
    /// <summary>Slope for negative inputs.</summary>
    public double NegativeSlope { get; } = negativeSlope;
}

/// <summary>Declares an <see cref="NN.GELU"/> layer.</summary>
/// <param name="approximate"><c>"none"</c> (erf) or <c>"tanh"</c>.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class GELUAttribute(string approximate = "none") : LayerAttribute
{
    /// <summary><c>"none"</c> or <c>"tanh"</c>.</summary>
    public string Approximate { get; } = approximate;
}

/// <summary>Declares an <see cref="NN.Softmax"/> layer over dimension <paramref name="dim"/>.</summary>
/// <param name="dim">The dimension that sums to 1.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class SoftmaxAttribute(int dim) : LayerAttribute
{
    /// <summary>The dimension that sums to 1.</summary>
    public int Dim { get; } = dim;
}

/// <summary>Declares an <see cref="NN.LogSoftmax"/> layer over dimension <paramref name="dim"/>.</summary>
/// <param name="dim">The dimension normalised.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class LogSoftmaxAttribute(int dim) : LayerAttribute
{
    /// <summary>The dimension normalised.</summary>
    public int Dim { get; } = dim;
}
