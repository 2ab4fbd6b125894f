using StaticNet.Kernels;

namespace StaticNet;

public static partial class Torch
{
    /// <summary>
    /// A tensor copied from C# data of any rank: <c>float[]</c>, <c>double[,]</c>, <c>long[,,]</c>, jagged
    /// <c>int[][]</c>, or <c>object[]</c> mixing numbers and bools (PyTorch's <c>torch.tensor(data)</c>).
    /// </summary>
    /// <remarks>
    /// The literal rules of <c>torch.tensor</c> pick the dtype unless <paramref name="dtype"/> is given: floating data
    /// (float or double) becomes Float32, integral data Int64, bool data Bool, and mixed data the highest of those
    /// categories (<c>new object[] { false, 1, 2.0 }</c> is Float32). <c>byte</c> data becomes UInt8, as image bytes do in
    /// NumPy. To keep the element type and share memory instead, use <see cref="FromArray"/>.
    /// </remarks>
    public static Tensor Tensor(Array data, DType? dtype = null, Device? device = null, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (device is { Type: not DeviceType.Cpu })
            return Tensor(data, dtype, null, requiresGrad: false).MoveData(device).WithRequiresGrad(requiresGrad);
        var shape = new List<long>();
        var values = new List<object>();
        var category = LiteralCategory.None;
        Flatten(data, 0, shape, values, ref category);
        var target = dtype ?? category switch
        {
            LiteralCategory.Bool => DType.Bool,
            LiteralCategory.Byte => DType.UInt8,
            LiteralCategory.Integral => DType.Int64,
            _ => DType.Float32, // floating, or empty data (torch.tensor([]) is float32)
        };
        var result = new Tensor(shape.ToArray(), target, zeroed: false);
        FillFromObjects(result, values);
        return result.WithRequiresGrad(requiresGrad);
    }

    /// <summary>A 0-dim Int64 tensor (<c>torch.tensor(7)</c>).</summary>
    public static Tensor Tensor(long value, DType dtype = DType.Int64, Device? device = null, bool requiresGrad = false) =>
        ScalarTensor(value, dtype, device).WithRequiresGrad(requiresGrad);

    /// <summary>A 0-dim Float32 tensor (<c>torch.tensor(2.5)</c>).</summary>
    public static Tensor Tensor(double value, DType dtype = DType.Float32, Device? device = null, bool requiresGrad = false) =>
        ScalarTensor(value, dtype, device).WithRequiresGrad(requiresGrad);

    /// <summary>A 0-dim Bool tensor (<c>torch.tensor(True)</c>).</summary>
    public static Tensor Tensor(bool value, DType dtype = DType.Bool, Device? device = null, bool requiresGrad = false) =>
        ScalarTensor(value ? 1L : 0L, dtype, device).WithRequiresGrad(requiresGrad);

    /// <summary>
    /// A tensor that shares memory with <paramref name="array"/> (PyTorch's <c>torch.from_numpy</c>): changing the
    /// array changes the tensor and vice versa. The dtype is the array's element type (<c>double[]</c> → Float64,
    /// <c>int[]</c> → Int32); multi-dimensional arrays (<c>float[,]</c>) keep their shape.
    /// </summary>
    /// <exception cref="ArgumentException">The element type has no dtype, or the array is jagged (jagged arrays are not one block of memory).</exception>
    public static Tensor FromArray(Array array)
    {
        ArgumentNullException.ThrowIfNull(array);
        var elementType = array.GetType().GetElementType()!;
        Storage storage = DTypeExtensions.FromElementType(elementType) switch
        {
            DType.Float32 => new Storage<float>(array),
            DType.Float64 => new Storage<double>(array),
            DType.Int64 => new Storage<long>(array),
            DType.Int32 => new Storage<int>(array),
            DType.UInt8 => new Storage<byte>(array),
            DType.Bool => new Storage<bool>(array),
            _ => throw new ArgumentException(elementType.IsArray
                ? $"FromArray: a jagged array ({array.GetType().Name}) cannot share memory with a tensor; use Torch.Tensor(data) to copy it, or a multi-dimensional array."
                : $"FromArray: arrays of {elementType.Name} have no dtype; expected float, double, long, int, byte or bool elements.", nameof(array)),
        };
        var shape = new long[array.Rank];
        for (int i = 0; i < shape.Length; i++) shape[i] = array.GetLength(i);
        return new Tensor(storage, shape, ShapeUtil.ContiguousStrides(shape), 0);
    }

    /// <summary>A 0-dim tensor holding a number (used by Fill_, scalar operands and the Tensor(...) overloads).</summary>
    internal static Tensor ScalarTensor(double value, DType dtype, Device? device = null)
    {
        var t = new Tensor([], DType.Float64, zeroed: false);
        t.Storage.Raw<double>()[0] = value;
        return device is null || device.Type == DeviceType.Cpu ? t.To(dtype) : t.To(dtype).MoveData(device);
    }

