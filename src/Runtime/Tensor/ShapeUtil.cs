namespace StaticNet;

/// <summary>Shape arithmetic shared by views, broadcasting and kernels.</summary>
internal static class ShapeUtil
{
    public static long Numel(ReadOnlySpan<long> shape)
    {
        long n = 1;
        foreach (var d in shape) n *= d;
        return n;
    }

    public static long[] ContiguousStrides(ReadOnlySpan<long> shape)
    {
        var strides = new long[shape.Length];
        long s = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Math.Max(shape[i], 1);
        }
        return strides;
    }

    /// <summary>PyTorch's rule: dimensions of length 1 may have any stride; an empty tensor is contiguous.</summary>
    public static bool IsContiguous(ReadOnlySpan<long> shape, ReadOnlySpan<long> strides)
    {
        long expected = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            if (shape[i] == 0) return true;
            if (shape[i] == 1) continue;
            if (strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }

    /// <summary>The shape two shapes broadcast to, or an exception naming both (PyTorch's message).</summary>
    public static long[] Broadcast(ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        int n = Math.Max(a.Length, b.Length);
        var result = new long[n];
        for (int i = 0; i < n; i++)
        {
            long da = i < n - a.Length ? 1 : a[i - (n - a.Length)];
            long db = i < n - b.Length ? 1 : b[i - (n - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException(
                    $"The size of tensor a ({da}) must match the size of tensor b ({db}) at non-singleton dimension {i}: " +
                    $"shapes {Size.Format(a)} and {Size.Format(b)} cannot be broadcast together.");
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>Strides that read a tensor of shape/strides as if it had the (broadcast) target shape: 0 on expanded dims.</summary>
    public static long[] BroadcastStrides(ReadOnlySpan<long> shape, ReadOnlySpan<long> strides, ReadOnlySpan<long> target, string op = "expand")
    {
        var result = new long[target.Length];
        int lead = target.Length - shape.Length;
        if (lead < 0)
            throw new ArgumentException(
                $"{op}: the shape {Size.Format(target)} has fewer dimensions than the tensor's shape {Size.Format(shape)}.");
        for (int i = 0; i < shape.Length; i++)
        {
            var d = shape[i];
            var t = target[lead + i];
            if (d == t) result[lead + i] = strides[i];
            else if (d == 1) result[lead + i] = 0;
            else
                throw new ArgumentException(
                    $"{op}: the expanded size of the tensor ({t}) must match the existing size ({d}) at non-singleton dimension {lead + i}. " +
                    $"Target sizes: {Size.Format(target)}. Tensor sizes: {Size.Format(shape)}");
        }
        return result;
    }

    /// <summary>Replaces one -1 by the length that keeps the element count, with PyTorch's errors.</summary>
    public static long[] InferSize(ReadOnlySpan<long> shape, long numel)
    {
        var result = shape.ToArray();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < result.Length; i++)
        {
            if (result[i] == -1)
            {
                if (infer >= 0) throw new ArgumentException("only one dimension can be inferred");
                infer = i;
            }
            else if (result[i] < 0)
                throw new ArgumentException($"invalid shape dimension {result[i]} in {Size.Format(shape)}");
            else known *= result[i];
        }
        if (infer >= 0)
        {
            if (known == 0 || numel % known != 0)
                throw new ArgumentException($"shape '{Size.Format(shape)}' is invalid for input of size {numel}");
            result[infer] = numel / known;
        }
        else if (known != numel)
            throw new ArgumentException($"shape '{Size.Format(shape)}' is invalid for input of size {numel}");
        return result;
    }

    /// <summary>
    /// Strides for viewing (oldShape, oldStrides) as newShape without copying, or null when impossible
    /// (ATen's <c>computeStride</c>: each run of new dimensions must fit inside one contiguous chunk of old ones).
    /// </summary>
    public static long[]? ComputeViewStrides(ReadOnlySpan<long> oldShape, ReadOnlySpan<long> oldStrides, ReadOnlySpan<long> newShape)
    {
        var newStrides = new long[newShape.Length];
        if (oldShape.Length == 0)
        {
            Array.Fill(newStrides, 1);
            return newStrides;
        }
        if (Numel(oldShape) == 0)
        {
            // Empty tensors can be viewed any way: use contiguous strides.
            return oldShape.SequenceEqual(newShape) ? oldStrides.ToArray() : ContiguousStrides(newShape);
        }
        int viewD = newShape.Length - 1;
        long chunkBaseStride = oldStrides[^1];
        long tensorNumel = 1, viewNumel = 1;
        for (int tensorD = oldShape.Length - 1; tensorD >= 0; tensorD--)
        {
            tensorNumel *= oldShape[tensorD];
            if (tensorD == 0 || (oldShape[tensorD - 1] != 1 && oldStrides[tensorD - 1] != tensorNumel * chunkBaseStride))
            {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1))
                {
                    newStrides[viewD] = viewNumel * chunkBaseStride;
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) return null;
                if (tensorD > 0)
                {
                    chunkBaseStride = oldStrides[tensorD - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? newStrides : null;
    }
}
