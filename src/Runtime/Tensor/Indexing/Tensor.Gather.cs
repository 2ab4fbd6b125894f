using StaticNet.Autograd;
using StaticNet.Kernels;

namespace StaticNet;

public partial class Tensor
{
    /// <summary>
    /// Values along <paramref name="dim"/> at the positions in <paramref name="index"/> (<c>torch.gather</c>):
    /// for dim 1 of a 3-D tensor, <c>out[i, j, k] = x[i, index[i, j, k], k]</c>.
    /// </summary>
    /// <param name="dim">The dimension to gather along (negative counts from the end).</param>
    /// <param name="index">An Int64 tensor with as many dimensions as this one, no longer than it in every dimension
    /// but <paramref name="dim"/>; its values lie in [0, Size(dim)).</param>
    /// <returns>A new tensor shaped like <paramref name="index"/>, of this tensor's dtype.</returns>
    public Tensor Gather(int dim, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        int d = NormalizeDim(dim, Dim);
        if (index.DType != DType.Int64) throw new ArgumentException($"gather(): Expected dtype int64 for index, but got {index.DType.PyTorchName()}");
        var self = Dim == 0 ? Detach().View(1) : this; // PyTorch treats 0-dim operands as 1-D here
        var idx = index.Dim == 0 ? index.View(1) : index;
        if (idx.Dim != self.Dim)
            throw new ArgumentException(
                $"Index tensor must have the same number of dimensions as input tensor (index {index.Shape}, input {Shape})");
        for (int i = 0; i < self.Dim; i++)
            if (i != d && idx._shape[i] > self._shape[i])
                throw new ArgumentException(
                    $"Size does not match at dimension {i} expected index {index.Shape} to be smaller than self {Shape} apart from dimension {d}");

        var (source, offsets) = ScatterGatherOperands(self, d, idx);
        var result = new Tensor(index.ShapeArray, DType, Device, zeroed: false);
        Backends.Gather(source, offsets, index.Dim == 0 ? result.View(1) : result);
        return Graph.ShouldRecord(this) ? Graph.Record(result, new GatherBackward0(this, d, index), this) : result;
    }

    /// <summary>
    /// The slices of <paramref name="dim"/> at the positions in <paramref name="index"/>, in that order
    /// (<c>x.index_select(dim, index)</c>): dimension <paramref name="dim"/> of the result has index.Numel elements.
    /// </summary>
    /// <param name="dim">The dimension to select along.</param>
    /// <param name="index">A 1-D (or 0-dim) Int64 or Int32 tensor of positions in [0, Size(dim)).</param>
    public Tensor IndexSelect(int dim, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        int d = NormalizeDim(dim, Dim);
        if (index.DType is not (DType.Int64 or DType.Int32))
            throw new ArgumentException($"index_select(): Expected dtype int32 or int64 for index, but got {index.DType.PyTorchName()}");
        if (index.Dim > 1) throw new ArgumentException($"index_select(): Index is supposed to be a vector, but got shape {index.Shape}");
        var self = Dim == 0 ? Detach().View(1) : this;
        long size = self._shape[d];
        foreach (var v in index.ToArray<long>())
            if (v < 0 || v >= size)
                throw new ArgumentOutOfRangeException(null, $"index out of range in self (index_select: index {v} for dimension {d} with size {size})");
        var indices = new Tensor?[self.Dim];
        indices[d] = index.Dim == 0 ? index.View(1) : index;
        var result = AdvancedIndex.Get(self, indices);
        if (Dim == 0) result = new Tensor(result.Storage, [], [], result.StorageOffset); // not a view: the buffer is private
        return Graph.ShouldRecord(this) ? Graph.Record(result, new IndexSelectBackward0(this, d, index), this) : result;
    }

    /// <summary>
    /// For gather and scatter: <paramref name="self"/> restrided over the index's shape with stride 0 along
    /// <paramref name="dim"/>, and the index's values times self's stride there, bounds-checked, as offsets.
    /// </summary>
    private static (Tensor Self, Tensor Offsets) ScatterGatherOperands(Tensor self, int dim, Tensor index)
    {
        var shape = index.ShapeArray;
        var offsets = new long[ShapeUtil.Numel(shape)];
        long size = self._shape[dim];
        AdvancedIndex.AccumulateOffsets(offsets, index, shape, size, self._strides[dim], wrapNegative: false,
            v => $"index {v} is out of bounds for dimension {dim} with size {size}");
        var strides = (long[])self._strides.Clone();
        strides[dim] = 0;
        var restrided = self.AsStrided(shape, strides, self.StorageOffset);
        return (restrided, new Tensor(AdvancedIndex.OffsetStorage(offsets, self.Device), shape, ShapeUtil.ContiguousStrides(shape), 0));
    }
}
