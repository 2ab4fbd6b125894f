using Google.Protobuf;
using StaticNet.Tensorboard.Format;

namespace StaticNet.Tensorboard;

/// <summary>
/// The <c>Summary</c> messages (tensorboard/compat/proto/summary.proto) of each kind the writer logs, one
/// <c>Summary.Value</c> each, filled as PyTorch's <c>torch.utils.tensorboard.summary</c> fills them.
/// </summary>
internal static class Summaries
{
    /// <summary>The version string of the first event of every event file.</summary>
    public const string FileVersion = "brain.Event:2";

    /// <summary>A scalar as PyTorch writes it by default: <c>simple_value</c>, float32.</summary>
    public static Summary Scalar(string tag, double value) => One(new Summary.Types.Value { Tag = tag, SimpleValue = (float)value });

    /// <summary>An encoded image; TensorBoard reads <c>colorspace</c> as the channel count.</summary>
    public static Summary Image(string tag, int height, int width, int colorspace, byte[] png) => One(new Summary.Types.Value
    {
        Tag = tag,
        Image = new Summary.Types.Image { Height = height, Width = width, Colorspace = colorspace, EncodedImageString = ByteString.CopyFrom(png) },
    });

    /// <summary>A histogram value.</summary>
    public static Summary Histogram(string tag, HistogramProto histogram) => One(new Summary.Types.Value { Tag = tag, Histo = histogram });

    /// <summary>
    /// Text for the text plugin under <c>&lt;tag&gt;/text_summary</c>: a string tensor of shape [1], and plugin data
    /// whose content is an empty <c>TextPluginData</c> (version 0), as PyTorch's <c>summary.text</c>.
    /// </summary>
    public static Summary Text(string tag, string text)
    {
        var tensor = new TensorProto { Dtype = DataType.DtString, TensorShape = new TensorShapeProto() };
        tensor.TensorShape.Dim.Add(new TensorShapeProto.Types.Dim { Size = 1 });
        tensor.StringVal.Add(ByteString.CopyFromUtf8(text));
        return Plugin(tag + "/text_summary", "text", new TextPluginData().ToByteString(), tensor);
    }

    /// <summary>A value for a plugin: <c>SummaryMetadata.plugin_data</c> (name and content), and optionally a tensor.</summary>
    public static Summary Plugin(string tag, string pluginName, ByteString content, TensorProto? tensor)
    {
        var value = new Summary.Types.Value
        {
            Tag = tag,
            Metadata = new SummaryMetadata { PluginData = new SummaryMetadata.Types.PluginData { PluginName = pluginName, Content = content } },
        };
        if (tensor is not null) value.Tensor = tensor;
        return One(value);
    }

    private static Summary One(Summary.Types.Value value)
    {
        var summary = new Summary();
        summary.Value.Add(value);
        return summary;
    }
}
