using StaticNet.Tensorboard;
using StaticNet.Tensorboard.Format;
using StaticNet.Tensorboard.Format.HParams;
using StaticNet.Tensorboard.Format.PrCurve;
using HParamsType = StaticNet.Tensorboard.Format.HParams.DataType;
using StaticNet.Tests.IO;
using static StaticNet.Tests.Tensorboard.TensorboardEvents;

namespace StaticNet.Tests.Tensorboard;

/// <summary>
/// What the writer logs, decoded with the parsers generated from TensorBoard's .proto files (event, summary, tensor,
/// hparams and text plugin data): every field lands where TensorBoard's own reader looks for it.
/// </summary>
public class GeneratedParserTests
{
    [Fact]
    public void FileVersionEventParses()
    {
        using var dir = new TempFolder();
        using (new SummaryWriter(dir.Path)) { }
        var ev = Assert.Single(Read(dir.Path));
        Assert.Equal(Event.WhatOneofCase.FileVersion, ev.WhatCase);
        Assert.Equal("brain.Event:2", ev.FileVersion);
        Assert.InRange(ev.WallTime, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60);
    }

    [Fact]
    public void ScalarsParseWithTagStepWallTimeAndSimpleValue()
    {
        using var dir = new TempFolder();
        using (var writer = new SummaryWriter(dir.Path))
        {
            writer.AddScalar("Loss/train", 0.25, 3, walltime: 1700000000.5);
            writer.AddScalar("acc", 1.0 / 3);
        }
        var events = Read(dir.Path);
        Assert.Equal(3, events.Count);
        Assert.Equal(1700000000.5, events[1].WallTime);
        Assert.Equal(3, events[1].Step);
        var value = Value(events[1]);
        Assert.Equal("Loss/train", value.Tag);
        Assert.Equal(Summary.Types.Value.ValueOneofCase.SimpleValue, value.ValueCase);
        Assert.Equal(0.25f, value.SimpleValue);
        Assert.Equal(0, events[2].Step);
        Assert.Equal((float)(1.0 / 3), Value(events[2]).SimpleValue); // float32, as PyTorch stores it
    }

    [Fact]
    public void ImageParsesAsSummaryImageWithAPng()
    {
        using var dir = new TempFolder();
        using (var writer = new SummaryWriter(dir.Path)) writer.AddImage("img", Torch.Full([3, 5, 7], 0.5), 2);
        var value = Value(Read(dir.Path)[1]);
        Assert.Equal(Summary.Types.Value.ValueOneofCase.Image, value.ValueCase);
        Assert.Equal((5, 7, 3), (value.Image.Height, value.Image.Width, value.Image.Colorspace));
        var decoded = StaticNet.Vision.Image.Decode(value.Image.EncodedImageString.ToByteArray());
        Assert.Equal([3L, 5L, 7L], decoded.Shape.ToArray());
        Assert.Equal(127, decoded[1, 4, 6].Item<byte>());
    }

    [Fact]
    public void TextParsesAsAStringTensorForTheTextPlugin()
    {
        using var dir = new TempFolder();
        using (var writer = new SummaryWriter(dir.Path)) writer.AddText("notes", "**bold** é", 2);
        var value = Value(Read(dir.Path)[1]);
        Assert.Equal("notes/text_summary", value.Tag);
        Assert.Equal("text", value.Metadata.PluginData.PluginName);
        Assert.Equal(0, TextPluginData.Parser.ParseFrom(value.Metadata.PluginData.Content).Version);
        Assert.Equal(StaticNet.Tensorboard.Format.DataType.DtString, value.Tensor.Dtype);
        Assert.Equal([1L], value.Tensor.TensorShape.Dim.Select(d => d.Size));
        Assert.Equal("**bold** é", Assert.Single(value.Tensor.StringVal).ToStringUtf8());
    }

    [Fact]
    public void HistogramParsesWithItsStatisticsAndBuckets()
    {
        using var dir = new TempFolder();
        using (var writer = new SummaryWriter(dir.Path)) writer.AddHistogram("w", Torch.Tensor(new[] { -1.0, 0.0, 0.5, 2.0, 2.0, 3.0 }), 1);
        var histo = Value(Read(dir.Path)[1]).Histo;
        // numpy on the same values: min, max, count, sum, sum of squares; the buckets count every value once.
        Assert.Equal((-1.0, 3.0, 6.0, 6.5, 18.25), (histo.Min, histo.Max, histo.Num, histo.Sum, histo.SumSquares));
        Assert.Equal(histo.BucketLimit.Count, histo.Bucket.Count);
        Assert.Equal(6.0, histo.Bucket.Sum());
        Assert.Equal(0.0, histo.Bucket[0]); // PyTorch's empty leading bucket
        Assert.Equal(2.0, histo.Bucket[590]);
        Assert.Equal(2.1628190051144287, histo.BucketLimit[590]);
    }

