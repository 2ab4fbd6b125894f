namespace StaticNet.Vision;

/// <summary>
/// A dataset file is truncated or corrupt: the message names the file, the byte offset (or line) and what was
/// expected there, e.g. <c>"'train-labels-idx1-ubyte.gz': label 12 at byte offset 8 is out of range: expected 0 to 9"</c>.
/// </summary>
public sealed class DataFormatException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/> at <paramref name="offset"/>.</summary>
    public DataFormatException(string path, long offset, string message, Exception? inner = null)
        : base($"'{path}': {message}", inner)
    {
        FilePath = path;
        Offset = offset;
    }

    /// <summary>The file that failed to parse.</summary>
    public string FilePath { get; }

    /// <summary>Where in the file the problem is: a byte offset (a line number for CSV annotation files).</summary>
    public long Offset { get; }
}
