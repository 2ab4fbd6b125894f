namespace StaticNet.Data;

public abstract partial class Dataset
{
    /// <summary>
    /// Splits <paramref name="dataset"/> into non-overlapping subsets of the given lengths, at random
    /// (<c>torch.utils.data.random_split</c>): one <c>randperm(Count)</c> from <paramref name="generator"/>
    /// (default: <see cref="Generator.Default"/>), cut in order, so the same seed gives PyTorch's split.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths do not add up to the dataset's size.</exception>
    public static Subset<T>[] RandomSplit<T>(Dataset<T> dataset, IReadOnlyList<int> lengths, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(lengths);
        long sum = 0;
        foreach (int length in lengths)
        {
            if (length < 0) throw new ArgumentException($"RandomSplit: lengths must be non-negative, got {length}.", nameof(lengths));
            sum += length;
        }
        if (sum != dataset.Count)
            throw new ArgumentException($"Sum of input lengths ({sum}) does not equal the length of the input dataset ({dataset.Count})!", nameof(lengths));
        var perm = new long[sum];
        (generator ?? Generator.Default).FillPermutation(perm);
        var result = new Subset<T>[lengths.Count];
        int offset = 0;
        for (int i = 0; i < result.Length; i++)
        {
            var indices = new int[lengths[i]];
            for (int j = 0; j < indices.Length; j++) indices[j] = (int)perm[offset + j];
            offset += indices.Length;
            result[i] = new Subset<T>(dataset, indices);
        }
        return result;
    }

    /// <summary>
    /// Splits by fractions that sum to 1 (<c>random_split(ds, [0.8, 0.2])</c>): each length is
    /// floor(fraction × Count), and the remainder is handed out one by one, round-robin from the first split.
    /// </summary>
    /// <exception cref="ArgumentException">A fraction outside [0, 1], or fractions that do not sum to 1.</exception>
    public static Subset<T>[] RandomSplit<T>(Dataset<T> dataset, IReadOnlyList<double> fractions, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(fractions);
        double total = fractions.Sum();
        // math.isclose(sum, 1) with its default relative tolerance 1e-9, and sum <= 1.
        if (Math.Abs(total - 1) > 1e-9 || total > 1)
            throw new ArgumentException($"RandomSplit: fractions must sum to 1, got {total}.", nameof(fractions));
        var lengths = new int[fractions.Count];
        for (int i = 0; i < lengths.Length; i++)
        {
            if (fractions[i] is < 0 or > 1) throw new ArgumentException($"Fraction at index {i} is not between 0 and 1", nameof(fractions));
            lengths[i] = (int)Math.Floor(dataset.Count * fractions[i]);
        }
        int remainder = dataset.Count - lengths.Sum();
        for (int i = 0; i < remainder; i++) lengths[i % lengths.Length]++;
        return RandomSplit(dataset, lengths, generator);
    }
}
