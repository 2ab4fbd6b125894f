using Microsoft.Data.Analysis;
using StaticNet.Tuning;
using StaticNet.Tuning.Visualization;
using StbImageSharp;

namespace StaticNet.Tests.Tuning;

/// <summary>The trials table (printable, CSV, DataFrame with Optuna's columns) and the PNG plots.</summary>
public class VisualizationTests
{
    private static Study Sample()
    {
        var study = Study.Create(direction: StudyDirection.Maximize, sampler: new RandomSampler(2), pruner: new NopPruner());
        study.Optimize(t =>
        {
            double lr = t.SuggestFloat("lr", 1e-4, 1e-1, log: true);
            int hidden = t.SuggestInt("hidden", 16, 128);
            string opt = t.SuggestCategorical("optimizer", ["SGD", "Adam"]);
            t.SetUserAttr("tag", "run" + t.Number);
            for (int epoch = 0; epoch < 3; epoch++) t.Report(hidden / 128.0 * (epoch + 1) / 3, epoch);
            if (t.Number == 2) throw new TrialPruned();
            if (t.Number == 3) throw new InvalidOperationException("boom");
            return hidden / 128.0 - Math.Abs(Math.Log10(lr) + 2) / 10 + (opt == "Adam" ? 0.05 : 0);
        }, nTrials: 6);
        return study;
    }

    [Fact]
    public void TheTableHasOptunasTrialsDataframeColumns()
    {
        var table = Sample().TrialsTable();
        Assert.Equal(["number", "value", "datetime_start", "datetime_complete", "duration", "params_hidden", "params_lr", "params_optimizer", "user_attrs_tag", "state"], table.Columns);
        Assert.Equal(["COMPLETE", "COMPLETE", "PRUNED", "FAIL", "COMPLETE", "COMPLETE"], table.Column("state"));
        Assert.Null(table.Rows[3][1]);                        // a failed trial has no value
        Assert.Equal(table.Rows[2][1], 0.0 + (long)table.Rows[2][5]! / 128.0); // a pruned one keeps its last report
        Assert.IsType<TimeSpan>(table.Rows[0][4]);
    }

    [Fact]
    public void TheTableWritesCsvAsPandasDoes()
    {
        var table = Sample().TrialsTable();
        var lines = table.ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(",number,value,datetime_start,datetime_complete,duration,params_hidden,params_lr,params_optimizer,user_attrs_tag,state", lines[0]);
        Assert.Equal(7, lines.Length);
        Assert.Matches(@"^3,3,,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6},\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6},0 days 00:00:\d\d\.\d{6},\d+,[0-9.e-]+,(SGD|Adam),run3,FAIL$", lines[4]);
        using var dir = new TempFolder();
        table.SaveCsv(dir.File("trials.csv"));
        Assert.Equal(table.ToCsv(), File.ReadAllText(dir.File("trials.csv")));
    }

    [Fact]
    public void TheTablePrintsAlignedRows()
    {
        string printed = Sample().TrialsTable().ToString();
        var lines = printed.Split('\n');
        Assert.Equal(7, lines.Length);
        Assert.All(lines, l => Assert.Equal(lines[0].Length, l.Length));
        Assert.EndsWith("state", lines[0]);
        Assert.Contains("NaN", lines[4]); // the failed trial's value
    }

    [Fact]
    public void TheTableBecomesATypedDataFrame()
    {
        var table = Sample().TrialsTable();
        var frame = table.ToDataFrame();
        Assert.Equal(table.Columns, frame.Columns.Select(c => c.Name));
        Assert.Equal(6, frame.Rows.Count);
        Assert.IsType<Int32DataFrameColumn>(frame.Columns["number"]);
        Assert.IsType<DoubleDataFrameColumn>(frame.Columns["value"]);
        Assert.IsType<Int64DataFrameColumn>(frame.Columns["params_hidden"]);
        Assert.IsType<DoubleDataFrameColumn>(frame.Columns["params_lr"]);
        Assert.IsType<StringDataFrameColumn>(frame.Columns["params_optimizer"]);
        Assert.Null(frame.Columns["value"][3]);
        Assert.Equal(table.Rows[5][6], frame.Columns["params_lr"][5]);
        Assert.Equal("COMPLETE", frame.Columns["state"][0]);
    }

    private static ImageResult Png(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        return ImageResult.FromMemory(bytes, ColorComponents.RedGreenBlue);
    }

    private static int DistinctColours(ImageResult image) =>
        Enumerable.Range(0, image.Width * image.Height).Select(i => (image.Data[3 * i], image.Data[3 * i + 1], image.Data[3 * i + 2])).Distinct().Count();

    [Fact]
    public void PlotsAreWrittenAsPng()
    {
        var study = Sample();
        using var dir = new TempFolder();
        TuningPlots.OptimizationHistory(study, dir.File("history.png"));
        TuningPlots.IntermediateValues(study, dir.File("intermediate.png"), width: 640, height: 480);
        TuningPlots.Slice(study, dir.File("slice.png"));
        var history = Png(dir.File("history.png"));
        Assert.Equal((800, 600), (history.Width, history.Height));
        Assert.Equal((640, 480), (Png(dir.File("intermediate.png")) is var i ? (i.Width, i.Height) : default));
        var slice = Png(dir.File("slice.png"));
        Assert.Equal((3 * 400, 400), (slice.Width, slice.Height)); // one panel per parameter
        Assert.True(DistinctColours(history) > 10, "the history plot should hold text, points and a line, not a blank canvas");
    }

    [Fact]
    public void SliceOfAnUnknownParameterIsAnError()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<ArgumentException>(() => TuningPlots.Slice(Sample(), dir.File("s.png"), ["missing"]));
        Assert.Contains("missing", e.Message);
    }
}
