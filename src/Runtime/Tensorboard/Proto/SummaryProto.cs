namespace StaticNet.Tensorboard.Proto;

/// <summary>
/// <c>tensorboard.Summary</c> with one <c>Summary.Value</c> (tensorboard/compat/proto/summary.proto). Value:
/// <c>tag = 1</c>, <c>simple_value = 2</c> (float), <c>image = 4</c>, <c>histo = 5</c>, <c>tensor = 8</c>,
/// <c>metadata = 9</c>; the value kinds form a oneof, so they are written even when zero.
/// </summary>
internal static class SummaryProto
{
    /// <summary>A scalar as PyTorch writes it by default (<c>simple_value</c>, float32).</summary>
    public static ProtoWriter Scalar(string tag, double value)
    {
        var v = new ProtoWriter();
        v.StringIfSet(1, tag);
        v.Float(2, (float)value);
        return Wrap(v);
    }

    /// <summary>An encoded image: <c>Summary.Image</c> = height 1, width 2, colorspace 3, encoded_image_string 4.</summary>
    public static ProtoWriter Image(string tag, int height, int width, int colorspace, ReadOnlySpan<byte> png)
    {
        var image = new ProtoWriter();
        image.Int64IfSet(1, height);
        image.Int64IfSet(2, width);
        image.Int64IfSet(3, colorspace);
        image.BytesIfSet(4, png);
        var v = new ProtoWriter();
        v.StringIfSet(1, tag);
        v.Message(4, image);
        return Wrap(v);
    }

    /// <summary>A histogram value (<see cref="HistogramProto"/>).</summary>
    public static ProtoWriter Histogram(string tag, ProtoWriter histogram)
    {
        var v = new ProtoWriter();
        v.StringIfSet(1, tag);
        v.Message(5, histogram);
        return Wrap(v);
    }

    /// <summary>
    /// A value for a plugin: <c>SummaryMetadata.plugin_data = 1</c> holding <c>PluginData</c> (plugin_name 1,
    /// content 2), and optionally a tensor.
    /// </summary>
    public static ProtoWriter Plugin(string tag, string pluginName, ReadOnlySpan<byte> content, ProtoWriter? tensor)
    {
        var pluginData = new ProtoWriter();
        pluginData.StringIfSet(1, pluginName);
        pluginData.BytesIfSet(2, content);
        var metadata = new ProtoWriter();
        metadata.Message(1, pluginData);
        var v = new ProtoWriter();
        v.StringIfSet(1, tag);
        if (tensor is not null) v.Message(8, tensor);
        v.Message(9, metadata);
        return Wrap(v);
    }

    /// <summary>Summary: <c>repeated Value value = 1</c>.</summary>
    private static ProtoWriter Wrap(ProtoWriter value)
    {
        var summary = new ProtoWriter();
        summary.Message(1, value);
        return summary;
    }
}
