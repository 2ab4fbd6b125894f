using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace StaticNet.Training;

/// <summary>
/// A progress bar for a loop of known length (tqdm's layout): items done out of the total, rate, elapsed time, ETA
/// and the running loss. On an interactive terminal it redraws one line with <c>'\r'</c>; when the output is
/// redirected (a file, a pipe, a CI log) it writes plain lines instead, so logs stay readable.
/// </summary>
/// <remarks>
/// <para>
/// Terminal line: <c>Epoch 1:  43%|█████████▍            | 404/938 [00:02&lt;00:03, 171.2 batch/s, loss=0.5123]</c>,
/// redrawn at most every 0.1 s and always when the last item completes. Plain line:
/// <c>Epoch 1: 404/938 batches (43%), 171.2 batch/s, ETA 00:03, loss 0.5123</c>, written whenever another tenth of
/// the total is done or <c>logInterval</c> has passed since the last line, and a final line with the elapsed time.
/// </para>
/// <para>
/// The percentage is rounded down, so 100% means done. The rate is the average since construction (items / elapsed
/// time) and the ETA is the remaining items at that rate. The running loss is the plain mean of every value given to
/// <see cref="ReportLoss"/> (the epoch's mean loss so far, as PyTorch tutorials print), not a moving average.
/// </para>
/// </remarks>
public sealed class ProgressBar : IDisposable
{
    private const string Blocks = " ▏▎▍▌▋▊▉█";
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromSeconds(0.1);

    private readonly TextWriter _out;
    private readonly Func<TimeSpan> _clock;
    private readonly TimeSpan _start, _logInterval;
    private readonly int _barWidth;
    private double _lossSum;
    private int _lossCount, _lastPrinted, _lastWidth;
    private TimeSpan _lastPrintTime;
    private bool _closed;

    /// <summary>Starts a bar (and its clock) at 0 of <paramref name="total"/>.</summary>
    /// <param name="total">The number of items (e.g. <c>loader.Count</c> batches).</param>
    /// <param name="description">A prefix such as <c>"Epoch 1"</c>.</param>
    /// <param name="output">Where to write; <see cref="Console.Out"/> by default.</param>
    /// <param name="interactive">Redraw one line (true) or write plain lines (false); by default true only when
    /// writing to the console, the console is not redirected, <c>TERM</c> is not <c>dumb</c> and <c>CI</c> is unset.</param>
    /// <param name="clock">The time since any fixed origin (for tests); a <see cref="Stopwatch"/> by default.</param>
    /// <param name="barWidth">Cells in the bar itself.</param>
    /// <param name="unit">The name of one item, used in the rate (<c>batch/s</c>) and in plain lines.</param>
    /// <param name="logInterval">In plain-line mode, the longest wait between lines (default 30 s).</param>
    public ProgressBar(int total, string? description = null, TextWriter? output = null, bool? interactive = null,
        Func<TimeSpan>? clock = null, int barWidth = 30, string unit = "batch", TimeSpan? logInterval = null)
    {
        if (total < 0) throw new ArgumentOutOfRangeException(nameof(total), total, "ProgressBar: total must be >= 0.");
        if (barWidth < 1) throw new ArgumentOutOfRangeException(nameof(barWidth), barWidth, "ProgressBar: barWidth must be >= 1.");
        ArgumentException.ThrowIfNullOrEmpty(unit);
        Total = total;
        Description = description;
        Unit = unit;
        _out = output ?? Console.Out;
        Interactive = interactive ?? (output is null || ReferenceEquals(output, Console.Out)) && IsInteractiveConsole();
        _clock = clock ?? StopwatchClock();
        _barWidth = barWidth;
        _logInterval = logInterval ?? TimeSpan.FromSeconds(30);
        _start = _lastPrintTime = _clock();
        if (Interactive) Draw(_start);
    }

    /// <summary>The number of items in the loop.</summary>
    public int Total { get; }

    /// <summary>The number of items done.</summary>
    public int Completed { get; private set; }

    /// <summary>The prefix of every line.</summary>
    public string? Description { get; }

    /// <summary>The name of one item (<c>"batch"</c>).</summary>
    public string Unit { get; }

    /// <summary>Whether the bar redraws one terminal line (else it writes plain periodic lines).</summary>
    public bool Interactive { get; }

    /// <summary>The mean of the losses reported so far, or null before the first.</summary>
    public double? RunningLoss => _lossCount == 0 ? null : _lossSum / _lossCount;

    /// <summary>The time since the bar was created.</summary>
    public TimeSpan Elapsed => _clock() - _start;

    /// <summary>Adds a loss value to the running mean shown on the next line.</summary>
    public void ReportLoss(double loss)
    {
        _lossSum += loss;
        _lossCount++;
    }

