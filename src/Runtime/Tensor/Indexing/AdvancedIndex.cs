using StaticNet.Kernels;

namespace StaticNet;

/// <summary>
/// Advanced (tensor) indexing over a view that basic indexing has already produced: PyTorch's <c>index</c> and
/// <c>index_put_</c>. Each dimension of the view has an Int64/Int32 index tensor or none.
/// </summary>
/// <remarks>
/// The index tensors broadcast to a shape B. When the indexed dimensions are adjacent, B replaces them in place;
/// otherwise B goes first and the other dimensions follow in order. The indices are turned into one array of storage
/// offsets over B (checked and wrapped once, up front), so the copy itself is a plain strided loop (<see cref="IndexLoop"/>).
/// </remarks>
internal static class AdvancedIndex
{
    /// <summary>The plan for one indexing: the result shape, the view restrided over it, and the offsets.</summary>
    private readonly record struct Plan(long[] Shape, Tensor Source, Tensor Offsets);

    /// <summary>x[indices] as a new tensor.</summary>
    public static Tensor Get(Tensor self, Tensor?[] indices)
    {
        var plan = MakePlan(self, indices);
        var result = new Tensor(plan.Shape, self.DType, self.Device, zeroed: false);
        Backends.Gather(plan.Source, plan.Offsets, result);
        return result;
    }

    /// <summary>x[indices] = value (or += when <paramref name="accumulate"/>), the value broadcast to the indexed shape.</summary>
    public static void Put(Tensor self, Tensor?[] indices, Tensor value, bool accumulate)
    {
        var plan = MakePlan(self, indices);
        if (!Broadcasts(value.ShapeSpan, plan.Shape))
            throw new ArgumentException(
                $"shape mismatch: value tensor of shape {value.Shape} cannot be broadcast to indexing result of shape {Size.Format(plan.Shape)}");
        Devices.CheckSame("index_put_", self, value);
        self.CheckWritable("index_put_");
        var v = value.To(self.DType);
        if (ReferenceEquals(v.Storage, self.Storage)) v = v.Clone(); // x[i] = x[j]: read everything before writing
        self.Storage.BumpVersion();
        Backends.Put(plan.Source, plan.Offsets, v.Expand(plan.Shape), accumulate);
    }

    /// <summary>Turns the (dimension, tensor) list from basic indexing into one index per dimension, expanding
    /// each Bool/UInt8 mask into the Int64 positions of its true elements (one index per mask dimension).</summary>
    public static Tensor?[] ExpandMasks(Tensor self, List<(int Dim, Tensor Index)> tensors)
    {
        var result = new Tensor?[self.Dim];
        foreach (var (dim, t) in tensors)
        {
            if (!Tensor.IsMaskDType(t.DType))
            {
                result[dim] = t;
                continue;
            }
            for (int j = 0; j < t.Dim; j++)
                if (t.ShapeSpan[j] != self.ShapeSpan[dim + j])
                    throw new ArgumentException(
                        $"The shape of the mask {t.Shape} at index {j} does not match the shape of the indexed tensor {self.Shape} at index {dim + j}");
            var positions = t.Nonzero(); // [n, t.Dim]
            for (int j = 0; j < t.Dim; j++) result[dim + j] = positions.Select(1, j);
        }
        return result;
    }

    /// <summary>
    /// Adds index * stride to each offset, after checking every index against the dimension's size. Negative indices
    /// count from the end when <paramref name="wrapNegative"/> (indexing), and are errors otherwise (gather, scatter).
    /// </summary>
    public static void AccumulateOffsets(Span<long> offsets, Tensor index, long[] shape, long size, long stride,
        bool wrapNegative, Func<long, string> outOfRange)
    {
        var values = (index.ShapeSpan.SequenceEqual(shape) ? index : index.Expand(shape)).ToArray<long>();
        long low = wrapNegative ? -size : 0;
        for (int i = 0; i < values.Length; i++)
        {
            long v = values[i];
            if (v < low || v >= size) throw new ArgumentOutOfRangeException(null, outOfRange(v));
            offsets[i] += (v < 0 ? v + size : v) * stride;
        }
    }

    private static Plan MakePlan(Tensor self, Tensor?[] indices)
    {
        var dims = new List<int>();
        for (int d = 0; d < indices.Length; d++) if (indices[d] is not null) dims.Add(d);
        var b = BroadcastIndices(indices, dims);
        bool adjacent = dims[^1] - dims[0] == dims.Count - 1;

        // Result dimensions: the kept dimensions before B (only when adjacent), B, then the other kept dimensions.
        int splitAt = adjacent ? dims[0] : 0;
        var kept = new List<int>();
        for (int d = 0; d < self.Dim; d++) if (indices[d] is null) kept.Add(d);
        int rank = kept.Count + b.Length;
        var shape = new long[rank];
        var sourceStrides = new long[rank];
        var offsetStrides = new long[rank];
        var bStrides = ShapeUtil.ContiguousStrides(b);
        for (int i = 0, k = 0; i < rank; i++)
        {
            if (i >= splitAt && i < splitAt + b.Length)
            {
                shape[i] = b[i - splitAt];
                offsetStrides[i] = bStrides[i - splitAt];
                continue;
            }
            shape[i] = self.ShapeSpan[kept[k]];
            sourceStrides[i] = self.StridesSpan[kept[k]];
            k++;
        }

        var offsets = new long[ShapeUtil.Numel(b)];
        foreach (var d in dims)
        {
            long size = self.ShapeSpan[d];
            AccumulateOffsets(offsets, indices[d]!, b, size, self.StridesSpan[d], wrapNegative: true,
                v => $"index {v} is out of bounds for dimension {d} with size {size}");
        }
        var source = self.AsStrided(shape, sourceStrides, self.StorageOffset);
        var offsetTensor = new Tensor(OffsetStorage(offsets, self.Device), shape, offsetStrides, 0);
        return new Plan(shape, source, offsetTensor);
    }

    /// <summary>
    /// The offsets (computed and checked on the host) in a storage on the indexed tensor's device, where the
    /// gather/put kernels read them.
    /// </summary>
    internal static Storage OffsetStorage(long[] offsets, Device device) =>
        device.Type == DeviceType.Cpu ? new Storage<long>(offsets) : Backends.For(device).Upload(Torch.FromArray(offsets)).Storage;

    private static long[] BroadcastIndices(Tensor?[] indices, List<int> dims)
    {
        long[] b = indices[dims[0]]!.ShapeArray;
        try
        {
            foreach (var d in dims) b = ShapeUtil.Broadcast(b, indices[d]!.ShapeSpan);
        }
        catch (ArgumentException)
        {
            var shapes = dims.Select(d => indices[d]!.Shape.ToString());
            throw new ArgumentException(
                $"shape mismatch: indexing tensors could not be broadcast together with shapes {string.Join(", ", shapes)}");
        }
        return b;
    }

    /// <summary>True when a tensor of shape <paramref name="from"/> can expand to <paramref name="to"/>.</summary>
    internal static bool Broadcasts(ReadOnlySpan<long> from, ReadOnlySpan<long> to)
    {
        if (from.Length > to.Length) return false;
        int lead = to.Length - from.Length;
        for (int i = 0; i < from.Length; i++)
            if (from[i] != 1 && from[i] != to[lead + i]) return false;
        return true;
    }
}
