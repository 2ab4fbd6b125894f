using ScottPlot;

namespace StaticNet.Tuning.Visualization;

/// <summary>
/// Optuna's <c>optuna.visualization</c> plots of a study, drawn with ScottPlot and saved as PNG: the optimization
/// history, the intermediate values of every trial, and one slice per parameter.
/// </summary>
public static class TuningPlots
{
    /// <summary>
    /// Each complete trial's value against its number, and the best value so far as a line
    /// (<c>plot_optimization_history</c>).
    /// </summary>
    public static void OptimizationHistory(Study study, string path, int width = 800, int height = 600)
    {
        var complete = study.GetTrials(TrialState.Complete);
        var plot = new Plot();
        if (complete.Count > 0)
        {
            double[] xs = [.. complete.Select(t => (double)t.Number)];
            double[] ys = [.. complete.Select(t => t.Value!.Value)];
            var points = plot.Add.ScatterPoints(xs, ys);
            points.LegendText = "Objective Value";
            var best = new double[ys.Length];
            for (int i = 0; i < ys.Length; i++)
                best[i] = i == 0 ? ys[0] : study.Direction == StudyDirection.Maximize ? Math.Max(best[i - 1], ys[i]) : Math.Min(best[i - 1], ys[i]);
            var line = plot.Add.ScatterLine(xs, best);
            line.LegendText = "Best Value";
            line.LineWidth = 2;
            plot.ShowLegend();
        }
        plot.Title("Optimization History Plot");
        plot.XLabel("Trial");
        plot.YLabel("Objective Value");
        Save(plot, path, width, height);
    }

    /// <summary>Every trial's reported values against their steps, one line per trial (<c>plot_intermediate_values</c>).</summary>
    public static void IntermediateValues(Study study, string path, int width = 800, int height = 600)
    {
        var plot = new Plot();
        foreach (var t in study.Trials.Where(t => t.IntermediateValues.Count > 0))
        {
            var line = plot.Add.Scatter([.. t.IntermediateValues.Keys.Select(s => (double)s)], t.IntermediateValues.Values.ToArray());
            line.LegendText = $"Trial {t.Number}";
            if (t.State == TrialState.Pruned) line.LinePattern = LinePattern.Dashed;
        }
        plot.Title("Intermediate Values Plot");
        plot.XLabel("Step");
        plot.YLabel("Intermediate Value");
        Save(plot, path, width, height);
    }

    /// <summary>
    /// One panel per parameter (all by default): each complete trial's value against the parameter's value
    /// (<c>plot_slice</c>); log ranges are drawn against log10 of the value, categories at their index.
    /// </summary>
    public static void Slice(Study study, string path, IReadOnlyList<string>? parameters = null, int panelWidth = 400, int height = 400)
    {
        var complete = study.GetTrials(TrialState.Complete);
        var names = parameters ?? [.. complete.SelectMany(t => t.Params.Keys).Distinct().Order(StringComparer.Ordinal)];
        if (names.Count == 0)
        {
            var empty = new Plot();
            empty.Title("Slice Plot");
            Save(empty, path, panelWidth, height);
            return;
        }
        var figure = new Multiplot();
        while (figure.Subplots.Count > 0) figure.Subplots.RemoveAt(0);   // a new Multiplot starts with one plot
        foreach (string name in names)
        {
            var plot = figure.AddPlot();
            var withParam = complete.Where(t => t.Distributions.ContainsKey(name)).ToList();
            if (withParam.Count == 0) throw new ArgumentException($"No complete trial of study '{study.StudyName}' has a parameter '{name}'.", nameof(parameters));
            var distribution = withParam[^1].Distributions[name];
            bool log = distribution is FloatDistribution { Log: true } or IntDistribution { Log: true };
            double[] xs = [.. withParam.Select(t => X(t, name, distribution, log))];
            double[] ys = [.. withParam.Select(t => t.Value!.Value)];
            plot.Add.ScatterPoints(xs, ys);
            if (distribution is CategoricalDistribution c)
                plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, c.Choices.Count).Select(i => (double)i)], [.. c.Choices.Select(v => v?.ToString() ?? "None")]);
            plot.Title(name, size: 12);
            plot.XLabel(log ? $"{name} (log10)" : name);
            plot.YLabel("Objective Value");
        }
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        figure.SavePng(full, panelWidth * names.Count, height);
    }

    private static double X(FrozenTrial t, string name, Distribution distribution, bool log)
    {
        var value = t.Params[name];
        if (distribution is CategoricalDistribution c) return c.ToInternal(value);
        double x = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
        return log ? Math.Log10(x) : x;
    }

    private static void Save(Plot plot, string path, int width, int height)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        plot.SavePng(full, width, height);
    }
}
