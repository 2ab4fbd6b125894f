using System.Buffers.Binary;
using System.Numerics;

namespace StaticNet.Tensorboard;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of TFRecord framing, and TensorFlow's masking of it.
/// </summary>
/// <remarks>
/// <see cref="BitOperations.Crc32C(uint, ulong)"/> is the bare CRC step (SSE4.2 / ARM CRC32 instructions, with a
/// software fallback); the standard CRC-32C adds the initial all-ones register and the final inversion around it.
/// </remarks>
internal static class Crc32C
{
    /// <summary>TensorFlow's mask delta (<c>kMaskDelta</c> in <c>tensorflow/core/lib/hash/crc32c.h</c>).</summary>
    private const uint MaskDelta = 0xa282ead8u;

    /// <summary>The CRC-32C of <paramref name="data"/> (CRC32C("123456789") = 0xE3069283).</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (byte b in data) crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }

    /// <summary>
    /// Masks a CRC so that a CRC stored inside checksummed data does not checksum to a trivial value:
    /// a 15-bit rotation right plus a constant.
    /// </summary>
    public static uint Mask(uint crc) => ((crc >> 15) | (crc << 17)) + MaskDelta;

    /// <summary>The masked CRC-32C of <paramref name="data"/>, as a TFRecord stores it.</summary>
    public static uint Masked(ReadOnlySpan<byte> data) => Mask(Compute(data));
}
