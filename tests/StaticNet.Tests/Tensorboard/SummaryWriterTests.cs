using System.Text.RegularExpressions;
using StaticNet.Tensorboard;
using StaticNet.Tests.IO;

namespace StaticNet.Tests.Tensorboard;

public class SummaryWriterTests
{
    [Fact]
    public void FirstEventOfTheFileCarriesTheFileVersion()
    {
        using var dir = new TempFolder();
        string file;
        using (var writer = new SummaryWriter(dir.Path)) file = writer.FilePath;
        Assert.Matches(new Regex(@"^events\.out\.tfevents\.\d{10}\..+\.\d+\.\d+$"), Path.GetFileName(file));
        var ev = Assert.Single(EventFileReader.ReadEvents(dir.Path));
        Assert.Equal("brain.Event:2", ev.String(3));
        Assert.True(Math.Abs(ev.Double(1) - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0) < 60);
        Assert.False(ev.Has(5));
    }

    [Fact]
    public void ScalarsReadBackWithTagValueStepAndWallTime()
    {
        using var dir = new TempFolder();
        using (var writer = new SummaryWriter(dir.Path))
        {
            writer.AddScalar("Loss/train", 0.25, 3, walltime: 1700000000.5);
            writer.AddScalar("Loss/train", 0.0, 4, walltime: 1700000001.0);
            writer.AddScalar("acc", -1.5);
        }
        var events = EventFileReader.ReadEvents(dir.Path);
        Assert.Equal(4, events.Count);
        Assert.Equal(1700000000.5, events[1].Double(1));
        Assert.Equal(3ul, events[1].Varint(2));
        Assert.Equal("Loss/train", events[1].SummaryValue().String(1));
        Assert.Equal(0.25f, events[1].SummaryValue().Float(2));
        // simple_value is a oneof member: 0.0 is still on the wire.
        Assert.Equal(0f, events[2].SummaryValue().Float(2));
        Assert.Equal(4ul, events[2].Varint(2));
        Assert.False(events[3].Has(2)); // no step given
        Assert.Equal(-1.5f, events[3].SummaryValue().Float(2));
    }

    [Fact]
    public void AddScalarsWritesOneSubRunPerKey()
    {
        using var dir = new TempFolder();
        using (var writer = new SummaryWriter(dir.Path))
        {
            writer.AddScalars("run/loss", new Dictionary<string, double> { ["train"] = 1.0, ["test"] = 2.0 }, 0);
            writer.AddScalars("run/loss", new Dictionary<string, double> { ["train"] = 0.5, ["test"] = 1.5 }, 1);
        }
        Assert.Equal(["run_loss_test", "run_loss_train"], Directory.GetDirectories(dir.Path).Select(d => Path.GetFileName(d)!).Order().ToArray());
        Assert.Single(EventFileReader.ReadEvents(dir.Path)); // the main run holds only its version event
        var train = EventFileReader.ReadEvents(Path.Combine(dir.Path, "run_loss_train"));
        Assert.Equal("brain.Event:2", train[0].String(3));
        Assert.Equal(3, train.Count);
        Assert.All(train.Skip(1), e => Assert.Equal("run/loss", e.SummaryValue().String(1)));
        Assert.Equal([1f, 0.5f], train.Skip(1).Select(e => e.SummaryValue().Float(2)));
        Assert.False(train[1].Has(2)); // step 0 is proto3's default: absent
        Assert.Equal(1ul, train[2].Varint(2));
        var test = EventFileReader.ReadEvents(Path.Combine(dir.Path, "run_loss_test"));
        Assert.Equal([2f, 1.5f], test.Skip(1).Select(e => e.SummaryValue().Float(2)));
        Assert.Equal(train[1].Double(1), test[1].Double(1)); // one wall time for the whole call
    }

    [Fact]
    public void ImageIsStoredAsPngOfTheRightSize()
    {
        using var dir = new TempFolder();
        // float [3, 2, 4]: channel c holds c * 0.5, so bytes 0, 127 (0.5 * 255 truncated), 255.
        var img = Torch.Arange(0.0, 1.5, 0.5).Reshape(3, 1, 1).Expand(3, 2, 4);
        using (var writer = new SummaryWriter(dir.Path)) writer.AddImage("grid", img, 7);
        var ev = EventFileReader.ReadEvents(dir.Path)[1];
        var value = ev.SummaryValue();
        Assert.Equal("grid", value.String(1));
        var image = value.Message(4);
        Assert.Equal(2ul, image.Varint(1));
        Assert.Equal(4ul, image.Varint(2));
        Assert.Equal(3ul, image.Varint(3));
        byte[] png = image.Bytes(4);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        var decoded = StaticNet.Vision.Image.Decode(png);
        Assert.Equal([3L, 2L, 4L], decoded.Shape.ToArray());
        Assert.Equal([0, 127, 255], new[] { 0, 1, 2 }.Select(c => (int)decoded[c, 1, 3].Item<byte>()));
    }

