using StaticNet.IO;

namespace StaticNet.Tests.IO;

/// <summary>A save that fails halfway leaves the previous file as it was.</summary>
public class AtomicWriteTests
{
    /// <summary>A stream that throws once more than <c>limit</c> bytes have been written: a crash mid-save.</summary>
    private sealed class FailingStream(Stream inner, long limit) : Stream
    {
        private long _written;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_written + buffer.Length > limit)
            {
                inner.Write(buffer[..(int)(limit - _written)]);
                throw new IOException("disk unplugged");
            }
            inner.Write(buffer);
            _written += buffer.Length;
        }
    }

    [Theory]
    [InlineData(".pth")]
    [InlineData(".safetensors")]
    public void ASaveThatFailsHalfwayKeepsTheOldFileLoadableAndLeavesNoTemporaryFile(string extension)
    {
        using var dir = new TempFolder();
        var path = dir.File("model" + extension);
        var old = new StateDict { ["w"] = Torch.Full([100], 1.5) };
        Torch.Save(old, path);
        var oldBytes = File.ReadAllBytes(path);

        AtomicFile.WrapStreamForTests = s => new FailingStream(s, limit: 300);
        try
        {
            var e = Assert.Throws<IOException>(() => Torch.Save(new StateDict { ["w"] = Torch.Full([100], 2.5) }, path));
            Assert.Equal("disk unplugged", e.Message);
        }
        finally
        {
            AtomicFile.WrapStreamForTests = null;
        }

        Assert.Equal(oldBytes, File.ReadAllBytes(path));
        SampleTensors.AssertEqual(old, Torch.Load(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void ASuccessfulSaveReplacesTheOldFile()
    {
        using var dir = new TempFolder();
        var path = dir.File("w.pth");
        Torch.Save(new StateDict { ["w"] = Torch.Ones([2]) }, path);
        Torch.Save(new StateDict { ["v"] = Torch.Zeros([3]) }, path);
        Assert.Equal(["v"], Torch.Load(path).Keys);
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void SavingIntoAMissingDirectoryNamesIt()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => Torch.Save(new StateDict(), "/nonexistent-dir/w.pth"));
        Assert.Contains("'/nonexistent-dir'", e.Message);
    }
}