    [Fact]
    public void PrCurveParsesAsThePluginsCountsPrecisionAndRecall()
    {
        using var dir = new TempFolder();
        var labels = Torch.Tensor(new[] { 1L, 0, 1, 0, 1 });
        var predictions = Torch.Tensor(new[] { 0.9f, 0.8f, 0.3f, 0.1f, 1.0f });
        using (var writer = new SummaryWriter(dir.Path))
        {
            writer.AddPrCurve("pr", labels, predictions, 3, numThresholds: 5);
            writer.AddPrCurve("weighted", labels, predictions, numThresholds: 5, weights: Torch.Tensor(new[] { 2.0, 1, 1, 3, 0.5 }));
            Assert.Throws<ArgumentException>(() => writer.AddPrCurve("bad", labels, Torch.Zeros(4)));
        }
        var events = Read(dir.Path);
        var value = Value(events[1]);
        Assert.Equal(3, events[1].Step);
        Assert.Equal("pr_curves", value.Metadata.PluginData.PluginName);
        var data = PrCurvePluginData.Parser.ParseFrom(value.Metadata.PluginData.Content);
        Assert.Equal((0, 5u), (data.Version, data.NumThresholds));
        Assert.Equal(StaticNet.Tensorboard.Format.DataType.DtFloat, value.Tensor.Dtype);
        Assert.Equal([6L, 5], value.Tensor.TensorShape.Dim.Select(d => d.Size));
        // By hand (TensorBoard's compute_curve, checked with numpy): buckets floor(p * 4) = 3, 3, 1, 0, 4; positives in
        // buckets 3, 1, 4 and negatives in 3, 0, reverse-accumulated per threshold.
        float[] expected =
        [
            3, 3, 2, 2, 1,                                  // true positives
            2, 1, 1, 1, 0,                                  // false positives
            0, 1, 1, 1, 2,                                  // true negatives
            0, 0, 1, 1, 2,                                  // false negatives
            3f / 5, 3f / 4, 2f / 3, 2f / 3, 1,              // precision
            1, 1, 2f / 3, 2f / 3, 1f / 3,                   // recall
        ];
        Assert.Equal(expected, value.Tensor.FloatVal);
        // Weighted: positives weigh 2 (bucket 3), 1 (bucket 1), 0.5 (bucket 4); negatives 1 (bucket 3), 3 (bucket 0).
        var weighted = Value(events[2]).Tensor.FloatVal;
        Assert.Equal([3.5f, 3.5f, 2.5f, 2.5f, 0.5f], weighted.Take(5));
        Assert.Equal([4f, 1, 1, 1, 0], weighted.Skip(5).Take(5));
        Assert.Equal((float)(3.5 / 7.5), weighted[20]);
    }

    [Fact]
    public void HparamsParseAsThePluginsExperimentAndSessions()
    {
        using var dir = new TempFolder();
        using (var writer = new SummaryWriter(dir.Path))
            writer.AddHparams(new Dictionary<string, object?> { ["lr"] = 0.1, ["opt"] = "adam", ["shuffle"] = true, ["skip"] = null },
                new Dictionary<string, double> { ["hparam/accuracy"] = 0.9 }, runName: "trial0");
        var events = Read(Path.Combine(dir.Path, "trial0"));
        Assert.Equal(5, events.Count);
        var data = events.Skip(1).Take(3).Select(e =>
        {
            var plugin = Value(e).Metadata.PluginData;
            Assert.Equal("hparams", plugin.PluginName);
            return HParamsPluginData.Parser.ParseFrom(plugin.Content);
        }).ToArray();

        Assert.Equal(HParamsPluginData.DataOneofCase.Experiment, data[0].DataCase);
        Assert.Equal(["lr", "opt", "shuffle"], data[0].Experiment.HparamInfos.Select(h => h.Name));
        Assert.Equal([HParamsType.Float64, HParamsType.String, HParamsType.Bool],
            data[0].Experiment.HparamInfos.Select(h => h.Type));
        Assert.Equal("hparam/accuracy", Assert.Single(data[0].Experiment.MetricInfos).Name.Tag);

        var start = data[1].SessionStartInfo.Hparams;
        Assert.Equal(3, start.Count);
        Assert.Equal(0.1, start["lr"].NumberValue);
        Assert.Equal("adam", start["opt"].StringValue);
        Assert.True(start["shuffle"].BoolValue);

        Assert.Equal(Status.Success, data[2].SessionEndInfo.Status);
        Assert.Equal(0.9f, Value(events[4]).SimpleValue);
    }
}
