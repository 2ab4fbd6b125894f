namespace StaticNet.Data;

/// <summary>The number rule of the default collate: C# numbers of one field become a 1-D tensor.</summary>
internal static class CollateNumbers
{
    // Kinds in promotion order: a field takes the highest kind among its values.
    private enum Kind { Bool, Byte, Integer, Float, Double }

    public static Tensor Numbers(IReadOnlyList<object?> items)
    {
        var kind = Kind.Bool;
        for (int i = 0; i < items.Count; i++)
        {
            var k = KindOf(items[i]) ?? throw new ArgumentException(
                $"default_collate: sample 0 has a number here but sample {i} has {(items[i] is null ? "null" : "a " + items[i]!.GetType().Name)}");
            if (i == 0 || k > kind) kind = k;
        }
        var (dtype, n) = (kind switch
        {
            Kind.Bool => DType.Bool,
            Kind.Byte => DType.UInt8,
            Kind.Integer => DType.Int64,
            Kind.Float => DType.Float32,
            _ => DType.Float64,
        }, items.Count);
        var result = new Tensor([n], dtype, zeroed: false);
        switch (dtype)
        {
            case DType.Float64: Fill(result.ContiguousSpan<double>(), items, AsDouble); break;
            case DType.Float32: Fill(result.ContiguousSpan<float>(), items, o => (float)AsDouble(o)); break;
            case DType.Int64: Fill(result.ContiguousSpan<long>(), items, AsLong); break;
            case DType.UInt8: Fill(result.ContiguousSpan<byte>(), items, o => (byte)AsLong(o)); break;
            default: Fill(result.ContiguousSpan<bool>(), items, o => (bool)o); break;
        }
        return result;
    }

    private static void Fill<T>(Span<T> destination, IReadOnlyList<object?> items, Func<object, T> convert)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = convert(items[i]!);
    }

    private static Kind? KindOf(object? value) => value switch
    {
        bool => Kind.Bool,
        byte => Kind.Byte,
        sbyte or short or ushort or int or uint or long => Kind.Integer,
        float => Kind.Float,
        double => Kind.Double,
        _ => null,
    };

    private static long AsLong(object value) => value switch
    {
        bool b => b ? 1 : 0,
        byte v => v,
        sbyte v => v,
        short v => v,
        ushort v => v,
        int v => v,
        uint v => v,
        _ => (long)value,
    };

    private static double AsDouble(object value) => value switch
    {
        float f => f,
        double d => d,
        _ => AsLong(value),
    };
}
