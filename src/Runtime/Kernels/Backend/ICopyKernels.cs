namespace StaticNet.Kernels;

/// <summary>Copies (with dtype conversion and broadcasting), gathers and scatters by element offsets, embedding lookups.</summary>
internal interface ICopyKernels
{
    /// <summary>destination = source converted to destination's dtype; source broadcasts to destination's shape.</summary>
    void Copy(Tensor source, Tensor destination);

    /// <summary>destination[i] = source's storage at offsets[i] (Int64 element offsets, destination's shape).</summary>
    void Gather(Tensor source, Tensor offsets, Tensor destination);

    /// <summary>destination's storage at offsets[i] = (or +=, when <paramref name="accumulate"/>) values[i].</summary>
    void Put(Tensor destination, Tensor offsets, Tensor values, bool accumulate);

    /// <summary>The indices as Int64 values in row-major order; throws naming the first index outside [0, rows).</summary>
    long[] CheckedEmbeddingIndices(Tensor indices, long rows);

    /// <summary>result[i, :] = weight[index[i], :]; result has shape indices.shape + [dim].</summary>
    Tensor Embedding(Tensor weight, long[] index, long[] resultShape);

    /// <summary>grad_weight[r, :] = Σ over i with index[i] = r of g[i, :]; the padding row stays zero.</summary>
    Tensor EmbeddingBackward(Tensor g, long[] index, long rows, long dim, long? paddingIdx, DType dtype);
}
