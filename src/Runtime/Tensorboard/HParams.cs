using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using StaticNet.Tensorboard.Format;
using StaticNet.Tensorboard.Format.HParams;

namespace StaticNet.Tensorboard;

/// <summary>
/// The three summaries of PyTorch's <c>summary.hparams</c>: the experiment (hyperparameter names and types, metric
/// tags), the session start (the values) and the session end (success), each an <c>HParamsPluginData</c>
/// (tensorboard/plugins/hparams/plugin_data.proto, version 0) tagged for the <c>hparams</c> plugin.
/// </summary>
internal static class HParams
{
    public const string PluginName = "hparams";
    public const string ExperimentTag = "_hparams_/experiment";
    public const string SessionStartInfoTag = "_hparams_/session_start_info";
    public const string SessionEndInfoTag = "_hparams_/session_end_info";

    /// <summary>Builds the experiment, session-start and session-end summaries, in that order.</summary>
    public static Summary[] Summaries(IReadOnlyDictionary<string, object?> hparams, IReadOnlyDictionary<string, double> metrics)
    {
        var experiment = new Experiment();
        var start = new SessionStartInfo();
        foreach (var (name, value) in hparams)
        {
            if (value is null) continue;
            var (type, protoValue) = Convert(name, value);
            experiment.HparamInfos.Add(new HParamInfo { Name = name, Type = type });
            start.Hparams[name] = protoValue;
        }
        foreach (string tag in metrics.Keys)
            experiment.MetricInfos.Add(new MetricInfo { Name = new MetricName { Tag = tag } });
        return
        [
            Plugin(ExperimentTag, new HParamsPluginData { Experiment = experiment }),
            Plugin(SessionStartInfoTag, new HParamsPluginData { SessionStartInfo = start }),
            Plugin(SessionEndInfoTag, new HParamsPluginData { SessionEndInfo = new SessionEndInfo { Status = Status.Success } }),
        ];
    }

    private static Summary Plugin(string tag, HParamsPluginData data) =>
        Tensorboard.Summaries.Plugin(tag, PluginName, data.ToByteString(), null);

    /// <summary>
    /// Numbers (and one-element tensors) become FLOAT64, strings STRING, booleans BOOL. (PyTorch's check for int
    /// comes first, so Python's True is logged as the number 1; a C# bool is logged as a bool.)
    /// </summary>
    private static (Format.HParams.DataType Type, Value Value) Convert(string name, object value) => value switch
    {
        string s => (Format.HParams.DataType.String, Value.ForString(s)),
        bool b => (Format.HParams.DataType.Bool, Value.ForBool(b)),
        double or float or int or long or short or sbyte or byte or ushort or uint or ulong or decimal or Half =>
            (Format.HParams.DataType.Float64, Value.ForNumber(System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture))),
        Tensor t when t.Numel == 1 => (Format.HParams.DataType.Float64, Value.ForNumber(t.Item<double>())),
        _ => throw new ArgumentException(
            $"SummaryWriter.AddHparams: hyperparameter '{name}' has a value of type {value.GetType().Name}: value should be one of int, float, str, bool, or a one-element Tensor."),
    };
}
