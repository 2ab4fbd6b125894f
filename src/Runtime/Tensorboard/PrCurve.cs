using Google.Protobuf;
using StaticNet.Tensorboard.Format;
using StaticNet.Tensorboard.Format.PrCurve;

namespace StaticNet.Tensorboard;

/// <summary>
/// The precision-recall curve summary of PyTorch's <c>summary.pr_curve</c> (TensorBoard's <c>compute_curve</c>): each
/// prediction falls in bucket <c>floor(p·(n−1))</c> of n thresholds, true and false positives are counted per bucket
/// (weighted), reverse-accumulated, and written as a float tensor [6, n]: TP, FP, TN, FN, precision, recall.
/// </summary>
internal static class PrCurve
{
    public const string PluginName = "pr_curves";

    /// <summary>TensorBoard's limit: more thresholds than 127 are cut to 127, as PyTorch does.</summary>
    public const int MaxThresholds = 127;

    /// <summary>The denominator floor of precision and recall (<c>_MINIMUM_COUNT</c>).</summary>
    private const double MinimumCount = 1e-7;

    public static Summary Make(string tag, ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions, ReadOnlySpan<double> weights, int numThresholds)
    {
        int n = Math.Min(numThresholds, MaxThresholds);
        var tpBuckets = new double[n];
        var fpBuckets = new double[n];
        for (int i = 0; i < predictions.Length; i++)
        {
            // np.histogram over range (0, n-1) with n bins puts integer bucket k in bin k; others fall outside and drop.
            double bucket = Math.Floor(predictions[i] * (n - 1));
            if (!(bucket >= 0 && bucket <= n - 1)) continue;
            double w = weights.IsEmpty ? 1.0 : weights[i];
            tpBuckets[(int)bucket] += labels[i] * w;
            fpBuckets[(int)bucket] += (1.0 - labels[i]) * w;
        }
        var tp = new double[n];
        var fp = new double[n];
        for (int k = n - 1; k >= 0; k--)
        {
            tp[k] = tpBuckets[k] + (k + 1 < n ? tp[k + 1] : 0);
            fp[k] = fpBuckets[k] + (k + 1 < n ? fp[k + 1] : 0);
        }
        var tensor = new TensorProto { Dtype = DataType.DtFloat, TensorShape = new TensorShapeProto() };
        tensor.TensorShape.Dim.Add(new TensorShapeProto.Types.Dim { Size = 6 });
        tensor.TensorShape.Dim.Add(new TensorShapeProto.Types.Dim { Size = n });
        for (int k = 0; k < n; k++) tensor.FloatVal.Add((float)tp[k]);
        for (int k = 0; k < n; k++) tensor.FloatVal.Add((float)fp[k]);
        for (int k = 0; k < n; k++) tensor.FloatVal.Add((float)(fp[0] - fp[k]));
        for (int k = 0; k < n; k++) tensor.FloatVal.Add((float)(tp[0] - tp[k]));
        for (int k = 0; k < n; k++) tensor.FloatVal.Add((float)(tp[k] / Math.Max(MinimumCount, tp[k] + fp[k])));
        for (int k = 0; k < n; k++) tensor.FloatVal.Add((float)(tp[k] / Math.Max(MinimumCount, tp[k] + (tp[0] - tp[k]))));
        var content = new PrCurvePluginData { Version = 0, NumThresholds = (uint)n };
        return Summaries.Plugin(tag, PluginName, content.ToByteString(), tensor);
    }
}