    [Fact]
    public void GrayImageIsRepeatedIntoRgb()
    {
        using var dir = new TempFolder();
        var gray = Torch.Full([1, 3, 5], 200L, DType.UInt8);
        using (var writer = new SummaryWriter(dir.Path)) writer.AddImage("g", gray);
        var image = EventFileReader.ReadEvents(dir.Path)[1].SummaryValue().Message(4);
        Assert.Equal(3ul, image.Varint(3));
        var decoded = StaticNet.Vision.Image.Decode(image.Bytes(4));
        Assert.Equal([3L, 3L, 5L], decoded.Shape.ToArray());
        Assert.Equal(200, decoded[2, 2, 4].Item<byte>());
    }

    [Fact]
    public void TextGoesToTheTextPluginAsAStringTensor()
    {
        using var dir = new TempFolder();
        using (var writer = new SummaryWriter(dir.Path)) writer.AddText("notes", "**bold** é", 2);
        var value = EventFileReader.ReadEvents(dir.Path)[1].SummaryValue();
        Assert.Equal("notes/text_summary", value.String(1));
        var pluginData = value.Message(9).Message(1);
        Assert.Equal("text", pluginData.String(1));
        Assert.False(pluginData.Has(2)); // TextPluginData(version=0) serializes to nothing
        var tensor = value.Message(8);
        Assert.Equal(7ul, tensor.Varint(1)); // DT_STRING
        Assert.Equal(1ul, Assert.Single(tensor.Message(2).Messages(2)).Varint(1));
        Assert.Equal("**bold** é", tensor.String(8));
    }

    [Fact]
    public void HistogramBucketsMatchPyTorchsDefaultBins()
    {
        using var dir = new TempFolder();
        using (var writer = new SummaryWriter(dir.Path))
            writer.AddHistogram("w", Torch.Tensor(new[] { -1.0, 0.0, 0.5, 2.0, 2.0, 3.0 }), 1);
        var histo = EventFileReader.ReadEvents(dir.Path)[1].SummaryValue().Message(5);
        // PyTorch's make_histogram on the same values (numpy): min, max, num, sum, sum of squares.
        Assert.Equal(-1.0, histo.Double(1));
        Assert.Equal(3.0, histo.Double(2));
        Assert.Equal(6.0, histo.Double(3));
        Assert.Equal(6.5, histo.Double(4));
        Assert.Equal(18.25, histo.Double(5));
        double[] limits = histo.PackedDoubles(6), buckets = histo.PackedDoubles(7);
        Assert.Equal(595, limits.Length);
        Assert.Equal(595, buckets.Length);
        Assert.Equal(-1.0089710279437536, limits[0]);
        Assert.Equal(3.1665833053880363, limits[^1]);
        var nonEmpty = buckets.Select((c, i) => (i, c, limits[i])).Where(b => b.c > 0).ToArray();
        Assert.Equal(
            [(1, 1.0, -0.917246389039776), (292, 1.0, 1e-12), (575, 1.0, 0.5177616740489182), (590, 2.0, 2.1628190051144287), (594, 1.0, 3.1665833053880363)],
            nonEmpty);
    }

    [Fact]
    public void HistogramOfASingleZeroHasAnEmptyLeadingBucket()
    {
        using var dir = new TempFolder();
        using (var writer = new SummaryWriter(dir.Path)) writer.AddHistogram("z", Torch.Zeros(1));
        var histo = EventFileReader.ReadEvents(dir.Path)[1].SummaryValue().Message(5);
        Assert.Equal([0.0, 1e-12], histo.PackedDoubles(6));
        Assert.Equal([0.0, 1.0], histo.PackedDoubles(7));
    }

