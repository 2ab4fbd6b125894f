using System.Globalization;
using Google.Protobuf;
using StaticNet.NN;
using StaticNet.Tensorboard.Format;

namespace StaticNet.Tensorboard;

/// <summary>
/// Writes TensorBoard event files (PyTorch's <c>torch.utils.tensorboard.SummaryWriter</c>): scalars, groups of
/// scalars, images, text, histograms, precision-recall curves, hyperparameters, model graphs and embeddings, to be viewed with <c>tensorboard --logdir runs</c>.
/// </summary>
/// <remarks>
/// Each run folder gets one <c>events.out.tfevents.&lt;time&gt;.&lt;host&gt;.&lt;pid&gt;.&lt;uid&gt;</c> file of TFRecords
/// holding <c>Event</c> protocol buffers: TensorBoard's own messages, generated from its .proto files (Tensorboard/Proto). Events are buffered and reach the file on <see cref="Flush"/>, every
/// <c>flushSecs</c> seconds as events arrive, and on <see cref="Close"/>/<see cref="Dispose"/>. Thread-safe.
/// </remarks>
public sealed class SummaryWriter : IDisposable
{
    private readonly object _gate = new();
    private readonly int _flushSecs;
    private readonly EventFileWriter _main;
    private readonly Projector _projector;
    private readonly Dictionary<string, EventFileWriter> _subRuns = new(StringComparer.Ordinal);
    private bool _closed;

    /// <summary>Creates the log folder and its event file.</summary>
    /// <param name="logDir">The run folder; by default <c>runs/&lt;Mon DD_HH-MM-SS&gt;_&lt;host&gt;&lt;comment&gt;</c>, as PyTorch's.</param>
    /// <param name="comment">Appended to the default folder name; ignored when <paramref name="logDir"/> is given.</param>
    /// <param name="flushSecs">How often, in seconds, buffered events are pushed to disk (PyTorch's default 120).</param>
    public SummaryWriter(string? logDir = null, string comment = "", int flushSecs = 120)
    {
        ArgumentNullException.ThrowIfNull(comment);
        if (flushSecs < 0) throw new ArgumentOutOfRangeException(nameof(flushSecs), flushSecs, "SummaryWriter: flushSecs must be >= 0.");
        LogDir = string.IsNullOrEmpty(logDir) ? DefaultLogDir(DateTime.Now, HostName(), comment) : logDir;
        _flushSecs = flushSecs;
        _main = new EventFileWriter(LogDir, flushSecs);
        _projector = new Projector(LogDir);
    }

    /// <summary>The run folder the events are written to.</summary>
    public string LogDir { get; }

    /// <summary>The main event file's path.</summary>
    public string FilePath => _main.FilePath;

    /// <summary>Logs one scalar (<c>add_scalar</c>), stored as a float32 <c>simple_value</c> as PyTorch does.</summary>
    /// <param name="tag">The chart's name; <c>"group/name"</c> groups charts.</param>
    /// <param name="value">The value.</param>
    /// <param name="globalStep">The x coordinate (step); none reads as 0.</param>
    /// <param name="walltime">Seconds since the Unix epoch; the current time by default.</param>
    public void AddScalar(string tag, double value, long? globalStep = null, double? walltime = null)
    {
        ArgumentNullException.ThrowIfNull(tag);
        Write(_main, Summaries.Scalar(tag, value), globalStep, walltime);
    }

