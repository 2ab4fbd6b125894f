namespace StaticNet.Tensorboard.Proto;

/// <summary>
/// The hparams plugin's messages (tensorboard/plugins/hparams/plugin_data.proto and api.proto), as
/// <c>HParamsPluginData</c> bytes for <c>PluginData.content</c>: <c>version = 1</c>, and one of
/// <c>experiment = 2</c>, <c>session_start_info = 3</c>, <c>session_end_info = 4</c>.
/// </summary>
internal static class HParamsProto
{
    /// <summary>hparams <c>DataType</c>: DATA_TYPE_STRING 1, DATA_TYPE_BOOL 2, DATA_TYPE_FLOAT64 3.</summary>
    public const int TypeString = 1, TypeBool = 2, TypeFloat64 = 3;

    /// <summary><c>Status.STATUS_SUCCESS</c>.</summary>
    public const int StatusSuccess = 1;

    /// <summary>
    /// <c>Experiment</c>: <c>hparam_infos = 4</c> (HParamInfo: name 1, type 4) and <c>metric_infos = 5</c>
    /// (MetricInfo: <c>name = 1</c>, a MetricName with <c>tag = 2</c>).
    /// </summary>
    public static byte[] Experiment(IEnumerable<HParamValue> hparams, IEnumerable<string> metricTags)
    {
        var experiment = new ProtoWriter();
        foreach (var hp in hparams)
        {
            var info = new ProtoWriter();
            info.StringIfSet(1, hp.Name);
            info.Int64IfSet(4, hp.Type);
            experiment.Message(4, info);
        }
        foreach (string tag in metricTags)
        {
            var name = new ProtoWriter();
            name.StringIfSet(2, tag);
            var info = new ProtoWriter();
            info.Message(1, name);
            experiment.Message(5, info);
        }
        return PluginData(2, experiment);
    }

    /// <summary>
    /// <c>SessionStartInfo</c>: <c>map&lt;string, google.protobuf.Value&gt; hparams = 1</c>, each entry a message
    /// (key 1, value 2); <c>Value</c> holds one of number_value 2, string_value 3, bool_value 4.
    /// </summary>
    public static byte[] SessionStartInfo(IEnumerable<HParamValue> hparams)
    {
        var start = new ProtoWriter();
        foreach (var hp in hparams)
        {
            var value = new ProtoWriter();
            switch (hp.Type)
            {
                case TypeString: value.String(3, hp.Text!); break;
                case TypeBool: value.Bool(4, hp.Flag); break;
                default: value.Double(2, hp.Number); break;
            }
            var entry = new ProtoWriter();
            entry.String(1, hp.Name);
            entry.Message(2, value);
            start.Message(1, entry);
        }
        return PluginData(3, start);
    }

    /// <summary><c>SessionEndInfo</c>: <c>status = 1</c> set to STATUS_SUCCESS, as PyTorch writes it.</summary>
    public static byte[] SessionEndInfo()
    {
        var end = new ProtoWriter();
        end.Int64(1, StatusSuccess);
        return PluginData(4, end);
    }

    /// <summary>The <c>HParamsPluginData</c> wrapper; its version is 0 (PLUGIN_DATA_VERSION), so it stays off the wire.</summary>
    private static byte[] PluginData(int field, ProtoWriter data)
    {
        var w = new ProtoWriter();
        w.Message(field, data);
        return w.ToArray();
    }
}

/// <summary>One hyperparameter reduced to the hparams plugin's types.</summary>
internal readonly record struct HParamValue(string Name, int Type, double Number, string? Text, bool Flag);
