using StaticNet.Tensorboard.Proto;

namespace StaticNet.Tensorboard;

/// <summary>
/// The three summaries of PyTorch's <c>summary.hparams</c>: the experiment (hyperparameter names and types, metric
/// tags), the session start (the values) and the session end (success), each tagged for the <c>hparams</c> plugin.
/// </summary>
internal static class HParams
{
    public const string PluginName = "hparams";
    public const string ExperimentTag = "_hparams_/experiment";
    public const string SessionStartInfoTag = "_hparams_/session_start_info";
    public const string SessionEndInfoTag = "_hparams_/session_end_info";

    /// <summary>Builds the experiment, session-start and session-end summaries, in that order.</summary>
    public static ProtoWriter[] Summaries(IReadOnlyDictionary<string, object?> hparams, IReadOnlyDictionary<string, double> metrics)
    {
        var values = new List<HParamValue>();
        foreach (var (name, value) in hparams)
            if (value is not null) values.Add(Convert(name, value));
        return
        [
            SummaryProto.Plugin(ExperimentTag, PluginName, HParamsProto.Experiment(values, metrics.Keys), null),
            SummaryProto.Plugin(SessionStartInfoTag, PluginName, HParamsProto.SessionStartInfo(values), null),
            SummaryProto.Plugin(SessionEndInfoTag, PluginName, HParamsProto.SessionEndInfo(), null),
        ];
    }

    /// <summary>
    /// Numbers (and one-element tensors) become FLOAT64, strings STRING, booleans BOOL. (PyTorch's check for int
    /// comes first, so Python's True is logged as the number 1; a C# bool is logged as a bool.)
    /// </summary>
    private static HParamValue Convert(string name, object value) => value switch
    {
        string s => new(name, HParamsProto.TypeString, 0, s, false),
        bool b => new(name, HParamsProto.TypeBool, 0, null, b),
        double or float or int or long or short or sbyte or byte or ushort or uint or ulong or decimal or Half =>
            new(name, HParamsProto.TypeFloat64, System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), null, false),
        Tensor t when t.Numel == 1 => new(name, HParamsProto.TypeFloat64, t.Item<double>(), null, false),
        _ => throw new ArgumentException(
            $"SummaryWriter.AddHparams: hyperparameter '{name}' has a value of type {value.GetType().Name}: value should be one of int, float, str, bool, or a one-element Tensor."),
    };
}
