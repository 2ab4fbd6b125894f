using ScottPlot;
using StaticNet.Tensorboard;
using StaticNet.Tests.IO;
using StaticNet.Tests.Tensorboard;
using StaticNet.Training;

namespace StaticNet.Tests.Training;

/// <summary>The plotting helpers of StaticNet.Training: the training history, its PNG curves, and AddFigure.</summary>
public class TrainingPlotsTests
{
    private static TrainingHistory History(bool withAccuracy)
    {
        var history = new TrainingHistory();
        for (int epoch = 1; epoch <= 4; epoch++)
        {
            history.Log("loss/train", epoch, 2.0 / epoch);
            history.Log("loss/test", epoch, 2.5 / epoch);
            if (withAccuracy) history.Log("accuracy/test", epoch, 0.2 * epoch);
        }
        return history;
    }

    private static (int Width, int Height) Size(string path)
    {
        var (width, height, _) = PngFile.Header(File.ReadAllBytes(path));
        return (width, height);
    }

    [Fact]
    public void HistoryKeepsSeriesInFirstLoggedOrderWithTheirPoints()
    {
        var history = History(withAccuracy: true);
        history.Log("loss/train", 4.5, double.NaN); // a diverged value is still a point (only the step must be finite)
        Assert.Equal(["loss/train", "loss/test", "accuracy/test"], history.Names);
        Assert.Equal([(1.0, 2.0), (2.0, 1.0), (3.0, 2.0 / 3), (4.0, 0.5), (4.5, double.NaN)], history["loss/train"]);
        Assert.Equal([0.2, 0.4, 0.2 * 3, 0.8], history["accuracy/test"].Select(p => p.Value));
        var e = Assert.Throws<KeyNotFoundException>(() => history["accuracy/train"]);
        Assert.Contains("loss/train, loss/test, accuracy/test", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => history.Log("x", double.PositiveInfinity, 1));
        Assert.Throws<ArgumentException>(() => history.Log("", 0, 1));
    }

    [Fact]
    public void LossAndAccuracyPngHasOnePanelPerKindSideBySide()
    {
        using var dir = new TempFolder();
        string both = Path.Combine(dir.Path, "sub", "curves.png"), lossOnly = Path.Combine(dir.Path, "loss.png");
        TrainingPlots.SaveLossAndAccuracy(History(withAccuracy: true), both, width: 300, height: 200);
        TrainingPlots.SaveLossAndAccuracy(History(withAccuracy: false), lossOnly, width: 300, height: 200);

        var (w, h, c) = PngFile.Header(File.ReadAllBytes(both));
        Assert.Equal((600, 200), (w, h)); // two panels of 300
        var decoded = StaticNet.Vision.Image.Decode(File.ReadAllBytes(both));
        Assert.Equal([(long)c, 200, 600], decoded.Shape.ToArray());
        Assert.Equal((300, 200), Size(lossOnly));
        // Both panels hold drawn curves: neither half of the image is one flat color.
        var rgb = decoded.Narrow(0, 0, 3).To(DType.Float32);
        Assert.True(rgb.Narrow(2, 0, 300).Std().Item<float>() > 1f);
        Assert.True(rgb.Narrow(2, 300, 300).Std().Item<float>() > 1f);
    }

    [Fact]
    public void SavingIsAtomicAndReplacesAnOlderFile()
    {
        using var dir = new TempFolder();
        string path = Path.Combine(dir.Path, "curves.png");
        File.WriteAllText(path, "not a png");
        TrainingPlots.SaveLossAndAccuracy(History(withAccuracy: false), path, width: 120, height: 90);
        Assert.Equal((120, 90), Size(path));
        Assert.Equal(["curves.png"], Directory.GetFiles(dir.Path).Select(Path.GetFileName)); // no temporary file left

        var e = Assert.Throws<ArgumentException>(() => TrainingPlots.SaveLossAndAccuracy(new TrainingHistory(), path));
        Assert.Contains("no series", e.Message);
        Assert.Equal((120, 90), Size(path)); // a failed call leaves the old file
    }

    [Fact]
    public void CurvesPlotHasOneLegendedLinePerSelectedSeries()
    {
        var plot = TrainingPlots.Curves(History(withAccuracy: true), n => n.StartsWith("loss", StringComparison.Ordinal), "Loss");
        var lines = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().ToArray();
        Assert.Equal(["loss/train", "loss/test"], lines.Select(l => l.LegendText));
        Assert.Equal([2.0, 1.0, 2.0 / 3, 0.5], lines[0].Data.GetScatterPoints().Select(p => p.Y));
    }

    [Fact]
    public void AddFigureLogsThePlotAsAPngImageSummary()
    {
        using var dir = new TempFolder();
        var plot = TrainingPlots.Curves(History(withAccuracy: false));
        using (var writer = new SummaryWriter(dir.Path))
        {
            writer.AddFigure("curves", plot, globalStep: 5, width: 320, height: 240);
            Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddFigure("bad", plot, width: 0));
        }
        var events = TensorboardEvents.Read(dir.Path);
        Assert.Equal(2, events.Count);
        Assert.Equal(5, events[1].Step);
        var value = TensorboardEvents.Value(events[1]);
        Assert.Equal("curves", value.Tag);
        byte[] png = value.Image.EncodedImageString.ToByteArray();
        var (w, h, c) = PngFile.Header(png);
        Assert.Equal((320, 240), (w, h));
        Assert.Equal((value.Image.Width, value.Image.Height, value.Image.Colorspace), (w, h, c));
        Assert.Equal([(long)c, 240, 320], StaticNet.Vision.Image.Decode(png).Shape.ToArray());
    }
}
