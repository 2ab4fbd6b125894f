using System.ComponentModel;
using System.Runtime.CompilerServices;
using StaticNet.Kernels;

namespace StaticNet.Fused;

/// <summary>
/// One buffer of a generated plan's workspace (an activation, its gradient, a dropout mask, argmax indices, saved
/// statistics), on the device of the parameters it was allocated for: a managed array on the CPU, whose span the CPU
/// kernels read as before, or a storage of the device on a GPU device (<c>cuda</c>, <c>ilgpu-cpu</c>), which
/// <see cref="FusedOps"/> hands to that device's kernels as tensor views. The default value is the empty buffer (an
/// output nobody asked for). A struct, so slicing a scratch buffer allocates nothing.
/// </summary>
/// <typeparam name="T">The element type: the plan's float or double, or long for argmax indices.</typeparam>
/// <remarks>Public because generated code lives in the user's assembly; not meant to be used by hand.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct PlanBuffer<T> where T : unmanaged
{
    // Exactly one of the two is set (neither for the empty default): host memory, or a storage on a GPU device.
    private readonly T[]? _host;
    private readonly Storage? _device;
    private readonly int _offset;

    private PlanBuffer(T[]? host, Storage? device, int offset, int length)
    {
        _host = host;
        _device = device;
        _offset = offset;
        Length = length;
    }

    /// <summary>A zeroed buffer of <paramref name="length"/> elements on <paramref name="device"/>.</summary>
    /// <param name="device">The parameters' device.</param>
    /// <param name="length">Elements.</param>
    public static PlanBuffer<T> Allocate(Device device, int length)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (device.Type == DeviceType.Cpu) return new PlanBuffer<T>(new T[length], null, 0, length);
        return new PlanBuffer<T>(null, Backends.For(device).Allocate(DTypeExtensions.Of<T>(), length, zeroed: true), 0, length);
    }

    /// <summary>A host buffer over <paramref name="array"/> (shared, not copied): a CPU plan's buffer, or a test's.</summary>
    /// <param name="array">The elements.</param>
    public static PlanBuffer<T> FromArray(T[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        return new PlanBuffer<T>(array, null, 0, array.Length);
    }

    /// <summary>A host buffer over the array (see <see cref="FromArray"/>).</summary>
    /// <param name="array">The elements.</param>
    public static implicit operator PlanBuffer<T>(T[] array) => FromArray(array);

    /// <summary>Elements.</summary>
    public int Length { get; }

    /// <summary>True for the empty buffer (the default value).</summary>
    public bool IsEmpty => Length == 0;

    /// <summary>True when the buffer is host memory (a CPU plan, or the empty buffer).</summary>
    public bool IsHost
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _device is null;
    }

    /// <summary>The device the buffer lives on (the CPU for the empty buffer).</summary>
    public Device Device => _device?.Device ?? Device.Cpu;

    /// <summary>The elements as a host span; throws, naming the device, for a buffer on a GPU device.</summary>
    public Span<T> Span
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (_device is not null) throw Storage.NotOnHost(_device.Device);
            return _host is null ? default : new Span<T>(_host, _offset, Length);
        }
    }

    /// <summary><paramref name="length"/> elements from <paramref name="start"/> (a view: writes go to this buffer).</summary>
    /// <param name="start">The first element.</param>
    /// <param name="length">Elements.</param>
    public PlanBuffer<T> Slice(int start, int length)
    {
        if ((uint)start > (uint)Length || (uint)length > (uint)(Length - start))
            throw new ArgumentOutOfRangeException(nameof(length), $"PlanBuffer.Slice({start}, {length}) of a buffer of {Length} elements.");
        return new PlanBuffer<T>(_host, _device, _offset + start, length);
    }

    /// <summary>
    /// The host span of a CPU buffer, so a step with no device path yet (one written for spans) keeps running on the CPU;
    /// on a GPU device it throws naming the device, rather than reading device memory.
    /// </summary>
    /// <param name="buffer">The buffer.</param>
    public static implicit operator Span<T>(PlanBuffer<T> buffer) => buffer.Span;

    /// <summary>The host span of a CPU buffer (see the <see cref="Span{T}"/> conversion).</summary>
    /// <param name="buffer">The buffer.</param>
    public static implicit operator ReadOnlySpan<T>(PlanBuffer<T> buffer) => buffer.Span;

    /// <summary>A contiguous tensor of <paramref name="shape"/> viewing this device buffer (its elements in row-major order).</summary>
    internal Tensor View(params long[] shape)
    {
        var storage = _device ?? throw new InvalidOperationException("PlanBuffer.View: the buffer is host memory; the CPU path reads its span.");
        if (ShapeUtil.Numel(shape) != Length)
            throw new ArgumentException($"PlanBuffer.View: shape [{string.Join(", ", shape)}] does not hold the buffer's {Length} elements.", nameof(shape));
        return new Tensor(storage, shape, ShapeUtil.ContiguousStrides(shape), _offset);
    }

    /// <summary>
    /// A strided tensor viewing this device buffer: element i₀…iₖ at Σ iⱼ·strides[j] (a stride of 0 repeats an element, as an
    /// operand broadcast over that dimension). The view must stay inside the buffer.
    /// </summary>
    internal Tensor StridedView(long[] shape, long[] strides)
    {
        var storage = _device ?? throw new InvalidOperationException("PlanBuffer.StridedView: the buffer is host memory; the CPU path reads its span.");
        if (shape.Length != strides.Length) throw new ArgumentException($"PlanBuffer.StridedView: {shape.Length} sizes but {strides.Length} strides.", nameof(strides));
        long last = 0;
        for (int d = 0; d < shape.Length; d++) last += (shape[d] - 1) * strides[d];
        if (ShapeUtil.Numel(shape) > 0 && (last < 0 || last >= Length))
            throw new ArgumentException($"PlanBuffer.StridedView: shape [{string.Join(", ", shape)}] with strides [{string.Join(", ", strides)}] reaches element {last} of a buffer of {Length}.");
        return new Tensor(storage, shape, strides, _offset);
    }
}
