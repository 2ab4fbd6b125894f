using System.Text.Json;

namespace StaticNet.IO;

/// <summary>
/// The boundary every file reader keeps: whatever the bytes, the caller sees a loaded value or an error that names
/// the file. The libraries under the readers (zip, gzip, System.Text.Json, the image decoder) report corrupt input
/// with their own exception types and messages that name no file; <see cref="NeedsFileName"/> picks those out so the
/// reader can rethrow them as its own format error, with the library's exception as the inner one.
/// </summary>
internal static class CorruptInput
{
    /// <summary>
    /// True for an exception that corrupt bytes cause inside a reader and that the reader must rethrow as its own
    /// format error: another type than the reader's (the libraries' JsonException, EndOfStreamException,
    /// OverflowException, ...), or an <see cref="InvalidDataException"/> whose message does not name
    /// <paramref name="path"/> (ZipArchive's, GZipStream's). Programming errors (NullReferenceException,
    /// IndexOutOfRangeException) are not matched: they are bugs to fix where they happen, and the fuzz tests find them.
    /// </summary>
    public static bool MustBeRethrown(Exception e, string path) => e switch
    {
        Vision.DataFormatException => false,
        InvalidDataException => !e.Message.Contains(path, StringComparison.Ordinal),
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException => false,
        EndOfStreamException or JsonException or InvalidOperationException or OverflowException or FormatException
            or ArgumentException or NotSupportedException => true,
        _ => false,
    };
}