    internal static Tensor ScalarTensor(long value, DType dtype, Device? device = null)
    {
        var t = new Tensor([], DType.Int64, zeroed: false);
        t.Storage.Raw<long>()[0] = value;
        return device is null || device.Type == DeviceType.Cpu ? t.To(dtype) : t.To(dtype).MoveData(device);
    }

    /// <summary>A C# number as an operand: a 0-dim tensor flagged as a wrapped number for type promotion.</summary>
    internal static Tensor Wrap(double value)
    {
        var t = new Tensor([], DType.Float64, zeroed: false) { IsWrappedNumber = true };
        t.Storage.Raw<double>()[0] = value;
        return t;
    }

    internal static Tensor Wrap(long value)
    {
        var t = new Tensor([], DType.Int64, zeroed: false) { IsWrappedNumber = true };
        t.Storage.Raw<long>()[0] = value;
        return t;
    }

    internal static Tensor Wrap(bool value)
    {
        var t = new Tensor([], DType.Bool, zeroed: false) { IsWrappedNumber = true };
        t.Storage.Raw<byte>()[0] = value ? (byte)1 : (byte)0;
        return t;
    }

    private enum LiteralCategory { None, Bool, Byte, Integral, Floating }

    // Walks nested arrays (multi-dimensional or jagged, mixed freely) in row-major order, checking that every
    // sub-sequence of one level has the same length, and collects the leaves.
    private static void Flatten(Array data, int level, List<long> shape, List<object> values, ref LiteralCategory category)
    {
        if (data.Rank > 1)
        {
            // A multi-dimensional block: its dimensions all join the shape at once.
            for (int r = 0; r < data.Rank; r++) CheckLength(shape, level + r, data.GetLength(r));
            foreach (var item in data) AddLeaf(item, level + data.Rank, shape, values, ref category);
            return;
        }
        CheckLength(shape, level, data.Length);
        foreach (var item in data) AddLeaf(item, level + 1, shape, values, ref category);
    }

    private static void AddLeaf(object? item, int level, List<long> shape, List<object> values, ref LiteralCategory category)
    {
        if (item is Array inner)
        {
            if (shape.Count != level && shape.Count < level)
                throw new ArgumentException($"Tensor: expected a number at nesting level {level} (like its siblings), got an array.");
            Flatten(inner, level, shape, values, ref category);
            return;
        }
        if (shape.Count > level)
            throw new ArgumentException($"Tensor: expected a sequence of length {shape[level]} at dim {level} (got a number).");
        var c = item switch
        {
            bool => LiteralCategory.Bool,
            byte => LiteralCategory.Byte,
            sbyte or short or ushort or int or uint or long or ulong => LiteralCategory.Integral,
            float or double or decimal or Half => LiteralCategory.Floating,
            null => throw new ArgumentException("Tensor: data contains null."),
            _ => throw new ArgumentException($"Tensor: could not infer dtype of {item.GetType().Name}; expected numbers or bools."),
        };
        // A byte mixed with other integers counts as integral (PyTorch: a list of ints is int64).
        if (c == LiteralCategory.Byte && category is LiteralCategory.Integral) c = LiteralCategory.Integral;
        if (category == LiteralCategory.Byte && c == LiteralCategory.Integral) category = LiteralCategory.Integral;
        if (c > category) category = c;
        values.Add(item);
    }

    private static void CheckLength(List<long> shape, int level, long length)
    {
        if (shape.Count == level) shape.Add(length);
        else if (shape.Count > level && shape[level] != length)
            throw new ArgumentException($"Tensor: expected sequence of length {shape[level]} at dim {level} (got {length}).");
    }

    private static void FillFromObjects(Tensor result, List<object> values)
    {
        // Leaves go through double or long so that every source type converts by the same rules as CopyLoop.
        if (result.DType.IsFloatingPoint())
        {
            var buffer = new double[values.Count];
            for (int i = 0; i < buffer.Length; i++) buffer[i] = values[i] is bool b ? (b ? 1 : 0) : Convert.ToDouble(values[i], System.Globalization.CultureInfo.InvariantCulture);
            Backends.Copy(FromArray(buffer).View(result.ShapeArray), result);
        }
        else
        {
            var buffer = new long[values.Count];
            for (int i = 0; i < buffer.Length; i++)
                buffer[i] = values[i] switch
                {
                    bool b => b ? 1 : 0,
                    float or double or decimal or Half => (long)Convert.ToDouble(values[i], System.Globalization.CultureInfo.InvariantCulture),
                    _ => Convert.ToInt64(values[i], System.Globalization.CultureInfo.InvariantCulture),
                };
            Backends.Copy(FromArray(buffer).View(result.ShapeArray), result);
        }
    }
}
