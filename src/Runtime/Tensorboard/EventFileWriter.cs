using System.Globalization;
using Google.Protobuf;
using StaticNet.Tensorboard.Format;

namespace StaticNet.Tensorboard;

/// <summary>
/// One event file in one run folder (TensorBoard's <c>EventFileWriter</c>): creates the folder and
/// <c>events.out.tfevents.&lt;time&gt;.&lt;host&gt;.&lt;pid&gt;.&lt;uid&gt;</c>, writes the <c>brain.Event:2</c> event first,
/// then appends one TFRecord per event.
/// </summary>
/// <remarks>
/// Records are appended through a buffered stream and reach the file on <see cref="Flush"/>, when
/// <c>flushSecs</c> (a timer, so that a quiet writer still lands its last events, as TensorBoard's flushing thread
/// does), and on <see cref="Dispose"/>. Thread-safe.
/// </remarks>
internal sealed class EventFileWriter : IDisposable
{
    private static int s_uid = -1; // TensorBoard's _global_uid counts from 0 within a process
    private readonly object _gate = new();
    private readonly FileStream _stream;
    private readonly Timer? _timer;
    private readonly bool _flushOnEveryEvent;
    private bool _closed;

    public EventFileWriter(string logDir, int flushSecs)
    {
        LogDir = logDir;
        Directory.CreateDirectory(logDir);
        double now = SummaryWriter.UnixTimeNow();
        string name = string.Format(CultureInfo.InvariantCulture, "events.out.tfevents.{0:D10}.{1}.{2}.{3}",
            (long)now, SummaryWriter.HostName(), Environment.ProcessId, Interlocked.Increment(ref s_uid));
        FilePath = Path.Combine(logDir, name);
        _stream = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16);
        // The version event goes out at once, as TensorBoard's writer does, so a reader sees a valid file early.
        RecordWriter.Write(_stream, new Event { WallTime = now, FileVersion = Summaries.FileVersion }.ToByteArray());
        _stream.Flush();
        _flushOnEveryEvent = flushSecs <= 0;
        if (!_flushOnEveryEvent)
            _timer = new Timer(static state => ((EventFileWriter)state!).Flush(), this,
                TimeSpan.FromSeconds(flushSecs), TimeSpan.FromSeconds(flushSecs));
    }

    /// <summary>The run folder.</summary>
    public string LogDir { get; }

    /// <summary>The event file's full path.</summary>
    public string FilePath { get; }

    /// <summary>Appends one <c>Event</c>.</summary>
    public void Add(Event ev)
    {
        byte[] serializedEvent = ev.ToByteArray();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            RecordWriter.Write(_stream, serializedEvent);
            if (_flushOnEveryEvent) _stream.Flush();
        }
    }

    /// <summary>Pushes buffered records to the file.</summary>
    public void Flush()
    {
        lock (_gate) if (!_closed) _stream.Flush();
    }

    /// <summary>Flushes and closes the file; later calls do nothing.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            _timer?.Dispose();
            _stream.Flush(flushToDisk: true);
            _stream.Dispose();
        }
    }
}
