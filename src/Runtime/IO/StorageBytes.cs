using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace StaticNet.IO;

/// <summary>The bytes behind storages and tensors, and the widening of 16-bit floats that StaticNet has no dtype for.</summary>
internal static class StorageBytes
{
    /// <summary>
    /// All bytes of a storage, in memory (little-endian) order: of its host copy when it lives on a GPU device, so that
    /// Torch.Save of a model on <c>cuda</c> writes its values (as torch.save does; the file loads onto the CPU).
    /// </summary>
    public static Span<byte> Of(Storage storage) => storage.Device.Type != DeviceType.Cpu ? Of(HostCopy(storage)) : storage switch
    {
        Storage<float> s => MemoryMarshal.AsBytes(s.Span),
        Storage<double> s => MemoryMarshal.AsBytes(s.Span),
        Storage<long> s => MemoryMarshal.AsBytes(s.Span),
        Storage<int> s => MemoryMarshal.AsBytes(s.Span),
        Storage<byte> s => s.Span,
        Storage<bool> s => MemoryMarshal.AsBytes(s.Span),
        _ => throw new NotSupportedException($"Cannot serialize a storage of dtype {storage.DType.PyTorchName()}."),
    };

    private static Storage HostCopy(Storage storage) =>
        Kernels.Backends.For(storage.Device).Download(new Tensor(storage, [storage.Length], [1], 0)).Storage;

    /// <summary>The elements of <paramref name="tensor"/> in row-major order as bytes (a copy only when it is not contiguous).</summary>
    public static ReadOnlySpan<byte> ContiguousBytes(Tensor tensor)
    {
        var t = tensor.IsContiguous ? tensor : tensor.CloneData();
        int size = t.DType.ElementSize();
        return Of(t.Storage).Slice(checked((int)(t.StorageOffset * size)), checked((int)(t.Numel * size)));
    }

    /// <summary>Reads raw little-endian bytes into a new storage of <paramref name="dtype"/>; bools are normalised to 0/1.</summary>
    public static Storage FromBytes(DType dtype, long length, Stream source)
    {
        var storage = Storage.Allocate(dtype, length, zeroed: false);
        var bytes = Of(storage);
        source.ReadExactly(bytes);
        if (dtype == DType.Bool)
            foreach (ref var b in bytes) b = b != 0 ? (byte)1 : (byte)0; // a C# bool must hold exactly 0 or 1
        return storage;
    }

    /// <summary>
    /// Reads <paramref name="length"/> IEEE half-precision (<paramref name="bfloat16"/> false) or bfloat16 values
    /// into a Float32 storage (<paramref name="bigEndian"/> for archives written on big-endian machines). Both widenings are exact: every half and every bfloat16 is a float32 value.
    /// </summary>
    public static Storage Float16ToFloat32(long length, Stream source, bool bfloat16, bool bigEndian = false)
    {
        var storage = (Storage<float>)Storage.Allocate(DType.Float32, length, zeroed: false);
        var span = storage.Span;
        var raw = new byte[checked((int)length * 2)];
        source.ReadExactly(raw);
        for (int i = 0; i < span.Length; i++)
        {
            ushort bits = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(2 * i)) : BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(2 * i));
            // bfloat16 is the upper half of a float32; a half widens through System.Half (NaN payloads and subnormals kept).
            span[i] = bfloat16 ? BitConverter.Int32BitsToSingle(bits << 16) : (float)BitConverter.UInt16BitsToHalf(bits);
        }
        return storage;
    }

    /// <summary>Reverses the byte order of every element in place (files whose <c>byteorder</c> record says <c>big</c>).</summary>
    public static void ReverseEndianness(Storage storage)
    {
        switch (storage)
        {
            case Storage<float> s: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<float, int>(s.Span), MemoryMarshal.Cast<float, int>(s.Span)); break;
            case Storage<double> s: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<double, long>(s.Span), MemoryMarshal.Cast<double, long>(s.Span)); break;
            case Storage<long> s: BinaryPrimitives.ReverseEndianness(s.Span, s.Span); break;
            case Storage<int> s: BinaryPrimitives.ReverseEndianness(s.Span, s.Span); break;
        }
    }
}
