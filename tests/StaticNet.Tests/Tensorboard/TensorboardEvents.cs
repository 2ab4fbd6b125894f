using StaticNet.Tensorboard.Format;

namespace StaticNet.Tests.Tensorboard;

/// <summary>
/// Reads an event file back with TensorBoard's own message definitions: the records checked by the independent
/// framing reader (<see cref="EventFileReader"/>), each parsed by the <c>Event.Parser</c> generated from event.proto.
/// </summary>
internal static class TensorboardEvents
{
    /// <summary>The events of the one event file in <paramref name="folder"/>.</summary>
    public static List<Event> Read(string folder)
    {
        var files = Directory.GetFiles(folder, "events.out.tfevents.*");
        Assert.Single(files);
        return EventFileReader.ReadRecords(files[0]).Select(r => Event.Parser.ParseFrom(r)).ToList();
    }

    /// <summary>The one value of an event's summary.</summary>
    public static Summary.Types.Value Value(Event ev)
    {
        Assert.Equal(Event.WhatOneofCase.Summary, ev.WhatCase);
        return Assert.Single(ev.Summary.Value);
    }
}
