using StaticNet.Autograd;

namespace StaticNet;

// Every view records its backward node when this tensor requires grad: the view shares storage, and its gradient
// maps back onto this tensor's elements (Autograd/Functions/ViewBackward.cs).
public partial class Tensor
{
    /// <summary>A tensor over the same storage with another shape, strides and offset (PyTorch's <c>as_strided</c>).</summary>
    internal Tensor AsStrided(long[] shape, long[] strides, long offset) =>
        new(Storage, shape, strides, offset) { ViewBase = ViewBase ?? this };

    /// <summary>The tensor this one is a view of (the first non-view ancestor), or null for a base tensor.</summary>
    internal Tensor? ViewBase { get; private init; }

    /// <summary>
    /// The same data with a new shape, sharing storage (PyTorch's <c>view</c>); one dimension may be -1.
    /// </summary>
    /// <exception cref="ArgumentException">The element count differs, or the strides cannot express the shape
    /// without a copy (use <see cref="Reshape"/>).</exception>
    public Tensor View(params long[] shape)
    {
        var target = ShapeUtil.InferSize(shape, Numel);
        var strides = ShapeUtil.ComputeViewStrides(_shape, _strides, target)
            ?? throw new InvalidOperationException(
                $"view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). " +
                $"Use .Reshape(...) instead. (tensor shape {Shape}, strides {StaticNet.Size.Format(_strides)}, requested view {StaticNet.Size.Format(target)})");
        return RecordView(AsStrided(target, strides, StorageOffset), Graph.ShouldRecord(this) ? new ViewBackward0(this) : null);
    }

    /// <summary>The same data with a new shape: a view when the strides allow, else a contiguous copy (PyTorch's <c>reshape</c>).</summary>
    /// <remarks>As a view it records ViewBackward0 (PyTorch 2.x; 1.13 names it ReshapeAliasBackward0); as a copy,
    /// UnsafeViewBackward0 over the copy's CloneBackward0, as PyTorch does.</remarks>
    public Tensor Reshape(params long[] shape)
    {
        var target = ShapeUtil.InferSize(shape, Numel);
        var strides = ShapeUtil.ComputeViewStrides(_shape, _strides, target);
        if (strides is not null)
            return RecordView(AsStrided(target, strides, StorageOffset), Graph.ShouldRecord(this) ? new ViewBackward0(this) : null);
        // The copy is private to the result, so the result is not a view of it (PyTorch's _unsafe_view).
        var copy = Contiguous();
        var result = new Tensor(copy.Storage, target, ShapeUtil.ContiguousStrides(target), copy.StorageOffset);
        return Graph.ShouldRecord(copy) ? Graph.Record(result, new UnsafeViewBackward0(copy), copy) : result;
    }

    /// <summary>A view with the shape of <paramref name="other"/>.</summary>
    public Tensor ViewAs(Tensor other) => View(other._shape);

    /// <summary>A view with dimensions <paramref name="dim0"/> and <paramref name="dim1"/> swapped.</summary>
    public Tensor Transpose(int dim0, int dim1)
    {
        int a = NormalizeDim(dim0, Dim), b = NormalizeDim(dim1, Dim);
        if (Dim == 0) return RecordView(AsStrided(_shape, _strides, StorageOffset), Graph.ShouldRecord(this) ? new TransposeBackward0(a, b) : null);
        var shape = (long[])_shape.Clone();
        var strides = (long[])_strides.Clone();
        (shape[a], shape[b]) = (shape[b], shape[a]);
        (strides[a], strides[b]) = (strides[b], strides[a]);
        return RecordView(AsStrided(shape, strides, StorageOffset), Graph.ShouldRecord(this) ? new TransposeBackward0(a, b) : null);
    }

