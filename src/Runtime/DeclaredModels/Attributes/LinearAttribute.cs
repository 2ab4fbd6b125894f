namespace StaticNet;

/// <summary>Declares an <see cref="NN.Linear"/> layer: input <c>[B, inFeatures]</c>, output <c>[B, outFeatures]</c>.</summary>
/// <param name="inFeatures">Size of each input sample.</param>
/// <param name="outFeatures">Size of each output sample.</param>
/// <param name="bias">Whether the layer adds a learnable bias.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class LinearAttribute(int inFeatures, int outFeatures, bool bias = true) : LayerAttribute
{
    /// <summary>Size of each input sample.</summary>
    public int InFeatures { get; } = inFeatures;

    /// <summary>Size of each output sample.</summary>
    public int OutFeatures { get; } = outFeatures;

    /// <summary>Whether the layer adds a learnable bias.</summary>
    public bool Bias { get; } = bias;
}
