using StaticNet.Tensorboard.Format;

namespace StaticNet.Tensorboard;

/// <summary>
/// Builds a histogram summary as PyTorch's <c>make_histogram</c> does: <c>np.histogram</c> over fixed bin edges,
/// then trimmed to the span from one empty bucket before the first non-empty one to the last non-empty one.
/// </summary>
internal static class Histogram
{
    /// <summary>
    /// PyTorch's default ("tensorflow") edges: ±1e-12·1.1^k up to 1e20, mirrored around 0 (TensorFlow's histogram.cc).
    /// </summary>
    public static readonly double[] DefaultEdges = BuildDefaultEdges();

    private static double[] BuildDefaultEdges()
    {
        var positive = new List<double>();
        for (double v = 1e-12; v < 1e20; v *= 1.1) positive.Add(v);
        var edges = new double[positive.Count * 2 + 1];
        for (int i = 0; i < positive.Count; i++)
        {
            edges[positive.Count - 1 - i] = -positive[i];
            edges[positive.Count + 1 + i] = positive[i];
        }
        return edges;
    }

    /// <summary>The <c>HistogramProto</c> of <paramref name="values"/> over <paramref name="edges"/>.</summary>
    public static HistogramProto Make(ReadOnlySpan<double> values, double[] edges, string tag)
    {
        if (values.IsEmpty) throw new ArgumentException($"SummaryWriter.AddHistogram('{tag}'): the input has no element.");
        int bins = edges.Length - 1;
        var counts = new double[bins];
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0, sumSquares = 0;
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
                throw new ArgumentException($"SummaryWriter.AddHistogram('{tag}'): values must be finite, got {v}.");
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            sum += v;
            sumSquares += v * v;
            int bin = Bin(edges, v);
            if (bin >= 0) counts[bin]++;
        }
        int first = Array.FindIndex(counts, c => c > 0), last = Array.FindLastIndex(counts, c => c > 0);
        if (first < 0)
            throw new ArgumentException(
                $"SummaryWriter.AddHistogram('{tag}'): no value falls inside the bin edges [{edges[0]}, {edges[^1]}].");
        // bucket[j] counts the bin whose upper edge is bucket_limit[j]; the leading bucket is an empty one (PyTorch
        // prepends a zero when the first bin is already non-empty).
        int count = last - first + 2;
        var histogram = new HistogramProto { Min = min, Max = max, Num = values.Length, Sum = sum, SumSquares = sumSquares };
        for (int j = 0; j < count; j++)
        {
            histogram.BucketLimit.Add(edges[first + j]);
            int bin = first - 1 + j;
            histogram.Bucket.Add(bin >= 0 ? counts[bin] : 0);
        }
        return histogram;
    }

    /// <summary>numpy's bin of <paramref name="v"/>: <c>[e_i, e_i+1)</c>, the last bin closed; -1 outside the edges.</summary>
    private static int Bin(double[] edges, double v)
    {
        if (v < edges[0] || v > edges[^1]) return -1;
        if (v == edges[^1]) return edges.Length - 2;
        int index = Array.BinarySearch(edges, v);
        // An exact hit is the bin starting at that edge; otherwise the complement is the first edge above v.
        return index >= 0 ? index : ~index - 1;
    }
}
