using StaticNet.Autograd;
using StaticNet.Kernels;

namespace StaticNet;

public partial class Tensor
{
    /// <summary>
    /// Writes <paramref name="src"/> into this tensor at the positions in <paramref name="index"/> along
    /// <paramref name="dim"/>, in place (<c>x.scatter_(dim, index, src)</c>): for dim 0 of a 2-D tensor,
    /// <c>x[index[i, j], j] = src[i, j]</c>. With repeated positions the last write wins.
    /// </summary>
    /// <param name="dim">The dimension to scatter along.</param>
    /// <param name="index">An Int64 tensor with as many dimensions as this one, no longer than <paramref name="src"/>
    /// in every dimension and no longer than this tensor in every dimension but <paramref name="dim"/>.</param>
    /// <param name="src">The values, of this tensor's dtype; only its first index-shaped block is read.</param>
    public Tensor Scatter_(int dim, Tensor index, Tensor src) => ScatterCore("scatter_", dim, index, src, scalar: false, accumulate: false);

    /// <summary>Writes <paramref name="value"/> at the positions in <paramref name="index"/> along <paramref name="dim"/>,
    /// in place (<c>x.scatter_(dim, index, value=v)</c>; one-hot encoding: <c>Zeros(10).Scatter_(0, Torch.Tensor(3L), 1.0)</c>).</summary>
    public Tensor Scatter_(int dim, Tensor index, double value) =>
        ScatterCore("scatter_", dim, index, Torch.ScalarTensor(value, DType.Float64).To(DType), scalar: true, accumulate: false);

    /// <summary>A copy of this tensor with <paramref name="src"/> scattered into it (<c>torch.scatter</c>).</summary>
    public Tensor Scatter(int dim, Tensor index, Tensor src) => ScatterCopy("scatter_", dim, index, src, scalar: false, accumulate: false);

    /// <summary>A copy of this tensor with <paramref name="value"/> scattered into it (<c>torch.scatter</c>).</summary>
    public Tensor Scatter(int dim, Tensor index, double value) => ScatterCopy("scatter_", dim, index, Torch.ScalarTensor(value, DType.Float64).To(DType), scalar: true, accumulate: false);

    /// <summary>
    /// Adds <paramref name="src"/> into this tensor at the positions in <paramref name="index"/> along
    /// <paramref name="dim"/>, in place (<c>x.scatter_add_(dim, index, src)</c>): repeated positions accumulate.
    /// </summary>
    public Tensor ScatterAdd_(int dim, Tensor index, Tensor src) => ScatterCore("scatter_add_", dim, index, src, scalar: false, accumulate: true);

    /// <summary>A copy of this tensor with <paramref name="src"/> added at the indexed positions (<c>torch.scatter_add</c>).</summary>
    public Tensor ScatterAdd(int dim, Tensor index, Tensor src) => ScatterCopy("scatter_add_", dim, index, src, scalar: false, accumulate: true);

    /// <summary>The out-of-place scatter: the in-place one on a copy, recorded as one op on this tensor.</summary>
    private Tensor ScatterCopy(string op, int dim, Tensor index, Tensor src, bool scalar, bool accumulate)
    {
        Tensor result;
        using (Torch.NoGrad()) result = Clone().ScatterCore(op, dim, index, src, scalar, accumulate);
        var node = ScatterNode(NormalizeDim(dim, Dim), index, src, scalar, accumulate);
        if (node is null) return result;
        return scalar ? Graph.Record(result, node, this) : Graph.Record(result, node, this, src);
    }

    private Node? ScatterNode(int dim, Tensor index, Tensor src, bool scalar, bool accumulate) =>
        !Graph.ShouldRecord(this, src) ? null
        : accumulate ? new ScatterAddBackward0(this, dim, index, src)
        : scalar ? new ScatterBackward1(dim, index)
        : new ScatterBackward0(this, dim, index, src);

    // src is a tensor of this dtype; with scalar, a 0-dim value broadcast over the index.
    private Tensor ScatterCore(string op, int dim, Tensor index, Tensor src, bool scalar, bool accumulate)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(src);
        string name = op.TrimEnd('_');
        int d = NormalizeDim(dim, Dim);
        if (index.DType != DType.Int64) throw new ArgumentException($"{name}(): Expected dtype int64 for index, but got {index.DType.PyTorchName()}");
        if (src.DType != DType)
            throw new ArgumentException($"{name}(): Expected self.dtype to be equal to src.dtype (self {DType.PyTorchName()}, src {src.DType.PyTorchName()})");
        // A number value is made on the host (a 0-dim tensor): it goes to this tensor's device, as PyTorch's scalars do.
        if (scalar) src = src.To(Device);
        Devices.CheckSame(op, this, src);
        var self = Dim == 0 ? View(1) : this; // PyTorch treats 0-dim operands as 1-D here
        var idx = index.Dim == 0 ? index.View(1) : index;
        var values = src.Dim == 0 ? src.View(1) : src;
        if (idx.Dim != self.Dim)
            throw new ArgumentException($"Index tensor must have the same number of dimensions as self tensor (index {index.Shape}, self {Shape})");
        if (!scalar && idx.Dim != values.Dim)
            throw new ArgumentException($"Index tensor must have the same number of dimensions as src tensor (index {index.Shape}, src {src.Shape})");
        for (int i = 0; i < self.Dim; i++)
            if ((i != d && idx._shape[i] > self._shape[i]) || (!scalar && idx._shape[i] > values._shape[i]))
                throw new ArgumentException(
                    $"Expected index {index.Shape} to be smaller than self {Shape} apart from dimension {d}" +
                    (scalar ? "" : $" and to be smaller size than src {src.Shape}"));

        CheckWritable(op);
        var node = ScatterNode(d, index, src, scalar, accumulate);
        var (target, offsets) = ScatterGatherOperands(self, d, idx);
        // src is read over the index's shape: its leading block, or the scalar broadcast everywhere.
        values = scalar ? values.Expand(idx._shape) : values.AsStrided(idx.ShapeArray, values._strides, values.StorageOffset);
        if (ReferenceEquals(values.Storage, Storage)) values = values.Clone();
        Storage.BumpVersion();
        Backends.Put(target, offsets, values, accumulate);
        if (node is null) return this;
        return scalar ? Graph.Record(this, node, this) : Graph.Record(this, node, this, src);
    }
}
