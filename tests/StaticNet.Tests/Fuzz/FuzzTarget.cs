namespace StaticNet.Tests.Fuzz;

/// <summary>One corpus file of a parser: its bytes and which entry point reads it (e.g. "checkpoint", "rank3").</summary>
internal sealed record CorpusFile(byte[] Bytes, string Kind);

/// <summary>
/// A parser under fuzzing: valid files to mutate, where the input goes (<paramref name="RelativePath"/> under the
/// work folder, for loaders that find their files by name), how to parse it, and how many bytes it may allocate
/// per input byte (a format that decompresses may need up to deflate's 1032:1; a raw one far less).
/// </summary>
internal sealed record FuzzTarget(
    string Name,
    string RelativePath,
    IReadOnlyList<CorpusFile> Corpus,
    Action<string, string, string> Parse,
    long BytesPerInputByte)
{
    /// <summary>The most a parse of <paramref name="inputLength"/> bytes may allocate: proportional, plus a fixed 32 MiB of
    /// buffers and tables (zip directories, decoder state, the test's own bookkeeping).</summary>
    public long AllocationLimit(long inputLength) => BytesPerInputByte * inputLength + (32L << 20);
}