    /// <summary>
    /// Logs several scalars on one chart (<c>add_scalars</c>): each key goes to its own run folder
    /// <c>&lt;logDir&gt;/&lt;mainTag with '/' → '_'&gt;_&lt;key&gt;</c> under the tag <paramref name="mainTag"/>.
    /// </summary>
    public void AddScalars(string mainTag, IReadOnlyDictionary<string, double> tagScalarDict, long? globalStep = null, double? walltime = null)
    {
        ArgumentNullException.ThrowIfNull(mainTag);
        ArgumentNullException.ThrowIfNull(tagScalarDict);
        double time = walltime ?? UnixTimeNow();
        foreach (var (key, value) in tagScalarDict)
        {
            string folder = Path.Combine(LogDir, mainTag.Replace('/', '_') + "_" + key);
            EventFileWriter writer;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_closed, this);
                if (!_subRuns.TryGetValue(folder, out writer!)) _subRuns[folder] = writer = new EventFileWriter(folder, _flushSecs);
            }
            Write(writer, Summaries.Scalar(mainTag, value), globalStep, time);
        }
    }

    /// <summary>Logs an image (<c>add_image</c>) as PNG.</summary>
    /// <param name="tag">The image's name.</param>
    /// <param name="image">UInt8 in [0, 255] or floating point in [0, 1] (scaled by 255, clipped, truncated);
    /// 1, 3 or 4 channels (one channel is shown as gray RGB).</param>
    /// <param name="globalStep">The step.</param>
    /// <param name="walltime">Seconds since the Unix epoch; the current time by default.</param>
    /// <param name="dataFormats">The layout of <paramref name="image"/>: "CHW" (default), "HWC" or "HW".</param>
    public void AddImage(string tag, Tensor image, long? globalStep = null, double? walltime = null, string dataFormats = "CHW")
    {
        ArgumentNullException.ThrowIfNull(tag);
        var (png, h, w, c) = ImageSummary.Encode(image, dataFormats, tag);
        Write(_main, Summaries.Image(tag, h, w, c, png), globalStep, walltime);
    }

    /// <summary>
    /// Logs an already encoded PNG (what <c>add_figure</c> logs once matplotlib has rendered the figure): the figure
    /// helpers of StaticNet.Tuning.Visualization render a ScottPlot plot and come here, so the runtime needs no renderer.
    /// </summary>
    internal void AddEncodedImage(string tag, byte[] png, int height, int width, int channels, long? globalStep, double? walltime)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(png);
        Write(_main, Summaries.Image(tag, height, width, channels, png), globalStep, walltime);
    }

    /// <summary>
    /// Logs text (<c>add_text</c>; Markdown is rendered) under <c>&lt;tag&gt;/text_summary</c>, as a string tensor for
    /// the text plugin.
    /// </summary>
    public void AddText(string tag, string text, long? globalStep = null, double? walltime = null)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(text);
        Write(_main, Summaries.Text(tag, text), globalStep, walltime);
    }

    /// <summary>
    /// Logs the distribution of <paramref name="values"/> (<c>add_histogram</c>) over PyTorch's default
    /// "tensorflow" bin edges (±1e-12·1.1^k up to 1e20, and 0); non-finite values are rejected.
    /// </summary>
    public void AddHistogram(string tag, Tensor values, long? globalStep = null, double? walltime = null)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(values);
        if (values.DType == DType.Bool) values = values.To(DType.UInt8);
        var data = values.Detach().To(DType.Float64).Contiguous().ContiguousSpan<double>();
        Write(_main, Summaries.Histogram(tag, Histogram.Make(data, Histogram.DefaultEdges, tag)), globalStep, walltime);
    }

    /// <summary>
    /// Logs a precision-recall curve (<c>add_pr_curve</c>) for the PR Curves tab: predictions in [0, 1] are cut at
    /// <paramref name="numThresholds"/> evenly spaced thresholds (at most 127) and each threshold's true/false positive
    /// and negative counts, precision and recall are stored, as PyTorch computes them.
    /// </summary>
    /// <param name="tag">The curve's name.</param>
    /// <param name="labels">Ground truth, 1 (or true) for positives and 0 for negatives, any shape.</param>
    /// <param name="predictions">The probability of each element being positive, the same number of elements.</param>
    /// <param name="globalStep">The step.</param>
    /// <param name="numThresholds">How many thresholds (PyTorch's default 127, also the maximum).</param>
    /// <param name="weights">Optional per-element weights, the same number of elements.</param>
    /// <param name="walltime">Seconds since the Unix epoch; the current time by default.</param>
    public void AddPrCurve(string tag, Tensor labels, Tensor predictions, long? globalStep = null, int numThresholds = 127, Tensor? weights = null, double? walltime = null)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        if (numThresholds < 2)
            throw new ArgumentOutOfRangeException(nameof(numThresholds), numThresholds, $"SummaryWriter.AddPrCurve('{tag}'): numThresholds must be at least 2.");
        if (labels.Numel != predictions.Numel)
            throw new ArgumentException($"SummaryWriter.AddPrCurve('{tag}'): labels {labels.Shape} and predictions {predictions.Shape} must have as many elements.");
        if (weights is not null && weights.Numel != predictions.Numel)
            throw new ArgumentException($"SummaryWriter.AddPrCurve('{tag}'): weights {weights.Shape} and predictions {predictions.Shape} must have as many elements.");
        var summary = PrCurve.Make(tag, AsDoubles(labels), AsDoubles(predictions), weights is null ? [] : AsDoubles(weights), numThresholds);
        Write(_main, summary, globalStep, walltime);
    }

    private static ReadOnlySpan<double> AsDoubles(Tensor t) =>
        (t.DType == DType.Bool ? t.To(DType.UInt8) : t).Detach().To(DType.Float64).Contiguous().ContiguousSpan<double>();

    /// <summary>
    /// Logs points for the Projector tab (<c>add_embedding</c>, without <c>label_img</c>): the rows of
    /// <paramref name="mat"/> go to <c>&lt;logDir&gt;/&lt;step:05&gt;/&lt;tag&gt;/tensors.tsv</c>, the labels to
    /// <c>metadata.tsv</c> beside it, and the run's <c>projector_config.pbtxt</c> lists every embedding logged so far.
    /// </summary>
    /// <param name="mat">[N, D]: one row per point.</param>
    /// <param name="metadata">One label per row, or null.</param>
    /// <param name="globalStep">The step (none reads as 0); each step and tag gets its own folder.</param>
    /// <param name="tag">The embedding's name ('/' is written as %2f in the folder name).</param>
    public void AddEmbedding(Tensor mat, IReadOnlyList<string>? metadata = null, long? globalStep = null, string tag = "default")
    {
        ArgumentNullException.ThrowIfNull(mat);
        ArgumentNullException.ThrowIfNull(tag);
        ObjectDisposedException.ThrowIf(_closed, this);
        _projector.Add(mat, metadata, globalStep ?? 0, tag);
    }

    /// <summary>
    /// Logs the model's graph for TensorBoard's Graphs tab (<c>add_graph</c>): an event holding a <c>GraphDef</c> with one
    /// node per op, scoped by module (<c>LeNet/Conv2d[conv1]</c>) and annotated with output shapes. Declared models are
    /// drawn from the graph the compiler traced; Sequentials child by child. The model is walked in evaluation mode and
    /// left in its own modes.
    /// </summary>
    /// <param name="model">A declared model, a Sequential, or any module (drawn as one node).</param>
    /// <param name="inputToModel">An input of the model (only its shape is used); a declared model's is optional (its
    /// declared input with a batch of one), other modules need it.</param>
    public void AddGraph(Module model, Tensor? inputToModel = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        long[] shape = inputToModel is not null ? inputToModel.Shape.ToArray()
            : model is IDeclaredModel declared ? declared.ForwardGraph.Values[0].At(1)
            : throw new ArgumentException(
                $"SummaryWriter.AddGraph: {model.TypeName} is not a declared [Model], so its input shape is unknown: pass inputToModel (as add_graph(model, input_to_model)).",
                nameof(inputToModel));
        var graph = ModelGraph.Build(model, shape);
        ObjectDisposedException.ThrowIf(_closed, this);
        _main.Add(new Event { WallTime = UnixTimeNow(), GraphDef = graph.ToByteString() });
    }

    /// <summary>
    /// Logs one trial's hyperparameters and metrics for the HParams tab (<c>add_hparams</c>): a new run folder
    /// <c>&lt;logDir&gt;/&lt;runName&gt;</c> gets the plugin's experiment, session-start and session-end summaries,
    /// then each metric as a scalar.
    /// </summary>
    /// <param name="hparams">Names to numbers, strings, booleans or one-element tensors; null values are skipped.</param>
    /// <param name="metrics">Metric tags to values.</param>
    /// <param name="runName">The run folder's name; by default the current Unix time, as PyTorch's <c>str(time.time())</c>.</param>
    public void AddHparams(IReadOnlyDictionary<string, object?> hparams, IReadOnlyDictionary<string, double> metrics, string? runName = null)
    {
        ArgumentNullException.ThrowIfNull(hparams);
        ArgumentNullException.ThrowIfNull(metrics);
        ObjectDisposedException.ThrowIf(_closed, this);
        var summaries = HParams.Summaries(hparams, metrics);
        if (string.IsNullOrEmpty(runName)) runName = UnixTimeNow().ToString("R", CultureInfo.InvariantCulture);
        using var run = new SummaryWriter(Path.Combine(LogDir, runName), flushSecs: _flushSecs);
        foreach (var summary in summaries) Write(run._main, summary, null, null);
        foreach (var (tag, value) in metrics) run.AddScalar(tag, value);
    }

    /// <summary>Pushes every buffered event of this writer and its sub-runs to disk.</summary>
    public void Flush()
    {
        foreach (var writer in Writers()) writer.Flush();
    }

    /// <summary>Flushes and closes every event file; later calls do nothing.</summary>
    public void Close()
    {
        EventFileWriter[] writers;
        lock (_gate)
        {
            if (_closed) return;
            writers = Writers();
            _closed = true;
        }
        foreach (var writer in writers) writer.Dispose();
    }

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Dispose() => Close();

    private EventFileWriter[] Writers()
    {
        lock (_gate) return [_main, .. _subRuns.Values];
    }

    private void Write(EventFileWriter writer, Summary summary, long? step, double? walltime)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        // A missing step stays 0, proto3's default, so it is off the wire as in PyTorch's events.
        writer.Add(new Event { WallTime = walltime ?? UnixTimeNow(), Step = step ?? 0, Summary = summary });
    }

    /// <summary>PyTorch's default run folder: <c>runs/&lt;%b%d_%H-%M-%S&gt;_&lt;host&gt;&lt;comment&gt;</c>, e.g. <c>runs/May04_22-14-54_host</c>.</summary>
    internal static string DefaultLogDir(DateTime now, string host, string comment) =>
        Path.Combine("runs", now.ToString("MMMdd_HH-mm-ss", CultureInfo.InvariantCulture) + "_" + host + comment);

    /// <summary>The full host name (Python's <c>socket.gethostname()</c>; Environment.MachineName cuts it at the first dot on Unix).</summary>
    internal static string HostName()
    {
        try { return System.Net.Dns.GetHostName(); }
        catch (System.Net.Sockets.SocketException) { return Environment.MachineName; }
    }

    /// <summary>Seconds since the Unix epoch (Python's <c>time.time()</c>).</summary>
    internal static double UnixTimeNow() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;
}
