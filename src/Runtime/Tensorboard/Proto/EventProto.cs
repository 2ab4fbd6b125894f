namespace StaticNet.Tensorboard.Proto;

/// <summary>
/// <c>tensorboard.Event</c> (tensorboard/compat/proto/event.proto): <c>wall_time = 1</c> (double),
/// <c>step = 2</c> (int64), <c>file_version = 3</c> (string, oneof what), <c>summary = 5</c> (Summary, oneof what).
/// </summary>
internal static class EventProto
{
    /// <summary>The version string of the first event of every event file.</summary>
    public const string FileVersion = "brain.Event:2";

    /// <summary>The first event of a file: its wall time and <see cref="FileVersion"/>.</summary>
    public static byte[] FileVersionEvent(double wallTime)
    {
        var w = new ProtoWriter();
        w.DoubleIfSet(1, wallTime);
        w.String(3, FileVersion);
        return w.ToArray();
    }

    /// <summary>An event carrying <paramref name="summary"/>; a missing step stays off the wire (it reads as 0).</summary>
    public static byte[] SummaryEvent(ProtoWriter summary, double wallTime, long? step)
    {
        var w = new ProtoWriter();
        w.DoubleIfSet(1, wallTime);
        if (step is long s) w.Int64IfSet(2, s);
        w.Message(5, summary);
        return w.ToArray();
    }
}