    /// <summary>A view with the dimensions reordered: result dimension i is input dimension <c>dims[i]</c>.</summary>
    public Tensor Permute(params int[] dims)
    {
        if (dims.Length != Dim)
            throw new ArgumentException(
                $"permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = {Dim} is not equal to len(dims) = {dims.Length}");
        var shape = new long[Dim];
        var strides = new long[Dim];
        var seen = new bool[Dim];
        var normalized = new int[Dim];
        for (int i = 0; i < Dim; i++)
        {
            int d = NormalizeDim(dims[i], Dim);
            if (seen[d]) throw new ArgumentException($"permute(): duplicate dims are not allowed (dims {string.Join(", ", dims)}).");
            seen[d] = true;
            normalized[i] = d;
            shape[i] = _shape[d];
            strides[i] = _strides[d];
        }
        return RecordView(AsStrided(shape, strides, StorageOffset), Graph.ShouldRecord(this) ? new PermuteBackward0(normalized) : null);
    }

    /// <summary>The tensor with its dimensions reversed (PyTorch's <c>x.T</c>; the transpose of a matrix).</summary>
    /// <remarks>For at most 2 dimensions it records TBackward0 (PyTorch's <c>x.t()</c>), else PermuteBackward0.</remarks>
    public Tensor T
    {
        get
        {
            var dims = new int[Dim];
            for (int i = 0; i < Dim; i++) dims[i] = Dim - 1 - i;
            if (Dim > 2) return Permute(dims);
            var shape = new long[Dim];
            var strides = new long[Dim];
            for (int i = 0; i < Dim; i++) (shape[i], strides[i]) = (_shape[dims[i]], _strides[dims[i]]);
            return RecordView(AsStrided(shape, strides, StorageOffset), Graph.ShouldRecord(this) ? new TBackward0() : null);
        }
    }

    /// <summary>Removes every dimension of length 1.</summary>
    public Tensor Squeeze()
    {
        var shape = new List<long>();
        var strides = new List<long>();
        for (int i = 0; i < Dim; i++)
        {
            if (_shape[i] == 1) continue;
            shape.Add(_shape[i]);
            strides.Add(_strides[i]);
        }
        return RecordView(AsStrided(shape.ToArray(), strides.ToArray(), StorageOffset), Graph.ShouldRecord(this) ? new SqueezeBackward0(this) : null);
    }

    /// <summary>Removes dimension <paramref name="dim"/> if its length is 1; otherwise returns a view of the same shape.</summary>
    public Tensor Squeeze(int dim)
    {
        int d = NormalizeDim(dim, Dim);
        var view = Dim == 0 || _shape[d] != 1
            ? AsStrided(_shape, _strides, StorageOffset)
            : AsStrided(RemoveAt(_shape, d), RemoveAt(_strides, d), StorageOffset);
        return RecordView(view, Graph.ShouldRecord(this) ? new SqueezeBackward1(this) : null);
    }

    /// <summary>Inserts a dimension of length 1 at <paramref name="dim"/> (negative counts from the end of the result).</summary>
    public Tensor Unsqueeze(int dim)
    {
        int d = NormalizeDim(dim, Dim + 1);
        var shape = new long[Dim + 1];
        var strides = new long[Dim + 1];
        for (int i = 0, j = 0; i <= Dim; i++)
        {
            if (i == d)
            {
                shape[i] = 1;
                strides[i] = d < Dim ? _strides[d] * _shape[d] : 1;
                continue;
            }
            shape[i] = _shape[j];
            strides[i] = _strides[j];
            j++;
        }
        return RecordView(AsStrided(shape, strides, StorageOffset), Graph.ShouldRecord(this) ? new UnsqueezeBackward0(d) : null);
    }

    /// <summary>Merges dimensions <paramref name="startDim"/>..<paramref name="endDim"/> into one (a view when the strides allow).</summary>
    public Tensor Flatten(int startDim = 0, int endDim = -1)
    {
        if (Dim == 0) return Reshape(1);
        int s = NormalizeDim(startDim, Dim), e = NormalizeDim(endDim, Dim);
        if (s > e) throw new ArgumentException($"flatten() has invalid args: start_dim ({startDim}) cannot come after end_dim ({endDim}).");
        if (s == e) return this; // as PyTorch: the input itself, no node
        var shape = new List<long>();
        for (int i = 0; i < s; i++) shape.Add(_shape[i]);
        long merged = 1;
        for (int i = s; i <= e; i++) merged *= _shape[i];
        shape.Add(merged);
        for (int i = e + 1; i < Dim; i++) shape.Add(_shape[i]);
        return Reshape(shape.ToArray());
    }

