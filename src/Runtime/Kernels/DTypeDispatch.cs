using System.Numerics;
using System.Runtime.InteropServices;

namespace StaticNet.Kernels;

/// <summary>A generic body to run for the CLR element type of a dtype.</summary>
internal interface INumericAction
{
    void Invoke<T>() where T : unmanaged, INumber<T>;
}

/// <summary>A generic body for the floating dtypes only.</summary>
internal interface IFloatAction
{
    void Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>Turns a runtime dtype into a generic instantiation: the one switch every kernel family goes through.</summary>
internal static class DTypeDispatch
{
    /// <summary>Runs the action for the dtype's element type; Bool runs as byte (its storage holds 0 or 1).</summary>
    public static void Numeric<TAction>(DType dtype, ref TAction action) where TAction : struct, INumericAction
    {
        switch (dtype)
        {
            case DType.Float32: action.Invoke<float>(); break;
            case DType.Float64: action.Invoke<double>(); break;
            case DType.Int64: action.Invoke<long>(); break;
            case DType.Int32: action.Invoke<int>(); break;
            case DType.UInt8: case DType.Bool: action.Invoke<byte>(); break;
            default: throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null);
        }
    }

    public static void Float<TAction>(DType dtype, ref TAction action) where TAction : struct, IFloatAction
    {
        switch (dtype)
        {
            case DType.Float32: action.Invoke<float>(); break;
            case DType.Float64: action.Invoke<double>(); break;
            default: throw new ArgumentException($"expected a floating dtype, got {dtype.PyTorchName()}");
        }
    }
}