    [Fact]
    public void HparamsWriteTheThreePluginSummariesAndTheMetrics()
    {
        using var dir = new TempFolder();
        using (var writer = new SummaryWriter(dir.Path))
            writer.AddHparams(new Dictionary<string, object?> { ["lr"] = 0.1, ["bsize"] = 16, ["opt"] = "adam", ["skip"] = null, ["shuffle"] = true, ["wd"] = Torch.Tensor(new[] { 0.5 }) },
                new Dictionary<string, double> { ["hparam/accuracy"] = 0.9 }, runName: "trial0");
        var events = EventFileReader.ReadEvents(Path.Combine(dir.Path, "trial0"));
        Assert.Equal(5, events.Count);
        var values = events.Skip(1).Take(3).Select(e => e.SummaryValue()).ToArray();
        Assert.Equal(["_hparams_/experiment", "_hparams_/session_start_info", "_hparams_/session_end_info"], values.Select(v => v.String(1)));
        var contents = values.Select(v =>
        {
            var pluginData = v.Message(9).Message(1);
            Assert.Equal("hparams", pluginData.String(1));
            return new Pb(pluginData.Bytes(2));
        }).ToArray();

        var experiment = contents[0].Message(2);
        Assert.Equal(["lr", "bsize", "opt", "shuffle", "wd"], experiment.Messages(4).Select(h => h.String(1)));
        Assert.Equal([3ul, 3ul, 1ul, 2ul, 3ul], experiment.Messages(4).Select(h => h.Varint(4))); // FLOAT64, FLOAT64, STRING, BOOL, FLOAT64
        Assert.Equal("hparam/accuracy", Assert.Single(experiment.Messages(5)).Message(1).String(2));

        var start = contents[1].Message(3).Messages(1).ToDictionary(e => e.String(1), e => e.Message(2));
        Assert.Equal(0.1, start["lr"].Double(2));
        Assert.Equal(16.0, start["bsize"].Double(2));
        Assert.Equal("adam", start["opt"].String(3));
        Assert.Equal(1ul, start["shuffle"].Varint(4));
        Assert.Equal(0.5, start["wd"].Double(2));
        Assert.False(start.ContainsKey("skip"));

        Assert.Equal(1ul, contents[2].Message(4).Varint(1)); // STATUS_SUCCESS
        Assert.Equal("hparam/accuracy", events[4].SummaryValue().String(1));
        Assert.Equal(0.9f, events[4].SummaryValue().Float(2));
    }

    [Fact]
    public void ZeroFlushSecsWritesEachEventThrough()
    {
        using var dir = new TempFolder();
        using var writer = new SummaryWriter(dir.Path, flushSecs: 0);
        writer.AddScalar("x", 1.0, 1);
        writer.AddText("t", "hi");
        Assert.Equal(3, EventFileReader.ReadEvents(dir.Path).Count);
    }

    [Fact]
    public void FlushMakesEventsReadableBeforeClose()
    {
        using var dir = new TempFolder();
        using var writer = new SummaryWriter(dir.Path);
        writer.AddScalar("x", 1.0, 1);
        writer.Flush();
        Assert.Equal(2, EventFileReader.ReadEvents(dir.Path).Count);
        writer.Close();
        writer.Close();
        Assert.Throws<ObjectDisposedException>(() => writer.AddScalar("x", 2.0));
    }

    [Fact]
    public void MisuseNamesTheOperationAndWhatWasExpected()
    {
        using var dir = new TempFolder();
        using var writer = new SummaryWriter(dir.Path);
        var e = Assert.Throws<ArgumentException>(() => writer.AddImage("img", Torch.Zeros(2, 4, 4)));
        Assert.Contains("AddImage('img')", e.Message);
        Assert.Contains("1, 3 or 4 channels", e.Message);
        e = Assert.Throws<ArgumentException>(() => writer.AddImage("img", Torch.Zeros(4, 4)));
        Assert.Contains("input format CHW", e.Message);
        e = Assert.Throws<ArgumentException>(() => writer.AddHistogram("h", Torch.Tensor(new[] { 1.0, double.NaN })));
        Assert.Contains("finite", e.Message);
        Assert.Throws<ArgumentException>(() => writer.AddHistogram("h", Torch.Zeros(0)));
        e = Assert.Throws<ArgumentException>(() => writer.AddHparams(new Dictionary<string, object?> { ["p"] = new object() }, new Dictionary<string, double>()));
        Assert.Contains("'p'", e.Message);
    }
}