    /// <summary>Splits dimension <paramref name="dim"/> into <paramref name="sizes"/> (inverse of <see cref="Flatten"/>).</summary>
    public Tensor Unflatten(int dim, params long[] sizes)
    {
        int d = NormalizeDim(dim, Dim);
        var shape = new List<long>(_shape[..d]);
        shape.AddRange(ShapeUtil.InferSize(sizes, _shape[d]));
        shape.AddRange(_shape[(d + 1)..]);
        return View(shape.ToArray());
    }

    /// <summary>
    /// A view that repeats length-1 dimensions to <paramref name="sizes"/> without copying (stride 0); -1 keeps a
    /// dimension. Writing to an expanded tensor is an error, since several elements share one memory location.
    /// </summary>
    public Tensor Expand(params long[] sizes)
    {
        if (sizes.Length < Dim)
            throw new ArgumentException(
                $"expand: the number of sizes provided ({sizes.Length}) must be greater or equal to the number of dimensions in the tensor ({Dim}); shape {Shape}, sizes {StaticNet.Size.Format(sizes)}.");
        var target = (long[])sizes.Clone();
        int lead = sizes.Length - Dim;
        for (int i = 0; i < sizes.Length; i++)
        {
            if (target[i] != -1) continue;
            if (i < lead) throw new ArgumentException($"expand: -1 is not allowed in a leading, non-existing dimension ({StaticNet.Size.Format(sizes)}).");
            target[i] = _shape[i - lead];
        }
        var view = AsStrided(target, ShapeUtil.BroadcastStrides(_shape, _strides, target), StorageOffset);
        return RecordView(view, Graph.ShouldRecord(this) ? new ExpandBackward0(this) : null);
    }

    /// <summary>A view expanded to the shape of <paramref name="other"/>.</summary>
    public Tensor ExpandAs(Tensor other) => Expand(other._shape);

    /// <summary>This tensor if it is contiguous; otherwise a contiguous copy (recording CloneBackward0, as PyTorch).</summary>
    public Tensor Contiguous()
    {
        if (IsContiguous) return this;
        return Clone(); // a contiguous copy that records CloneBackward0
    }

    /// <summary>A new tensor object over the same data (<c>x[...]</c>; PyTorch's <c>alias</c>).</summary>
    internal Tensor Alias() =>
        RecordView(AsStrided(_shape, _strides, StorageOffset), Graph.ShouldRecord(this) ? new AliasBackward0() : null);

    /// <summary>Makes <paramref name="view"/> (of this tensor) the output of <paramref name="node"/> when there is one.</summary>
    private Tensor RecordView(Tensor view, Node? node) => node is null ? view : Graph.Record(view, node, this);

    /// <summary>Throws when writing to this tensor would write one memory location through several elements (an expanded view).</summary>
    internal void CheckWritable(string op)
    {
        if (Autograd.GradMode.IsEnabled)
        {
            if (RequiresGrad && IsLeaf)
                throw new InvalidOperationException(
                    $"{op}: a leaf Variable that requires grad is being used in an in-place operation (shape {Shape}). " +
                    "Update it inside 'using (Torch.NoGrad())', or on a Detach()ed tensor.");
            if (ViewBase is { RequiresGrad: true } b && b.IsLeaf)
                throw new InvalidOperationException(
                    $"{op}: a view of a leaf Variable that requires grad is being used in an in-place operation (view shape {Shape}, base shape {b.Shape}).");
        }
        for (int i = 0; i < Dim; i++)
            if (_strides[i] == 0 && _shape[i] > 1)
                throw new InvalidOperationException(
                    $"{op}: unsupported operation: more than one element of the written-to tensor refers to a single memory location " +
                    $"(shape {Shape}, strides {StaticNet.Size.Format(_strides)}). Please clone() the tensor before performing the operation.");
    }

    private static long[] RemoveAt(long[] a, int i)
    {
        var r = new long[a.Length - 1];
        Array.Copy(a, 0, r, 0, i);
        Array.Copy(a, i + 1, r, i, a.Length - i - 1);
        return r;
    }
}
