namespace StaticNet.IO.Safetensors;

/// <summary>The safetensors dtype names StaticNet reads and writes.</summary>
internal static class SafetensorsDType
{
    /// <summary>The name written for a StaticNet dtype.</summary>
    public static string Name(DType dtype) => dtype switch
    {
        DType.Float64 => "F64",
        DType.Float32 => "F32",
        DType.Int64 => "I64",
        DType.Int32 => "I32",
        DType.UInt8 => "U8",
        _ => "BOOL",
    };

    /// <summary>Bytes per element of a dtype name StaticNet loads, or 0 when it loads none.</summary>
    public static int ElementSize(string name) => name switch
    {
        "F64" or "I64" => 8,
        "F32" or "I32" => 4,
        "F16" or "BF16" => 2,
        "U8" or "BOOL" => 1,
        _ => 0,
    };

    /// <summary>The dtype a name loads as: F16 and BF16 widen to Float32.</summary>
    public static DType Load(string name) => name switch
    {
        "F64" => DType.Float64,
        "F32" or "F16" or "BF16" => DType.Float32,
        "I64" => DType.Int64,
        "I32" => DType.Int32,
        "U8" => DType.UInt8,
        _ => DType.Bool,
    };

    public const string Supported = "F64, F32, F16, BF16, I64, I32, U8, BOOL";
}
