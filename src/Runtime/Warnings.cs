namespace StaticNet;

/// <summary>
/// The channel for PyTorch-style warnings (<c>warnings.warn</c>): misuse that is legal but probably a mistake,
/// such as reading <c>Grad</c> of a non-leaf tensor. Nothing is printed to the console: subscribe to
/// <see cref="Raised"/>, or read the trace output (<see cref="System.Diagnostics.Trace"/>), where each distinct
/// message is written once per process.
/// </summary>
public static class Warnings
{
    private static readonly HashSet<string> Seen = [];

    /// <summary>Raised for every warning, with its message.</summary>
    public static event Action<string>? Raised;

    internal static void Warn(string message)
    {
        Raised?.Invoke(message);
        bool first;
        lock (Seen) first = Seen.Add(message);
        if (first) System.Diagnostics.Trace.TraceWarning("StaticNet: " + message);
    }
}
