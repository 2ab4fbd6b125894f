using StaticNet.Vision;

namespace StaticNet.Tests.Fuzz;

/// <summary>
/// Every input the fuzzer found that broke the contract (tests/StaticNet.Tests/Fuzz/Findings), replayed: each now
/// fails with the parser's own error naming the file, and allocates no more than its size justifies.
/// </summary>
public class FuzzFindingTests
{
    private static string Finding(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "StaticNet.Tests", "Fuzz", "Findings", name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"fuzz finding '{name}' not found above {AppContext.BaseDirectory}");
    }

    /// <summary>Runs <paramref name="parse"/> on a copy of the finding named as the parser needs and returns its error.</summary>
    private static Exception Replay(string finding, string target, string kind)
    {
        var t = ParserTargets.Get(target);
        using var dir = new IO.TempFolder();
        string path = Path.Combine(dir.Path, t.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = File.ReadAllBytes(Finding(finding));
        File.WriteAllBytes(path, bytes);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Record.Exception(() => t.Parse(dir.Path, path, kind));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= t.AllocationLimit(bytes.Length), $"{allocated} bytes allocated for {bytes.Length} bytes of {finding}: {e}");
        Assert.NotNull(e);
        Assert.True(e is InvalidDataException or DataFormatException, e.ToString());
        Assert.Contains(Path.GetFileName(path), e.Message);
        return e;
    }

    [Fact]
    public void ACorruptDeflateStreamInAGzippedIdxFileIsADataFormatError() =>
        Assert.IsType<DataFormatException>(Replay("idx-corrupt-deflate.gz", "idx", "images"));

    [Fact]
    public void APngChunkLongerThanTheFileIsRejectedBeforeTheDecoderAllocatesForIt() =>
        Assert.Contains("the PNG chunk", Replay("png-idat-length-past-end.png", "image", "rgb.png").Message);

    [Fact]
    public void AJpegWithoutAFrameHeaderIsRejectedInsteadOfHangingTheDecoder()
    {
        var e = Replay("image-hang.img", "image", "rgb.jpg");
        Assert.True(e.Message.Contains("is not a readable PNG or JPEG image: the JPEG", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void FillBytesBeforeAJpegStartOfImageAreRejectedInsteadOfHangingTheDecoder()
    {
        var e = Replay("jpeg-fill-bytes-before-soi-hang.img", "image", "rgb.jpg");
        Assert.True(e.Message.Contains("nor a JPEG start of image (FF D8)", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void AZipRecordClaimingMoreBytesThanTheFileHoldsIsRejectedBeforeAllocation() =>
        Assert.Contains("claims", Replay("pth-record-length-past-file.pth", "pth", "state").Message);
}
