using StaticNet.Kernels;
namespace StaticNet.Autograd;

/// <summary>Where a tensor's elements lie in its storage: shape, strides and offset (PyTorch's as_strided geometry).</summary>
internal readonly struct StorageGeometry(Tensor t)
{
    public readonly long[] Shape = t.ShapeArray;
    public readonly long[] Strides = t.StridesArray;
    public readonly long Offset = t.StorageOffset;

    /// <summary>This geometry over another storage (a gradient buffer as long as the original storage).</summary>
    public Tensor Over(Tensor buffer) => buffer.AsStrided(Shape, Strides, Offset);

    /// <summary>The storage offset of every element, in row-major order, as a contiguous Int64 tensor of this shape on <paramref name="device"/>.</summary>
    public Tensor ElementOffsets(Device device)
    {
        var offsets = new long[ShapeUtil.Numel(Shape)];
        var index = new long[Shape.Length];
        for (long e = 0; e < offsets.Length; e++)
        {
            long o = Offset;
            for (int d = 0; d < Shape.Length; d++) o += index[d] * Strides[d];
            offsets[e] = o;
            for (int d = Shape.Length - 1; d >= 0; d--)
            {
                if (++index[d] < Shape[d]) break;
                index[d] = 0;
            }
        }
        return new Tensor(AdvancedIndex.OffsetStorage(offsets, device), Shape, ShapeUtil.ContiguousStrides(Shape), 0);
    }
}

/// <summary>
/// y = a view of base b whose history was regenerated after an in-place change to b or to another view of b
/// (PyTorch's AsStridedBackward0): db = dy added, in storage, at the positions y views (positions viewed
/// twice, as in an expanded view, receive both gradients).
/// </summary>
internal sealed class AsStridedBackward0(Tensor @base, Tensor view) : Node
{
    private readonly StorageGeometry _base = new(@base), _view = new(view);
    private readonly long _storageLength = @base.Storage.Length;
    private readonly DType _dtype = @base.DType;
    public override string Name => "AsStridedBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var buffer = Torch.Zeros([_storageLength], _dtype, g.Device);
        var everywhere = new Tensor(buffer.Storage, _view.Shape, new long[_view.Shape.Length], 0);
        Backends.Put(everywhere, _view.ElementOffsets(g.Device), g.To(_dtype), accumulate: true);
        return [_base.Over(buffer)];
    }
}

/// <summary>
/// An in-place change to a region (a view) of base b, recorded on b (PyTorch's CopySlices): b's gradient is the
/// incoming gradient with the region replaced by what the in-place op passes back to the region's old values.
/// Either <c>fn</c> is the in-place op's own node (<c>y[0].Mul_(2)</c>; its other inputs keep their edges), or
/// the op is an assignment <c>b[...] = v</c> (the region's old values get no gradient; v gets the region's
/// gradient summed over the dimensions v was broadcast along).
/// </summary>
internal sealed class CopySlices : Node
{
    private readonly StorageGeometry _base, _view;
    private readonly long _storageLength;
    private readonly DType _dtype;
    private readonly Node? _fn;
    private readonly InputInfo _value;

    /// <param name="base">The base whose history is rebased.</param>
    /// <param name="view">The region that was written.</param>
    /// <param name="fn">The in-place op's node, or null for an assignment of <paramref name="value"/>.</param>
    /// <param name="value">The assigned value (when <paramref name="fn"/> is null).</param>
    public CopySlices(Tensor @base, Tensor view, Node? fn, Tensor? value = null)
    {
        _base = new(@base);
        _view = new(view);
        _storageLength = @base.Storage.Length;
        _dtype = @base.DType;
        _fn = fn;
        if (value is not null) _value = new(value);
    }

    public override string Name => "CopySlices";

    internal override Tensor?[] Apply(Tensor g)
    {
        var buffer = Torch.Zeros([_storageLength], _dtype, g.Device);
        var gradBase = _base.Over(buffer);
        gradBase.Copy_(g);
        var region = _view.Over(buffer);
        if (_fn is null)
        {
            var gradValue = _value.RequiresGrad ? AssignedValue.Gradient(region.Clone(), _value) : null;
            region.Fill_(0.0);
            return [gradBase, gradValue];
        }
        var grads = _fn.Apply(region.Clone());
        if (grads.Length > 0 && grads[0] is { } gradRegion) region.Copy_(gradRegion);
        else region.Fill_(0.0);
        var result = new Tensor?[Math.Max(grads.Length, 1)];
        result[0] = gradBase;
        for (int i = 1; i < grads.Length; i++) result[i] = grads[i];
        return result;
    }

    internal override void Release() => _fn?.Release();
}

/// <summary>How in-place writes through views join the graph (PyTorch's rebase_history for views).</summary>
internal static class ViewHistory
{
    /// <summary>
    /// Records the in-place op <paramref name="fn"/> (already wired to its inputs) that wrote into
    /// <paramref name="view"/>: the view's base gets a <see cref="CopySlices"/> node over its previous history and
    /// fn's other inputs, and the view's history is regenerated from the base's.
    /// </summary>
    public static Tensor RebaseInPlace(Tensor view, Node fn)
    {
        var b = view.ViewBase!;
        var node = new CopySlices(b, view, fn);
        var next = (Edge[])fn.Next.Clone();
        if (next.Length == 0) next = new Edge[1];
        next[0] = Graph.EdgeOf(b);
        node.Next = next;
        b.SetHistory(node);
        Regenerate(view);
        return view;
    }

    /// <summary>
    /// True when <paramref name="t"/> views a base whose history must follow writes through it: the base requires
    /// grad, or neither does (a write may make both require grad). A view with history over a base without any is a
    /// result viewed out of an op's private buffer, not a view of anything the graph knows: it stands alone.
    /// </summary>
    public static bool IsDifferentiableView(Tensor t) => t.ViewBase is { } b && (b.RequiresGrad || !t.RequiresGrad);

    /// <summary>Records <c>b[region] = value</c> on the base <paramref name="b"/> (whose region view was written).</summary>
    public static void RebaseAssignment(Tensor b, Tensor region, Tensor value)
    {
        var node = new CopySlices(b, region, fn: null, value);
        node.Next = [Graph.EdgeOf(b), Graph.EdgeOf(value)];
        b.SetHistory(node);
    }

    /// <summary>
    /// Gives a view the history "these positions of the base's current history" (AsStridedBackward0): used when the
    /// base (through any view) was changed in place after the view's own node was recorded.
    /// </summary>
    public static void Regenerate(Tensor view)
    {
        var b = view.ViewBase!;
        if (!b.RequiresGrad) return;
        var node = new AsStridedBackward0(b, view) { Next = [Graph.EdgeOf(b)] };
        view.SetHistory(node);
    }
}
