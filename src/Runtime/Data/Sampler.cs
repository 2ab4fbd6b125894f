namespace StaticNet.Data;

/// <summary>
/// An ordering of dataset indices (PyTorch's <c>Sampler[int]</c>): a DataLoader reads samples in the order its
/// sampler yields indices. Any <c>IEnumerable&lt;int&gt;</c> can serve as a sampler; deriving from this class adds
/// the <see cref="Count"/> that the DataLoader's own <c>Count</c> needs.
/// </summary>
public abstract class Sampler : IReadOnlyCollection<int>
{
    /// <summary>How many indices one enumeration yields.</summary>
    public abstract int Count { get; }

    /// <summary>A fresh enumeration of the indices (random samplers draw anew each time).</summary>
    public abstract IEnumerator<int> GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The dataset's size now, or the fixed count when the sampler was built from a number.</summary>
    private protected static int SizeOf(Dataset? source, int count) => source?.Count ?? count;

    private protected static int CheckCount(int count, string sampler) => count >= 0
        ? count
        : throw new ArgumentOutOfRangeException(nameof(count), $"{sampler}: the number of samples must be non-negative, got {count}.");
}
