using System.Numerics;
using StaticNet.Kernels;

namespace StaticNet;

/// <summary>
/// The shared front half of every reduction: dimension lists, result shapes and dtypes, PyTorch's errors, then
/// one dtype dispatch into <see cref="ReduceLoop"/> or <see cref="ArgReduceLoop"/>.
/// </summary>
internal static class Reduction
{
    /// <summary>Which dimensions a reduction removes. An empty list means all of them, as <c>x.sum(dim=[])</c> does
    /// in PyTorch 1.13. A 0-dim tensor accepts dim 0 and -1 and reduces nothing.</summary>
    public static bool[] Mask(Tensor x, ReadOnlySpan<int> dims)
    {
        var mask = new bool[x.Dim];
        if (dims.IsEmpty)
        {
            Array.Fill(mask, true);
            return mask;
        }
        var seen = new bool[Math.Max(x.Dim, 1)];
        foreach (var dim in dims)
        {
            int d = Tensor.NormalizeDim(dim, x.Dim);
            if (seen[d]) throw new ArgumentException($"dim {d} appears multiple times in the list of dims");
            seen[d] = true;
            if (d < x.Dim) mask[d] = true;
        }
        return mask;
    }

    /// <summary>The mask of one dimension.</summary>
    public static bool[] Mask(Tensor x, int dim) => Mask(x, [dim]);

    /// <summary>The number of elements each output reduces over.</summary>
    public static long Count(Tensor x, bool[] mask)
    {
        long n = 1;
        for (int i = 0; i < mask.Length; i++) if (mask[i]) n *= x.ShapeSpan[i];
        return n;
    }

    /// <summary>The input's shape with the reduced dimensions removed, or kept as length 1.</summary>
    public static long[] Shape(Tensor x, bool[] mask, bool keepDim)
    {
        var shape = new List<long>(x.Dim);
        for (int i = 0; i < mask.Length; i++)
        {
            if (!mask[i]) shape.Add(x.ShapeSpan[i]);
            else if (keepDim) shape.Add(1);
        }
        return shape.ToArray();
    }

    /// <summary>op over the masked dimensions of <paramref name="x"/>, computed in and returned as <paramref name="dtype"/>.</summary>
    public static Tensor Values<TOp>(Tensor x, bool[] mask, bool keepDim, DType dtype) where TOp : IReduceOperator
    {
        if (IsSmallFullContiguous(x, mask, dtype)) return Full<TOp>(x, mask, keepDim, divisor: 0);
        var result = new Tensor(Shape(x, mask, keepDim: false), dtype, x.Device, zeroed: false);
        // Detached: the conversion is a step of the kernel, not an op the caller's backward node should follow.
        var action = new ValuesAction<TOp>(x.Detach().To(dtype), mask, result);
        DTypeDispatch.Numeric(dtype, ref action);
        return keepDim ? result.View(Shape(x, mask, keepDim: true)) : result;
    }

    /// <summary>The mean over the masked dimensions: their sum divided by <paramref name="count"/> in <paramref name="dtype"/>.</summary>
    public static Tensor Mean(Tensor x, bool[] mask, bool keepDim, DType dtype, long count)
    {
        if (IsSmallFullContiguous(x, mask, dtype)) return Full<SumOperator>(x, mask, keepDim, divisor: count);
        return Values<SumOperator>(x, mask, keepDim, dtype).Div_(Torch.Wrap((double)count));
    }

    /// <summary>
    /// The shape of a loss: every dimension reduced over a contiguous tensor of the result's dtype, small enough for one
    /// core. It skips the general loop's layout planning (a few µs and kilobytes per call, more than the arithmetic of
    /// a loss over a batch); the sum is the same <c>TOp.Reduce</c> over the same block, so the result is identical.
    /// </summary>
    private static bool IsSmallFullContiguous(Tensor x, bool[] mask, DType dtype)
    {
        if (x.Device.Type != DeviceType.Cpu || x.DType != dtype || !x.IsContiguous || x.Numel == 0 || x.Numel >= 4 * Backends.CpuParallelThreshold)
            return false;
        foreach (bool m in mask) if (!m) return false;
        return true;
    }

