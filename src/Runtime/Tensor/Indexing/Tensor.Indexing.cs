using System.Runtime.CompilerServices;
using StaticNet.Autograd;
using Kind = StaticNet.TensorIndex.IndexKind;

namespace StaticNet;

public partial class Tensor
{
    /// <summary>
    /// PyTorch's indexing: <c>x[1, 3]</c>, <c>x[1]</c>, <c>x[1..3]</c>, <c>x[.., 2]</c>, <c>x[^1]</c>,
    /// <c>x[TensorIndex.NewAxis]</c>, <c>x[TensorIndex.Ellipsis, 0]</c>, <c>x[idx]</c>, <c>x[x &gt; 0]</c>.
    /// </summary>
    /// <remarks>
    /// Integers, slices, <see cref="TensorIndex.NewAxis"/> and <see cref="TensorIndex.Ellipsis"/> (basic indexing)
    /// give a view sharing this tensor's storage; an integer removes its dimension. Integer and Bool tensors
    /// (advanced indexing) give a copy: the index tensors broadcast together, and their result dimensions take the
    /// place of the indexed dimensions when those are adjacent, else go first (NumPy's rule, applied after the
    /// integers have removed their dimensions, as PyTorch does). Setting writes through the view (basic) or puts
    /// the values at the indexed positions (advanced); the value broadcasts to the indexed shape and is converted to
    /// this tensor's dtype, so <c>x[.., 2..4] = 100</c> and <c>x[x &lt; 0] = 0</c> work.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of bounds (the message names index, dimension and size).</exception>
    /// <exception cref="ArgumentException">Too many indices, more than one ellipsis, a mask of the wrong shape, an
    /// index tensor of a non-integer dtype, or index tensors that do not broadcast together.</exception>
    [IndexerName("At")]
    public Tensor this[params TensorIndex[] indices]
    {
        get
        {
            var (view, advanced) = ApplyBasicIndexing(indices);
            if (advanced is null) return ReferenceEquals(view, this) ? Alias() : view;
            var result = AdvancedIndex.Get(view, advanced);
            return Graph.ShouldRecord(view) ? Graph.Record(result, new IndexBackward0(view, advanced), view) : result;
        }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            var (view, advanced) = ApplyBasicIndexing(indices);
            // PyTorch drops leading length-1 dimensions of the value, so x[0] = ones(1, 4) works on a [3, 4] x.
            var source = StripLeadingOnes(value);
            if (!Graph.ShouldRecord(this, value))
            {
                if (advanced is null) view.Copy_(source);
                else AdvancedIndex.Put(view, advanced, source, accumulate: false);
                return;
            }
            SetRecorded(view, advanced, value, source);
        }
    }

    /// <summary>
    /// x[...] = v with autograd: an in-place op on x (x keeps its identity). Basic indexing records CopySlices on x's
    /// base (the region's old values get no gradient, v gets the region's gradient); advanced indexing records
    /// IndexPutBackward0 (wrapped in CopySlices when it writes through a view), as PyTorch does.
    /// </summary>
    private void SetRecorded(Tensor view, Tensor?[]? advanced, Tensor value, Tensor source)
    {
        CheckWritable(advanced is null ? "copy_" : "index_put_"); // a leaf that requires grad cannot be written
        if (advanced is null)
        {
            using (Torch.NoGrad()) view.Copy_(source);
            ViewHistory.RebaseAssignment(ViewHistory.IsDifferentiableView(this) ? ViewBase! : this, view, value);
        }
        else
        {
            var node = new IndexPutBackward0(view, advanced, value);
            using (Torch.NoGrad()) AdvancedIndex.Put(view, advanced, source, accumulate: false);
            Graph.Record(view, node, view, value);
        }
        // When x is itself a view, its history now comes from its base's.
        if (ViewHistory.IsDifferentiableView(this)) ViewHistory.Regenerate(this);
    }

    /// <summary>
    /// Applies the integers, slices, new axes and ellipsis as views (PyTorch's <c>applySlicing</c>) and collects the
    /// tensor indices by the dimension of the resulting view they index; masks are still unexpanded.
    /// </summary>
    private (Tensor View, Tensor?[]? Advanced) ApplyBasicIndexing(TensorIndex[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int specified = 0, ellipses = 0;
        foreach (var index in indices)
        {
            switch (index.Kind)
            {
                case Kind.Integer or Kind.Slice: specified++; break;
                case Kind.Ellipsis: ellipses++; break;
                case Kind.Tensor: specified += IsMaskDType(index.Tensor!.DType) ? index.Tensor!.Dim : 1; break;
            }
        }
        if (ellipses > 1) throw new ArgumentException("an index can only have a single ellipsis ('...')");
        if (specified > Dim)
        {
            if (Dim == 0 && indices.Length > 0 && indices[0].Kind == Kind.Integer)
                throw new ArgumentException(
                    "invalid index of a 0-dim tensor. Use `tensor.Item<T>()` to convert a 0-dim tensor to a number");
            throw new ArgumentException($"too many indices for tensor of dimension {Dim}");
        }

        var result = this;
        int dim = 0, realDim = 0; // dim: in the view being built; realDim: in this tensor (for messages)
        List<(int Dim, Tensor Index)>? tensors = null;
        foreach (var index in indices)
        {
            switch (index.Kind)
            {
                case Kind.Integer:
                    result = SelectChecked(result, dim, realDim++, index.Integer, index.FromEnd);
                    break;
                case Kind.Slice:
                    result = result.Slice(dim++, index.Start, index.Stop, index.Step);
                    realDim++;
                    break;
                case Kind.NewAxis:
                    result = result.Unsqueeze(dim++);
                    break;
                case Kind.Ellipsis:
                    dim += Dim - specified;
                    realDim += Dim - specified;
                    break;
                case Kind.Tensor:
                    var t = index.Tensor!;
                    CheckIndexDType(t);
                    if (t.Dim == 0 && !IsMaskDType(t.DType))
                    {
                        // A 0-dim integer tensor acts as a plain integer: a view, not a copy (as in PyTorch).
                        result = SelectChecked(result, dim, realDim++, t.Item<long>(), fromEnd: false);
                        break;
                    }
                    if (t.Dim == 0)
                    {
                        // A 0-dim mask adds a dimension of length 1 and keeps it (true) or empties it (false).
                        result = result.Unsqueeze(dim);
                        (tensors ??= []).Add((dim++, Torch.Zeros([t.Item<long>() != 0 ? 1 : 0], DType.Int64)));
                        break;
                    }
                    (tensors ??= []).Add((dim, t));
                    int consumed = IsMaskDType(t.DType) ? t.Dim : 1;
                    dim += consumed;
                    realDim += consumed;
                    break;
            }
        }
        return (result, tensors is null ? null : AdvancedIndex.ExpandMasks(result, tensors));
    }

    private static Tensor SelectChecked(Tensor t, int dim, int realDim, long index, bool fromEnd)
    {
        long size = t._shape[dim];
        long i = fromEnd ? size - index : index;
        bool outOfRange = fromEnd ? index == 0 || index > size : index < -size || index >= size;
        if (outOfRange)
            throw new ArgumentOutOfRangeException(null,
                $"index {(fromEnd ? "^" : "")}{index} is out of bounds for dimension {realDim} with size {size}");
        return t.Select(dim, i);
    }

    internal static bool IsMaskDType(DType dtype) => dtype is DType.Bool or DType.UInt8;

    private static void CheckIndexDType(Tensor t)
    {
        if (t.DType is not (DType.Int64 or DType.Int32 or DType.Bool or DType.UInt8))
            throw new ArgumentException(
                $"tensors used as indices must be long, int, byte or bool tensors (got a {t.DType.PyTorchName()} tensor of shape {t.Shape})");
    }

    /// <summary>The value without leading dimensions of length 1 (PyTorch's <c>slicePrefix1sSize</c>).</summary>
    private static Tensor StripLeadingOnes(Tensor value)
    {
        int lead = 0;
        while (lead < value.Dim && value._shape[lead] == 1) lead++;
        return lead == 0 ? value : value.AsStrided(value._shape[lead..], value._strides[lead..], value.StorageOffset);
    }
}
