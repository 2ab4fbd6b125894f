namespace StaticNet.Data;

/// <summary>
/// The given indices in a random order, without replacement (PyTorch's <c>SubsetRandomSampler</c>): each
/// enumeration yields <c>indices[p]</c> for p in <c>randperm(indices.Count)</c>.
/// </summary>
public sealed class SubsetRandomSampler : Sampler
{
    private readonly int[] _indices;

    /// <summary>Samples <paramref name="indices"/>; the permutation comes from <paramref name="generator"/>, or the default generator.</summary>
    public SubsetRandomSampler(IReadOnlyList<int> indices, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        _indices = [.. indices];
        Generator = generator;
    }

    /// <summary>The indices that are sampled.</summary>
    public IReadOnlyList<int> Indices => _indices;

    /// <summary>The generator given at construction, if any (null draws from <see cref="StaticNet.Generator.Default"/>).</summary>
    public Generator? Generator { get; }

    /// <inheritdoc/>
    public override int Count => _indices.Length;

    /// <inheritdoc/>
    public override IEnumerator<int> GetEnumerator()
    {
        var perm = new long[_indices.Length];
        (Generator ?? StaticNet.Generator.Default).FillPermutation(perm);
        foreach (long p in perm) yield return _indices[p];
    }
}
