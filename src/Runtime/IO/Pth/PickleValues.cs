namespace StaticNet.IO.Pth;

// The Python objects a state-dict pickle is made of. Plain values map to C# types: str → string, int → long,
// float → double, bool → bool, None → null, list → List<object?>, tuple → object?[], bytes (and Python 2's str,
// read as with encoding='bytes') → byte[].

/// <summary>A Python <c>dict</c> or <c>collections.OrderedDict</c>: key/value pairs in insertion order.</summary>
internal sealed class PyDict(bool ordered)
{
    /// <summary>True for an <c>OrderedDict</c> (what <c>state_dict()</c> returns), false for a plain <c>dict</c>.</summary>
    public bool Ordered { get; } = ordered;

    /// <summary>The entries in insertion order (keys are strings, byte strings or longs).</summary>
    public List<KeyValuePair<object, object?>> Items { get; } = [];

    public void Add(object key, object? value) => Items.Add(new(key, value));

    /// <summary>The value under a string key (or the byte string of its ASCII characters, as Python 2 wrote keys), or
    /// false when there is none.</summary>
    public bool TryGet(string key, out object? value)
    {
        foreach (var (k, v) in Items)
            if ((k is string s && s == key) || (k is byte[] b && b.Length == key.Length && b.AsSpan().SequenceEqual(System.Text.Encoding.ASCII.GetBytes(key))))
            {
                value = v;
                return true;
            }
        value = null;
        return false;
    }
}

/// <summary>A reference to a storage record: PyTorch's persistent id <c>('storage', torch.FloatStorage, '0', 'cpu', numel)</c>.</summary>
internal sealed record StorageRef(string Key, StorageType Type, string Location, long Numel);

/// <summary>A <c>torch.*Storage</c> class named in a pickle: its name and how StaticNet loads its elements.</summary>
internal sealed record StorageType(string Name, DType? DType, int ElementSize, bool IsHalf, bool IsBFloat16)
{
    /// <summary>The storage types a StaticNet dtype saves as.</summary>
    public static StorageType For(DType dtype) => dtype switch
    {
        StaticNet.DType.Float32 => Known["FloatStorage"],
        StaticNet.DType.Float64 => Known["DoubleStorage"],
        StaticNet.DType.Int64 => Known["LongStorage"],
        StaticNet.DType.Int32 => Known["IntStorage"],
        StaticNet.DType.UInt8 => Known["ByteStorage"],
        _ => Known["BoolStorage"],
    };

    /// <summary>The storage classes the restricted unpickler accepts; Half and BFloat16 load as Float32.</summary>
    public static readonly IReadOnlyDictionary<string, StorageType> Known = new Dictionary<string, StorageType>(StringComparer.Ordinal)
    {
        ["FloatStorage"] = new("FloatStorage", StaticNet.DType.Float32, 4, false, false),
        ["DoubleStorage"] = new("DoubleStorage", StaticNet.DType.Float64, 8, false, false),
        ["LongStorage"] = new("LongStorage", StaticNet.DType.Int64, 8, false, false),
        ["IntStorage"] = new("IntStorage", StaticNet.DType.Int32, 4, false, false),
        ["ByteStorage"] = new("ByteStorage", StaticNet.DType.UInt8, 1, false, false),
        ["BoolStorage"] = new("BoolStorage", StaticNet.DType.Bool, 1, false, false),
        ["HalfStorage"] = new("HalfStorage", StaticNet.DType.Float32, 2, true, false),
        ["BFloat16Storage"] = new("BFloat16Storage", StaticNet.DType.Float32, 2, false, true),
    };
}

/// <summary>A tensor as the pickle describes it (<c>_rebuild_tensor_v2</c>'s arguments); its data is read afterwards.</summary>
internal sealed record PickledTensor(StorageRef Storage, long Offset, long[] Shape, long[] Strides);

/// <summary>The callables a state-dict pickle may name with GLOBAL; nothing else is ever resolved.</summary>
internal enum PyGlobal
{
    OrderedDict,
    RebuildTensorV2,
    RebuildParameter,
}
