using ScottPlot;
using StaticNet.Tensorboard;

namespace StaticNet.Training;

/// <summary>
/// <c>SummaryWriter.add_figure</c> for ScottPlot: the plot is rendered to PNG here (SkiaSharp stays out of the core
/// runtime) and logged as an image summary that TensorBoard's Images tab shows.
/// </summary>
public static class SummaryWriterFigures
{
    /// <summary>Renders <paramref name="plot"/> at <paramref name="width"/>×<paramref name="height"/> and logs it under <paramref name="tag"/>.</summary>
    public static void AddFigure(this SummaryWriter writer, string tag, Plot plot, long? globalStep = null, double? walltime = null, int width = 640, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(plot);
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"SummaryWriter.AddFigure('{tag}'): the figure needs a positive size, got {width}×{height}.");
        byte[] png = plot.GetImageBytes(width, height, ImageFormat.Png);
        // ScottPlot renders RGBA; TensorBoard reads the colorspace as the channel count.
        writer.AddEncodedImage(tag, png, height, width, 4, globalStep, walltime);
    }
}
