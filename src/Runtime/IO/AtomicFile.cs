namespace StaticNet.IO;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new one, never a half-written file:
/// the bytes go to a temporary file in the same directory (a rename is only atomic within one file system), which is
/// flushed to the disk and then renamed over the target.
/// </summary>
internal static class AtomicFile
{
    // Tests wrap the stream to make a save fail halfway. AsyncLocal keeps the hook to the test that set it, so tests
    // running in parallel (xunit runs classes concurrently) never see each other's hooks.
    private static readonly AsyncLocal<Func<Stream, Stream>?> s_wrapForTests = new();

    /// <summary>Wraps the stream every save on this async flow writes to (tests only); null removes the wrapper.</summary>
    internal static Func<Stream, Stream>? WrapStreamForTests
    {
        get => s_wrapForTests.Value;
        set => s_wrapForTests.Value = value;
    }

    /// <summary>Runs <paramref name="write"/> on a temporary file and moves it over <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Torch.Save: cannot write '{path}': the directory '{directory}' does not exist.");
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var wrapped = WrapStreamForTests?.Invoke(file) ?? file;
                write(wrapped);
                wrapped.Flush();
                // Flush(true) asks the OS to put the bytes on the disk before the rename makes them visible, so a power
                // loss cannot leave the target renamed but empty.
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string temp)
    {
        try { File.Delete(temp); }
        catch (IOException) { } // the original exception matters more than a leftover temporary file
        catch (UnauthorizedAccessException) { }
    }
}
