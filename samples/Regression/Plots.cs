using ScottPlot;

namespace RegressionSample;

/// <summary>The seed's matplotlib figures, drawn with ScottPlot and saved as PNG.</summary>
public static class Plots
{
    /// <summary>One curve against epochs 1..n (<c>plt.plot(values)</c> with a title and axis labels).</summary>
    public static void Line(string path, IReadOnlyList<double> values, string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        Draw(plot, values, title, xLabel, yLabel);
        plot.SavePng(path, 640, 480);
    }

    /// <summary>
    /// The learning-rate figure: three rows (one per rate) of two panels, weight value and loss over epochs
    /// (<c>plt.subplot(321)</c> ... <c>plt.subplot(326)</c>).
    /// </summary>
    public static void LearningRates(string path, IReadOnlyList<(double Lr, List<double> Weights, List<double> Losses)> runs)
    {
        var figure = new Multiplot();
        while (figure.Subplots.Count > 0) figure.Subplots.RemoveAt(0);   // a new Multiplot starts with one plot
        foreach (var (lr, weights, losses) in runs)
        {
            Draw(figure.AddPlot(), weights, $"Weight value over increasing epochs when learning rate is {lr}", "Epochs", "Weight value");
            Draw(figure.AddPlot(), losses, $"Loss value over increasing epochs when learning rate is {lr}", "Epochs", "Loss value");
        }
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(runs.Count, 2);
        figure.SavePng(path, 1200, 1500);
    }

    private static void Draw(Plot plot, IReadOnlyList<double> values, string title, string xLabel, string yLabel)
    {
        var xs = Enumerable.Range(1, values.Count).Select(i => (double)i).ToArray();
        plot.Add.Scatter(xs, values.ToArray());
        plot.Title(title, size: 12);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
    }
}
