namespace StaticNet;

/// <summary>The element type of a tensor (PyTorch's <c>torch.dtype</c>).</summary>
/// <remarks>
/// The order of the members is the promotion order among these six types: for any two, PyTorch's
/// <c>torch.promote_types</c> returns the later one (bool &lt; uint8 &lt; int32 &lt; int64 &lt; float32 &lt; float64).
/// </remarks>
public enum DType
{
    /// <summary><c>torch.bool</c>: one byte per element, 0 or 1.</summary>
    Bool,
    /// <summary><c>torch.uint8</c>.</summary>
    UInt8,
    /// <summary><c>torch.int32</c>.</summary>
    Int32,
    /// <summary><c>torch.int64</c> (<c>torch.long</c>): the default integer type.</summary>
    Int64,
    /// <summary><c>torch.float32</c> (<c>torch.float</c>): the default floating type.</summary>
    Float32,
    /// <summary><c>torch.float64</c> (<c>torch.double</c>).</summary>
    Float64,
}

/// <summary>Facts about each <see cref="DType"/>.</summary>
public static class DTypeExtensions
{
    /// <summary>Bytes per element.</summary>
    public static int ElementSize(this DType dtype) => dtype switch
    {
        DType.Bool or DType.UInt8 => 1,
        DType.Int32 or DType.Float32 => 4,
        DType.Int64 or DType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown dtype."),
    };

    /// <summary>True for Float32 and Float64 (PyTorch's <c>dtype.is_floating_point</c>).</summary>
    public static bool IsFloatingPoint(this DType dtype) => dtype is DType.Float32 or DType.Float64;

    /// <summary>True for UInt8, Int32 and Int64 (not Bool).</summary>
    public static bool IsIntegral(this DType dtype) => dtype is DType.UInt8 or DType.Int32 or DType.Int64;

    /// <summary>PyTorch's name, as printed in a tensor's repr: <c>float64</c>, <c>int32</c>, <c>bool</c>.</summary>
    public static string PyTorchName(this DType dtype) => dtype switch
    {
        DType.Bool => "bool",
        DType.UInt8 => "uint8",
        DType.Int32 => "int32",
        DType.Int64 => "int64",
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown dtype."),
    };

    /// <summary>The CLR element type that stores this dtype (<c>float</c>, <c>double</c>, <c>long</c>, <c>int</c>, <c>byte</c>, <c>bool</c>).</summary>
    public static Type ElementType(this DType dtype) => dtype switch
    {
        DType.Bool => typeof(bool),
        DType.UInt8 => typeof(byte),
        DType.Int32 => typeof(int),
        DType.Int64 => typeof(long),
        DType.Float32 => typeof(float),
        DType.Float64 => typeof(double),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown dtype."),
    };

    /// <summary>The dtype that stores CLR elements of type <typeparamref name="T"/>.</summary>
    /// <exception cref="NotSupportedException">T is not one of the six element types.</exception>
    public static DType Of<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return DType.Float32;
        if (typeof(T) == typeof(double)) return DType.Float64;
        if (typeof(T) == typeof(long)) return DType.Int64;
        if (typeof(T) == typeof(int)) return DType.Int32;
        if (typeof(T) == typeof(byte)) return DType.UInt8;
        if (typeof(T) == typeof(bool)) return DType.Bool;
        throw new NotSupportedException(
            $"Element type {typeof(T).Name} has no dtype; expected float, double, long, int, byte or bool.");
    }

    /// <summary>The dtype for an element type, or null when the type has none.</summary>
    internal static DType? FromElementType(Type t)
    {
        if (t == typeof(float)) return DType.Float32;
        if (t == typeof(double)) return DType.Float64;
        if (t == typeof(long)) return DType.Int64;
        if (t == typeof(int)) return DType.Int32;
        if (t == typeof(byte)) return DType.UInt8;
        if (t == typeof(bool)) return DType.Bool;
        return null;
    }
}
