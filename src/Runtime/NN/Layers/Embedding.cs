namespace StaticNet.NN;

/// <summary>A lookup table of learnable vectors, indexed by integers (PyTorch's <c>nn.Embedding</c>).</summary>
/// <remarks>
/// Shape: input <c>(*)</c> of Int64 or Int32 indices, output <c>(*, embedding_dim)</c>. The weight
/// <c>[num_embeddings, embedding_dim]</c> starts as PyTorch's: N(0, 1) from the default generator, with the
/// <c>padding_idx</c> row zeroed; that row never receives a gradient.
/// </remarks>
public sealed class Embedding : Module
{
    /// <summary>Creates the table with freshly initialised weights.</summary>
    /// <param name="numEmbeddings">The number of rows (valid indices are 0 .. numEmbeddings − 1).</param>
    /// <param name="embeddingDim">The length of each vector.</param>
    /// <param name="paddingIdx">A row that stays zero-initialised and gets no gradient; negative counts from the end.</param>
    /// <param name="dtype">The weight's dtype.</param>
    public Embedding(long numEmbeddings, long embeddingDim, long? paddingIdx = null, DType dtype = DType.Float32)
    {
        if (numEmbeddings < 0 || embeddingDim < 0)
            throw new ArgumentException($"Embedding: num_embeddings and embedding_dim must be non-negative, got ({numEmbeddings}, {embeddingDim}).");
        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
        PaddingIdx = F.NormalizePaddingIdx(paddingIdx, numEmbeddings);
        Weight = RegisterParameter("weight", new Parameter(Torch.Empty([numEmbeddings, embeddingDim], dtype)));
        Init.Normal_(Weight);
        if (PaddingIdx is { } p)
            using (Torch.NoGrad()) Weight.Select(0, p).Fill_(0.0);
    }

    /// <summary>The number of rows.</summary>
    public long NumEmbeddings { get; }

    /// <summary>The length of each vector.</summary>
    public long EmbeddingDim { get; }

    /// <summary>The padding row (normalised to be non-negative), or null.</summary>
    public long? PaddingIdx { get; }

    /// <summary>The table, <c>[num_embeddings, embedding_dim]</c>.</summary>
    public Parameter Weight { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => Traced(F.Embedding(x, Weight, PaddingIdx));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"{NumEmbeddings}, {EmbeddingDim}" + (PaddingIdx is { } p ? $", padding_idx={p}" : "");
}
