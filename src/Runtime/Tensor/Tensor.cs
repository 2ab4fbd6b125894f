using System.Runtime.CompilerServices;

namespace StaticNet;

/// <summary>An n-dimensional array with PyTorch's semantics: a strided view over a <see cref="StaticNet.Storage"/>.</summary>
/// <remarks>
/// A tensor is a storage plus a shape, strides (in elements) and an offset. Views (<see cref="View"/>,
/// <see cref="Transpose"/>, slicing, <see cref="Expand"/> ...) create new tensor objects over the same storage,
/// so writing through a view changes its base. The operations live in partial files by family:
/// views, element-wise math, reductions, indexing, joining, linear algebra, conversion and printing.
/// </remarks>
public partial class Tensor
{
    private readonly long[] _shape;
    private readonly long[] _strides;
    private Size? _size;

    internal Tensor(Storage storage, long[] shape, long[] strides, long offset)
    {
        Storage = storage;
        _shape = shape;
        _strides = strides;
        StorageOffset = offset;
    }

    /// <summary>A new contiguous tensor of the given shape (zero-filled unless <paramref name="zeroed"/> is false).</summary>
    internal Tensor(long[] shape, DType dtype, bool zeroed = true)
        : this(Storage.Allocate(dtype, ShapeUtil.Numel(shape), zeroed), shape, ShapeUtil.ContiguousStrides(shape), 0)
    {
    }

    /// <summary>A new contiguous tensor on <paramref name="device"/> (zero-filled unless <paramref name="zeroed"/> is false).</summary>
    internal Tensor(long[] shape, DType dtype, Device device, bool zeroed = true)
        : this(device.Type == DeviceType.Cpu
                ? Storage.Allocate(dtype, ShapeUtil.Numel(shape), zeroed)
                : Kernels.Backends.For(device).Allocate(dtype, ShapeUtil.Numel(shape), zeroed),
            shape, ShapeUtil.ContiguousStrides(shape), 0)
    {
    }

    /// <summary>The memory this tensor views.</summary>
    public Storage Storage { get; private set; }

    /// <summary>Offset of element [0, ..., 0] in the storage, in elements.</summary>
    public long StorageOffset { get; }

    /// <summary>The element type.</summary>
    public DType DType => Storage.DType;

    /// <summary>Where the data lives.</summary>
    public Device Device => Storage.Device;

    /// <summary>The shape (PyTorch's <c>x.shape</c>), printing as <c>[5, 3]</c>.</summary>
    public Size Shape => _size ??= StaticNet.Size.Wrap(_shape);

    /// <summary>The shape (PyTorch's <c>x.size()</c>).</summary>
    public Size Size() => Shape;

    /// <summary>The length of one dimension (negative counts from the end).</summary>
    public long Size(int dim) => _shape[NormalizeDim(dim, Dim)];

    /// <summary>The number of dimensions (PyTorch's <c>x.dim()</c>).</summary>
    public int Dim => _shape.Length;

    /// <summary>The number of elements (PyTorch's <c>x.numel()</c>).</summary>
    public long Numel => ShapeUtil.Numel(_shape);

    /// <summary>The strides, in elements (PyTorch's <c>x.stride()</c>).</summary>
    public long[] Stride() => (long[])_strides.Clone();

    /// <summary>The stride of one dimension, in elements.</summary>
    public long Stride(int dim) => _strides[NormalizeDim(dim, Dim)];

    /// <summary>True when the elements are laid out in row-major order without gaps (PyTorch's <c>is_contiguous()</c>).</summary>
    public bool IsContiguous => ShapeUtil.IsContiguous(_shape, _strides);

    /// <summary>
    /// True for tensors made from a C# number by an operator or implicit conversion (<c>x * 2.5</c>): they take part
    /// in type promotion as PyTorch's Python scalars do (<see cref="TypePromotion"/>).
    /// </summary>
    internal bool IsWrappedNumber { get; init; }

    // Shape and strides without copies, for kernels and the other partial files.
    internal ReadOnlySpan<long> ShapeSpan => _shape;
    internal ReadOnlySpan<long> StridesSpan => _strides;
    internal long[] ShapeArray => _shape;
    internal long[] StridesArray => _strides;

    /// <summary>The typed storage (throws when T does not match the dtype).</summary>
    internal Storage<T> StorageOf<T>() where T : unmanaged =>
        Storage as Storage<T> ?? throw (Device.Type != DeviceType.Cpu ? Storage.NotOnHost(Device) : new InvalidOperationException(
            $"Tensor of dtype {DType.PyTorchName()} read as {typeof(T).Name}."));

    /// <summary>The elements from <see cref="StorageOffset"/> on; for a contiguous tensor the first <see cref="Numel"/> are its data.</summary>
    internal Span<T> DataFromOffset<T>() where T : unmanaged => StorageOf<T>().Span.Slice((int)StorageOffset);

    /// <summary>The elements of a contiguous tensor, in order.</summary>
    internal Span<T> ContiguousSpan<T>() where T : unmanaged
    {
        System.Diagnostics.Debug.Assert(IsContiguous);
        return StorageOf<T>().Span.Slice((int)StorageOffset, (int)Numel);
    }

    /// <summary>Wraps a negative dimension and checks its range, with PyTorch's message.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int NormalizeDim(long dim, int rank)
    {
        var r = Math.Max(rank, 1); // a 0-dim tensor accepts dim 0 and -1, as in PyTorch
        if (dim < -r || dim >= r)
            throw new ArgumentOutOfRangeException(null,
                $"Dimension out of range (expected to be in range of [{-r}, {r - 1}], but got {dim})");
        return (int)(dim < 0 ? dim + r : dim);
    }

    /// <summary>Tensors are reference objects: <c>==</c> between tensors is element-wise, so identity is
    /// <see cref="object.ReferenceEquals"/> and this method.</summary>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <inheritdoc/>
    public override int GetHashCode() => RuntimeHelpers.GetHashCode(this);
}
