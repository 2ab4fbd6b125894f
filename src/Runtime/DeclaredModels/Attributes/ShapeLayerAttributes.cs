namespace StaticNet;

/// <summary>Declares an <see cref="NN.Flatten"/> layer: dimensions <paramref name="startDim"/>..<paramref name="endDim"/> become one.</summary>
/// <param name="startDim">First dimension flattened.</param>
/// <param name="endDim">Last dimension flattened.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute(int startDim = 1, int endDim = -1) : LayerAttribute
{
    /// <summary>First dimension flattened.</summary>
    public int StartDim { get; } = startDim;

    /// <summary>Last dimension flattened.</summary>
    public int EndDim { get; } = endDim;
}

/// <summary>Declares an <see cref="NN.Dropout"/> layer (honours <c>Train()</c>/<c>Eval()</c>).</summary>
/// <param name="p">Probability of zeroing an element.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute(double p = 0.5) : LayerAttribute
{
    /// <summary>Probability of zeroing an element.</summary>
    public double P { get; } = p;
}

/// <summary>Declares an <see cref="NN.BatchNorm2d"/> layer over <paramref name="numFeatures"/> channels.</summary>
/// <param name="numFeatures">Channels C of the input <c>[B, C, H, W]</c>.</param>
/// <param name="eps">Added to the variance for stability.</param>
/// <param name="momentum">Running statistics' update factor (ignored with <paramref name="cumulativeAverage"/>).</param>
/// <param name="affine">A learnable per-channel weight (scale) and bias (shift).</param>
/// <param name="cumulativeAverage">PyTorch's <c>momentum=None</c>: the running statistics are the plain average of every batch seen.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class BatchNorm2dAttribute(int numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true, bool cumulativeAverage = false)
    : LayerAttribute
{
    /// <summary>A learnable per-channel weight and bias.</summary>
    public bool Affine { get; } = affine;

    /// <summary>PyTorch's <c>momentum=None</c>: running statistics averaged over all batches.</summary>
    public bool CumulativeAverage { get; } = cumulativeAverage;

    /// <summary>Channels of the input.</summary>
    public int NumFeatures { get; } = numFeatures;

    /// <summary>Added to the variance for stability.</summary>
    public double Eps { get; } = eps;

    /// <summary>Running statistics' update factor.</summary>
    public double Momentum { get; } = momentum;
}

/// <summary>Declares an <see cref="NN.BatchNorm1d"/> layer over <paramref name="numFeatures"/> channels.</summary>
/// <param name="numFeatures">Channels C of the input <c>[B, C]</c> or <c>[B, C, L]</c>.</param>
/// <param name="eps">Added to the variance for stability.</param>
/// <param name="momentum">Running statistics' update factor (ignored with <paramref name="cumulativeAverage"/>).</param>
/// <param name="affine">A learnable per-channel weight (scale) and bias (shift).</param>
/// <param name="cumulativeAverage">PyTorch's <c>momentum=None</c>: the running statistics are the plain average of every batch seen.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class BatchNorm1dAttribute(int numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true, bool cumulativeAverage = false)
    : LayerAttribute
{
    /// <summary>A learnable per-channel weight and bias.</summary>
    public bool Affine { get; } = affine;

    /// <summary>PyTorch's <c>momentum=None</c>: running statistics averaged over all batches.</summary>
    public bool CumulativeAverage { get; } = cumulativeAverage;

    /// <summary>Channels of the input.</summary>
    public int NumFeatures { get; } = numFeatures;

    /// <summary>Added to the variance for stability.</summary>
    public double Eps { get; } = eps;

    /// <summary>Running statistics' update factor.</summary>
    public double Momentum { get; } = momentum;
}
