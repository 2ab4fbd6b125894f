using System.Numerics;
using StaticNet.Autograd;
using StaticNet.Kernels;

namespace StaticNet;

public partial class Tensor
{
    /// <summary>
    /// This tensor converted to <paramref name="dtype"/>: the same object when the dtype already matches, else a copy.
    /// A floating copy of a tensor that requires grad records <c>ToCopyBackward0</c> (the gradient is converted back).
    /// </summary>
    public Tensor To(DType dtype)
    {
        var r = Cast(dtype);
        if (ReferenceEquals(r, this) || !dtype.IsFloatingPoint() || !Graph.ShouldRecord(this)) return r;
        return Graph.Record(r, new ToCopyBackward0(this), this);
    }

    /// <summary>The conversion without recording: for kernels converting their operands (the op records its own node).</summary>
    internal Tensor Cast(DType dtype)
    {
        if (dtype == DType) return this;
        var result = new Tensor(ShapeArray, dtype, Device, zeroed: false) { IsWrappedNumber = IsWrappedNumber };
        Backends.Copy(this, result);
        return result;
    }

    /// <summary>This tensor on <paramref name="device"/> (the same object when it is already there).</summary>
    public Tensor To(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device == Device) return this;
        var moved = MoveData(device);
        return Graph.ShouldRecord(this) ? Graph.Record(moved, new ToCopyBackward0(this), this) : moved;
    }

    /// <summary>This tensor on a device given by name (<c>"cpu"</c>, <c>"cuda"</c>).</summary>
    public Tensor To(string device) => To(StaticNet.Device.Parse(device));

    /// <summary>Both moves and converts (<c>z.to("cpu", torch.double)</c>).</summary>
    public Tensor To(Device device, DType dtype) => To(device).To(dtype);

    /// <summary>As Float32 (<c>x.float()</c>).</summary>
    public Tensor Float() => To(DType.Float32);
    /// <summary>As Float64 (<c>x.double()</c>).</summary>
    public Tensor Double() => To(DType.Float64);
    /// <summary>As Int64 (<c>x.long()</c>).</summary>
    public Tensor Long() => To(DType.Int64);
    /// <summary>As Int32 (<c>x.int()</c>).</summary>
    public Tensor Int() => To(DType.Int32);
    /// <summary>As UInt8 (<c>x.byte()</c>).</summary>
    public Tensor Byte() => To(DType.UInt8);
    /// <summary>As Bool (<c>x.bool()</c>): non-zero is true.</summary>
    public Tensor Bool() => To(DType.Bool);

    /// <summary>On the CPU (<c>x.cpu()</c>).</summary>
    public Tensor Cpu() => To(Device.Cpu);
    /// <summary>On the first CUDA GPU (<c>x.cuda()</c>).</summary>
    public Tensor Cuda() => To(Device.Cuda);

    /// <summary>A contiguous copy with its own storage (<c>x.clone()</c>); records <c>CloneBackward0</c>.</summary>
    public Tensor Clone()
    {
        var r = CloneData();
        return Graph.ShouldRecord(this) ? Graph.Record(r, new CloneBackward0(this), this) : r;
    }

    /// <summary>The copy without recording: for kernels copying an operand.</summary>
    internal Tensor CloneData()
    {
        var result = new Tensor(ShapeArray, DType, Device, zeroed: false);
        Backends.Copy(this, result);
        return result;
    }

    /// <summary>
    /// The value of a one-element tensor (<c>x.item()</c>), converted to <typeparamref name="T"/>: a number type, or
    /// <c>bool</c> (nonzero is true), as PyTorch's <c>.item()</c> works on bool tensors.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor has more or fewer than one element.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither bool nor a primitive number type.</exception>
    public T Item<T>() where T : unmanaged
    {
        if (Numel != 1)
            throw new InvalidOperationException(
                $"a Tensor with {Numel} elements cannot be converted to Scalar (Item<{typeof(T).Name}>() on a tensor of shape {Shape}).");
        if (Device.Type != DeviceType.Cpu) return Cpu().Item<T>(); // PyTorch's item() copies to the host
        long at = StorageOffset;
        // typeof(T) tests are constants for each instantiation: the JIT and NativeAOT keep only the matching line.
        if (typeof(T) == typeof(bool)) return (T)(object)(ReadElement<double>(at) != 0);
        if (typeof(T) == typeof(float)) return (T)(object)ReadElement<float>(at);
        if (typeof(T) == typeof(double)) return (T)(object)ReadElement<double>(at);
        if (typeof(T) == typeof(long)) return (T)(object)ReadElement<long>(at);
        if (typeof(T) == typeof(int)) return (T)(object)ReadElement<int>(at);
        if (typeof(T) == typeof(short)) return (T)(object)ReadElement<short>(at);
        if (typeof(T) == typeof(byte)) return (T)(object)ReadElement<byte>(at);
        if (typeof(T) == typeof(sbyte)) return (T)(object)ReadElement<sbyte>(at);
        if (typeof(T) == typeof(ulong)) return (T)(object)ReadElement<ulong>(at);
        if (typeof(T) == typeof(uint)) return (T)(object)ReadElement<uint>(at);
        if (typeof(T) == typeof(ushort)) return (T)(object)ReadElement<ushort>(at);
        if (typeof(T) == typeof(Half)) return (T)(object)ReadElement<Half>(at);
        throw new NotSupportedException($"Item<{typeof(T).Name}>(): expected bool or a primitive number type.");
    }

    /// <summary>The value of a one-element Bool tensor.</summary>
    public bool ItemBool() => Item<byte>() != 0;

    private T ReadElement<T>(long offset) where T : unmanaged, INumber<T> => DType switch
    {
        DType.Float32 => T.CreateTruncating(Storage.Raw<float>()[(int)offset]),
        DType.Float64 => T.CreateTruncating(Storage.Raw<double>()[(int)offset]),
        DType.Int64 => T.CreateTruncating(Storage.Raw<long>()[(int)offset]),
        DType.Int32 => T.CreateTruncating(Storage.Raw<int>()[(int)offset]),
        _ => T.CreateTruncating(Storage.Raw<byte>()[(int)offset]),
    };

    /// <summary>The elements in row-major order as a new array of <typeparamref name="T"/>, converting when T differs from the dtype.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        DTypeExtensions.Of<T>(); // throws for element types that have no dtype
        if (Device.Type != DeviceType.Cpu) return Cpu().ToArray<T>();
        var flat = new T[Numel];
        Backends.Copy(this, new Tensor(new Storage<T>(flat), ShapeArray, ShapeUtil.ContiguousStrides(_shape), 0));
        return flat;
    }

    /// <summary>
    /// The elements of a contiguous tensor as a span over its storage: writes change the tensor (the counterpart
    /// of <c>x.numpy()</c> sharing memory). T must be the tensor's element type.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor is not contiguous, or T is not its element type.</exception>
    public Span<T> AsSpan<T>() where T : unmanaged
    {
        if (Device.Type != DeviceType.Cpu)
            throw new InvalidOperationException(
                $"AsSpan<{typeof(T).Name}>() on a tensor on '{Device}': device memory is not a host span. Copy it to the host first (x.Cpu().AsSpan<{typeof(T).Name}>() or x.ToArray<{typeof(T).Name}>()).");
        if (DTypeExtensions.Of<T>() != DType)
            throw new InvalidOperationException($"AsSpan<{typeof(T).Name}>() on a tensor of dtype {DType.PyTorchName()}: T must be {DType.ElementType().Name}.");
        if (!IsContiguous)
            throw new InvalidOperationException($"AsSpan() needs a contiguous tensor; this one has shape {Shape} and strides {StaticNet.Size.Format(_strides)}. Call Contiguous() first.");
        return StorageOf<T>().Span.Slice((int)StorageOffset, (int)Numel);
    }
}
