using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNet;

/// <summary>The memory behind one or more tensors (a base tensor and all its views share one storage).</summary>
/// <remarks>
/// On the CPU a storage wraps a managed array, so <see cref="Torch.FromArray"/> can share a user's
/// <c>float[]</c> or <c>double[,]</c> without copying. Storages also carry the version counter that autograd
/// uses to detect in-place changes to a tensor saved for backward (PyTorch's <c>_version</c>): every in-place
/// op on any view bumps it.
/// </remarks>
public abstract class Storage
{
    /// <summary>The element type.</summary>
    public abstract DType DType { get; }

    /// <summary>Number of elements.</summary>
    public abstract long Length { get; }

    /// <summary>Where the data lives.</summary>
    public Device Device { get; protected init; } = Device.Cpu;

    /// <summary>Incremented by every in-place write through any tensor that views this storage.</summary>
    public int Version { get; private set; }

    internal void BumpVersion() => Version++;

    /// <summary>The error of a host-memory API (a span, a pointer) asked of a storage on <paramref name="device"/>.</summary>
    internal static InvalidOperationException NotOnHost(Device device) => new(
        $"This tensor lives on '{device}': its memory cannot be read as a host span. Copy it to the CPU first (x.Cpu() or x.To(\"cpu\")).");

    internal static Storage Allocate(DType dtype, long length, bool zeroed = true) => dtype switch
    {
        DType.Float32 => Storage<float>.Allocate(length, zeroed),
        DType.Float64 => Storage<double>.Allocate(length, zeroed),
        DType.Int64 => Storage<long>.Allocate(length, zeroed),
        DType.Int32 => Storage<int>.Allocate(length, zeroed),
        DType.UInt8 => Storage<byte>.Allocate(length, zeroed),
        DType.Bool => Storage<bool>.Allocate(length, zeroed),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };
}

/// <summary>A CPU storage of elements of type <typeparamref name="T"/>.</summary>
public sealed class Storage<T> : Storage where T : unmanaged
{
    // A one-dimensional T[] (the common case: fast span access) or any other array shape shared by FromArray.
    private readonly T[]? _vector;
    private readonly Array _array;
    private readonly int _length;

    internal Storage(T[] data)
    {
        _vector = data;
        _array = data;
        _length = data.Length;
    }

    /// <summary>Wraps an array of any rank whose element type is <typeparamref name="T"/>, sharing its memory.</summary>
    internal Storage(Array data)
    {
        if (data.GetType().GetElementType() != typeof(T))
            throw new ArgumentException($"Array of {data.GetType().GetElementType()?.Name} cannot back a storage of {typeof(T).Name}.");
        _vector = data as T[];
        _array = data;
        _length = data.Length;
    }

    internal static Storage<T> Allocate(long length, bool zeroed)
    {
        if (length > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"A tensor of {length} elements is larger than the largest .NET array ({Array.MaxLength}).");
        var n = (int)length;
        // Large arrays are recycled once unreachable (HostArrayPool): fresh large-object-heap memory costs a page fault per 4 KiB.
        return new Storage<T>(HostArrayPool<T>.Rent(n, zeroed));
    }

    /// <inheritdoc/>
    public override DType DType => DTypeExtensions.Of<T>();

    /// <inheritdoc/>
    public override long Length => _length;

    /// <summary>The array this storage wraps (shared, not copied).</summary>
    public Array Array => _array;

    /// <summary>All elements, in memory order.</summary>
    public Span<T> Span
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (_vector is not null) return _vector;
            ref byte start = ref MemoryMarshal.GetArrayDataReference(_array);
            return MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref start), _length);
        }
    }
}
