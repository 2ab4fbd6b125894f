namespace StaticNet.Tensorboard.Proto;

/// <summary>
/// <c>tensorboard.HistogramProto</c> (tensorboard/compat/proto/histogram.proto): min 1, max 2, num 3, sum 4,
/// sum_squares 5 (all double), bucket_limit 6 and bucket 7 (packed repeated double). <c>bucket[i]</c> counts the
/// values in <c>(bucket_limit[i-1], bucket_limit[i]]</c>.
/// </summary>
internal static class HistogramProto
{
    /// <summary>Encodes one histogram.</summary>
    public static ProtoWriter Encode(double min, double max, double num, double sum, double sumSquares,
        ReadOnlySpan<double> bucketLimits, ReadOnlySpan<double> buckets)
    {
        var w = new ProtoWriter();
        w.DoubleIfSet(1, min);
        w.DoubleIfSet(2, max);
        w.DoubleIfSet(3, num);
        w.DoubleIfSet(4, sum);
        w.DoubleIfSet(5, sumSquares);
        w.PackedDoubles(6, bucketLimits);
        w.PackedDoubles(7, buckets);
        return w;
    }
}
