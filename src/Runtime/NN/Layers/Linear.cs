namespace StaticNet.NN;

/// <summary>
/// y = x·Wᵀ + b (PyTorch's <c>nn.Linear</c>).
/// </summary>
/// <remarks>
/// Shape: input <c>(*, in_features)</c>, output <c>(*, out_features)</c>. Weight <c>[out_features, in_features]</c> and
/// bias <c>[out_features]</c> start as PyTorch's do: U(−1/√in, 1/√in) (Kaiming uniform with a = √5), drawn from the
/// default generator in PyTorch's order, so a seeded model starts with PyTorch's numbers.
/// </remarks>
public sealed class Linear : Module
{
    /// <summary>Creates the layer with freshly initialised parameters.</summary>
    public Linear(long inFeatures, long outFeatures, bool bias = true, DType dtype = DType.Float32)
    {
        if (inFeatures < 0 || outFeatures < 0)
            throw new ArgumentException($"Linear: in_features and out_features must be non-negative, got ({inFeatures}, {outFeatures}).");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", new Parameter(Torch.Empty([outFeatures, inFeatures], dtype)));
        Init.KaimingUniform_(Weight, a: Math.Sqrt(5));
        if (bias)
        {
            Bias = RegisterParameter("bias", new Parameter(Torch.Empty([outFeatures], dtype)));
            double bound = inFeatures > 0 ? 1 / Math.Sqrt(inFeatures) : 0;
            Init.Uniform_(Bias, -bound, bound);
        }
    }

    /// <summary>Size of each input sample.</summary>
    public long InFeatures { get; }

    /// <summary>Size of each output sample.</summary>
    public long OutFeatures { get; }

    /// <summary>The weight, <c>[out_features, in_features]</c>.</summary>
    public Parameter Weight { get; }

    /// <summary>The bias, <c>[out_features]</c>, or null when created with <c>bias: false</c>.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => Traced(F.Linear(x, Weight, Bias));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"in_features={InFeatures}, out_features={OutFeatures}, bias={Py(Bias is not null)}";
}
