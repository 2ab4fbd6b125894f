using StaticNet.Autograd;
using StaticNet.Kernels;

namespace StaticNet;

public static partial class F
{
    /// <summary>
    /// Looks up rows of <paramref name="weight"/> (<c>F.embedding</c>): the result has shape
    /// <c>input.shape + [embedding_dim]</c>, and its gradient accumulates into the rows that were read (repeated
    /// indices add up). The row <paramref name="paddingIdx"/> receives no gradient.
    /// </summary>
    /// <param name="input">Indices, Int64 or Int32, any shape, each in [0, num_embeddings).</param>
    /// <param name="weight">The table, <c>[num_embeddings, embedding_dim]</c>.</param>
    /// <param name="paddingIdx">A row that gets no gradient (negative counts from the end).</param>
    public static Tensor Embedding(Tensor input, Tensor weight, long? paddingIdx = null)
    {
        if (input.DType is not (DType.Int64 or DType.Int32))
            throw new ArgumentException(
                "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; " +
                $"but got torch.{Reduction.ScalarTypeName(input.DType)}Tensor instead (while checking arguments for embedding)");
        if (weight.Dim != 2)
            throw new ArgumentException($"embedding: 'weight' must be 2-D, got shape {weight.Shape}");
        RequireFloating("embedding", weight);
        long rows = weight.Size(0), dim = weight.Size(1);
        long? padding = NormalizePaddingIdx(paddingIdx, rows);
        var indices = Backends.Of(input).CheckedEmbeddingIndices(input, rows);
        var shape = new long[input.Dim + 1];
        input.ShapeSpan.CopyTo(shape);
        shape[^1] = dim;
        var r = Backends.Of(weight).Embedding(weight, indices, shape);
        return Graph.ShouldRecord(weight) ? Graph.Record(r, new EmbeddingBackward0(weight, indices, padding), weight) : r;
    }

    /// <summary>padding_idx in [0, rows): a negative one counts from the end; outside [−rows, rows) is an error.</summary>
    internal static long? NormalizePaddingIdx(long? paddingIdx, long rows)
    {
        if (paddingIdx is not { } p) return null;
        if (p >= rows || p < -rows)
            throw new ArgumentOutOfRangeException(nameof(paddingIdx), $"Padding_idx must be within num_embeddings (got padding_idx={p} for {rows} embeddings).");
        return p < 0 ? p + rows : p;
    }
}