    /// <summary>Marks <paramref name="count"/> more items done and prints if it is time to.</summary>
    /// <exception cref="InvalidOperationException">The bar is closed, or this would pass the total.</exception>
    public void Advance(int count = 1)
    {
        if (_closed) throw new InvalidOperationException($"ProgressBar '{Description}': Advance after Close.");
        if (count < 0 || Completed + count > Total)
            throw new InvalidOperationException($"ProgressBar '{Description}': cannot advance by {count} from {Completed}/{Total}; the total would be passed.");
        Completed += count;
        TimeSpan now = _clock();
        if (Interactive)
        {
            if (Completed == Total || now - _lastPrintTime >= RedrawInterval) Draw(now);
        }
        else if (Completed == Total || Completed * 10L / Math.Max(Total, 1) > _lastPrinted * 10L / Math.Max(Total, 1)
                 || now - _lastPrintTime >= _logInterval)
        {
            WritePlain(now);
        }
    }

    /// <summary>Finishes the output: redraws the last state and ends the line, or writes the final plain line if the
    /// loop stopped early. Further calls do nothing.</summary>
    public void Close()
    {
        if (_closed) return;
        _closed = true;
        TimeSpan now = _clock();
        if (Interactive)
        {
            Draw(now);
            _out.WriteLine();
        }
        else if (_lastPrinted != Completed || Completed == 0)
        {
            WritePlain(now);
        }
        _out.Flush();
    }

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Dispose() => Close();

    /// <summary>The terminal line for the current state (without <c>'\r'</c>).</summary>
    public override string ToString() => FormatLine(_clock() - _start);

    private void Draw(TimeSpan now)
    {
        string line = FormatLine(now - _start);
        // Pad over the tail of a longer previous line (the postfix can shrink).
        _out.Write("\r" + line.PadRight(_lastWidth));
        _out.Flush();
        _lastWidth = line.Length;
        _lastPrintTime = now;
    }

    private void WritePlain(TimeSpan now)
    {
        TimeSpan elapsed = now - _start;
        double? rate = Rate(elapsed);
        var line = new StringBuilder();
        if (!string.IsNullOrEmpty(Description)) line.Append(Description).Append(": ");
        line.Append(Inv($"{Completed}/{Total} {Plural(Unit)} ({Percent()}%), {FormatRate(rate)}, "));
        line.Append(Completed == Total ? $"{FormatTime(elapsed)} elapsed" : $"ETA {FormatEta(rate)}");
        if (RunningLoss is double loss) line.Append(Inv($", loss {loss:G4}"));
        _out.WriteLine(line.ToString());
        _out.Flush();
        _lastPrinted = Completed;
        _lastPrintTime = now;
    }

    private string FormatLine(TimeSpan elapsed)
    {
        double? rate = Rate(elapsed);
        var line = new StringBuilder();
        if (!string.IsNullOrEmpty(Description)) line.Append(Description).Append(": ");
        line.Append(Inv($"{Percent(),3}%|")).Append(FormatBar()).Append('|');
        string total = Total.ToString(CultureInfo.InvariantCulture);
        line.Append(' ').Append(Completed.ToString(CultureInfo.InvariantCulture).PadLeft(total.Length)).Append('/').Append(total);
        line.Append(Inv($" [{FormatTime(elapsed)}<{FormatEta(rate)}, {FormatRate(rate)}"));
        if (RunningLoss is double loss) line.Append(Inv($", loss={loss:G4}"));
        return line.Append(']').ToString();
    }

    /// <summary>Full blocks, then one eighth-block for the fraction of the next cell, then spaces.</summary>
    private string FormatBar()
    {
        long eighths = Total == 0 ? _barWidth * 8L : Completed * 8L * _barWidth / Total;
        int full = (int)(eighths / 8), part = (int)(eighths % 8);
        var bar = new string(Blocks[8], full);
        if (full < _barWidth) bar += (part > 0 ? Blocks[part].ToString() : " ") + new string(' ', _barWidth - full - 1);
        return bar;
    }

    private int Percent() => Total == 0 ? 100 : (int)(Completed * 100L / Total);

    private double? Rate(TimeSpan elapsed) => Completed == 0 || elapsed <= TimeSpan.Zero ? null : Completed / elapsed.TotalSeconds;

    private string FormatRate(double? rate) => rate switch
    {
        null => $"? {Unit}/s",
        >= 1 => Inv($"{rate:F1} {Unit}/s"),
        _ => Inv($"{1 / rate:F2} s/{Unit}"),
    };

    private string FormatEta(double? rate) => rate is double r ? FormatTime(TimeSpan.FromSeconds((Total - Completed) / r)) : "?";

    /// <summary>mm:ss, or h:mm:ss from one hour on (tqdm's format), in whole seconds rounded down.</summary>
    internal static string FormatTime(TimeSpan t)
    {
        long s = (long)Math.Floor(t.TotalSeconds);
        return s >= 3600 ? Inv($"{s / 3600}:{s / 60 % 60:D2}:{s % 60:D2}") : Inv($"{s / 60:D2}:{s % 60:D2}");
    }

    private static string Plural(string unit) =>
        unit.EndsWith("ch", StringComparison.Ordinal) || unit.EndsWith("sh", StringComparison.Ordinal)
        || unit.EndsWith('s') || unit.EndsWith('x') ? unit + "es" : unit + "s";

    private static Func<TimeSpan> StopwatchClock()
    {
        var watch = Stopwatch.StartNew();
        return () => watch.Elapsed;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static bool IsInteractiveConsole() =>
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);
}
