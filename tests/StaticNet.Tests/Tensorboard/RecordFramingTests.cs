using System.Text;
using StaticNet.Tensorboard;

namespace StaticNet.Tests.Tensorboard;

public class RecordFramingTests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("123456789", 0xE3069283u)]
    public void Crc32CMatchesTheStandardCheckValues(string text, uint expected)
    {
        Assert.Equal(expected, Crc32C.Compute(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(expected, EventFileReader.ReferenceCrc32C(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Crc32CMatchesTheRfc3720TestVectors()
    {
        // RFC 3720 appendix B.4: 32 zero bytes, 32 0xFF bytes, bytes 0..31.
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
    }

    [Fact]
    public void CrcOfLongUnalignedInputMatchesTheBitwiseReference()
    {
        var data = Enumerable.Range(0, 1037).Select(i => (byte)(i * 31 + 7)).ToArray();
        Assert.Equal(EventFileReader.ReferenceCrc32C(data), Crc32C.Compute(data));
        Assert.Equal(EventFileReader.ReferenceCrc32C(data.AsSpan(3)), Crc32C.Compute(data.AsSpan(3)));
    }

    [Fact]
    public void MaskRotatesRightBy15AndAddsTheDelta()
    {
        // ((0xE3069283 >> 15) | (0xE3069283 << 17)) + 0xa282ead8 mod 2^32, worked out by hand (and in Python).
        Assert.Equal(0xC78AB0E5u, Crc32C.Mask(0xE3069283u));
        Assert.Equal(0xA282EAD8u, Crc32C.Mask(0));
    }

    [Fact]
    public void RecordIsLengthMaskedCrcDataMaskedCrcByteForByte()
    {
        using var stream = new MemoryStream();
        RecordWriter.Write(stream, "hello"u8);
        byte[] expected =
        [
            0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // length 5, uint64 LE
            0xEA, 0xB2, 0x04, 0x3E,                         // masked CRC-32C of the 8 length bytes
            0x68, 0x65, 0x6C, 0x6C, 0x6F,                   // "hello"
            0xBB, 0x1F, 0x1C, 0x19,                         // masked CRC-32C of "hello"
        ];
        Assert.Equal(expected, stream.ToArray());
    }

    [Fact]
    public void DefaultLogDirIsFormattedAsPyTorchDoes()
    {
        // datetime(2026, 5, 4, 22, 14, 54).strftime("%b%d_%H-%M-%S") == "May04_22-14-54"
        string dir = SummaryWriter.DefaultLogDir(new DateTime(2026, 5, 4, 22, 14, 54), "box.local", "LR_0.1");
        Assert.Equal(Path.Combine("runs", "May04_22-14-54_box.localLR_0.1"), dir);
        Assert.Equal(Path.Combine("runs", "Jan09_03-05-07_h"), SummaryWriter.DefaultLogDir(new DateTime(2026, 1, 9, 3, 5, 7), "h", ""));
    }
}
