using ScottPlot;

namespace StaticNet.Training;

/// <summary>
/// Loss and accuracy curves of a <see cref="TrainingHistory"/> as the seeds draw them with matplotlib: one panel for the
/// series whose name contains "loss", one for the others (accuracy, ...), each series a line against its step.
/// </summary>
public static class TrainingPlots
{
    /// <summary>The series whose names satisfy <paramref name="include"/> on one plot (for <c>AddFigure</c> or further styling).</summary>
    public static Plot Curves(TrainingHistory history, Func<string, bool>? include = null, string title = "", string xLabel = "Epoch", string yLabel = "")
    {
        ArgumentNullException.ThrowIfNull(history);
        var plot = new Plot();
        foreach (string name in history.Names.Where(include ?? (_ => true)))
        {
            var points = history[name];
            var line = plot.Add.Scatter(points.Select(p => p.Step).ToArray(), points.Select(p => p.Value).ToArray());
            line.LegendText = name;
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend();
        return plot;
    }

    /// <summary>
    /// Saves the loss curves and, when other series were logged, the accuracy curves beside them, as one PNG
    /// (<paramref name="width"/> per panel); the file is written atomically.
    /// </summary>
    public static void SaveLossAndAccuracy(TrainingHistory history, string path, int width = 640, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(path);
        if (history.Names.Count == 0) throw new ArgumentException($"TrainingPlots: the history has no series to plot into '{path}'.", nameof(history));
        static bool IsLoss(string name) => name.Contains("loss", StringComparison.OrdinalIgnoreCase);
        var panels = new List<Plot>();
        if (history.Names.Any(IsLoss)) panels.Add(Curves(history, IsLoss, "Loss", yLabel: "Loss"));
        if (history.Names.Any(n => !IsLoss(n))) panels.Add(Curves(history, n => !IsLoss(n), "Accuracy", yLabel: "Value"));
        var multiplot = new Multiplot();
        multiplot.RemovePlot(multiplot.GetPlot(0));
        foreach (var panel in panels) multiplot.AddPlot(panel);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp.png");
        try
        {
            multiplot.SavePng(temp, width * panels.Count, height);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