    private static Tensor Full<TOp>(Tensor x, bool[] mask, bool keepDim, long divisor) where TOp : IReduceOperator
    {
        var result = new Tensor(keepDim ? Shape(x, mask, keepDim: true) : [], x.DType, zeroed: false);
        var action = new FullAction<TOp>(x, result, divisor);
        DTypeDispatch.Numeric(x.DType, ref action);
        return result;
    }

    private readonly struct FullAction<TOp>(Tensor x, Tensor result, long divisor) : INumericAction where TOp : IReduceOperator
    {
        public void Invoke<T>() where T : unmanaged, INumber<T>
        {
            T r = TOp.Reduce<T>(x.Storage.Raw<T>().Slice((int)x.StorageOffset, (int)x.Numel));
            if (divisor != 0) r /= T.CreateTruncating(divisor);
            result.Storage.Raw<T>()[(int)result.StorageOffset] = r;
        }
    }

    /// <summary>Rejects an empty reduction for ops without an identity (max, min, argmax, argmin), in PyTorch's words.</summary>
    /// <remarks>PyTorch raises IndexError for argmax/argmin and for an empty dim, RuntimeError for a full max/min.</remarks>
    public static void CheckNonEmpty(string op, Tensor x, int? dim)
    {
        if (dim is null && x.Numel == 0)
        {
            var message = $"{op}(): Expected reduction dim to be specified for input.numel() == 0.";
            if (op is "max" or "min")
                throw new ArgumentException($"{message} Specify the reduction dim with the 'dim' argument. (input shape {x.Shape})");
            throw new ArgumentOutOfRangeException(null, $"{message} (input shape {x.Shape})");
        }
        if (dim is { } d && x.Dim > 0 && x.ShapeSpan[d] == 0)
            throw new ArgumentOutOfRangeException(null, $"{op}(): Expected reduction dim {d} to have non-zero size. (input shape {x.Shape})");
    }

    /// <summary>The selected values and their positions along <paramref name="dim"/> (max/min with a dim, argmax, argmin).</summary>
    public static (Tensor Values, Tensor Indices) Select<TOp>(string op, Tensor x, int dim, bool keepDim) where TOp : IArgReduceOperator
    {
        int d = Tensor.NormalizeDim(dim, x.Dim);
        CheckNonEmpty(op, x, d);
        if (x.Dim == 0)
        {
            // A 0-dim tensor is its own maximum, at index 0, whatever keepDim says.
            var (v, i) = Select<TOp>(op, x.Detach().Reshape(1), 0, keepDim: false);
            return (v.View(), i.View());
        }
        var mask = Mask(x, d);
        var shape = Shape(x, mask, keepDim: false);
        var values = new Tensor(shape, x.DType, x.Device, zeroed: false);
        var indices = new Tensor(shape, DType.Int64, x.Device, zeroed: false);
        var action = new SelectAction<TOp>(x, d, values, indices);
        DTypeDispatch.Numeric(x.DType, ref action);
        if (!keepDim) return (values, indices);
        var kept = Shape(x, mask, keepDim: true);
        return (values.View(kept), indices.View(kept));
    }

    /// <summary>The position in the flattened tensor of the element op selects (<c>x.argmax()</c>).</summary>
    public static Tensor SelectFlat<TOp>(string op, Tensor x) where TOp : IArgReduceOperator
    {
        CheckNonEmpty(op, x, dim: null);
        return Select<TOp>(op, x.Detach().Reshape(-1), 0, keepDim: false).Indices;
    }

    /// <summary>c10's ScalarType name of a dtype, as PyTorch's messages print it ("Got: Long").</summary>
    public static string ScalarTypeName(DType dtype) => dtype switch
    {
        DType.Bool => "Bool",
        DType.UInt8 => "Byte",
        DType.Int32 => "Int",
        DType.Int64 => "Long",
        DType.Float32 => "Float",
        _ => "Double",
    };

    private readonly struct ValuesAction<TOp>(Tensor x, bool[] mask, Tensor result) : INumericAction where TOp : IReduceOperator
    {
        public void Invoke<T>() where T : unmanaged, INumber<T> => Backends.Of(x).Reduce<T, TOp>(x, mask, result);
    }

    private readonly struct SelectAction<TOp>(Tensor x, int dim, Tensor values, Tensor indices) : INumericAction where TOp : IArgReduceOperator
    {
        public void Invoke<T>() where T : unmanaged, INumber<T> => Backends.Of(x).ArgReduce<T, TOp>(x, dim, values, indices);
    }
}
