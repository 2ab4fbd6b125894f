namespace StaticNet.Autograd;

// Gradient rules of indexing, gather/scatter and masking. Reading elements sends their gradient back to the positions
// read, accumulating where a position was read twice; writing elements cuts the overwritten positions' gradient
// and routes it to the written values instead.

/// <summary>The gradient of an assigned value <c>v</c> (x[...] = v): the region's gradient summed over the dimensions v
/// was broadcast along. v's leading length-1 dimensions were dropped before broadcasting (PyTorch's slicePrefix1sSize).</summary>
internal static class AssignedValue
{
    public static Tensor Gradient(Tensor region, InputInfo value)
    {
        int lead = 0;
        while (lead < value.Shape.Length && value.Shape[lead] == 1) lead++;
        return Graph.SumTo(region, value.Shape.AsSpan(lead)).Reshape(value.Shape).To(value.DType);
    }
}

/// <summary>The saved index tensors of an advanced indexing (null for dimensions without one).</summary>
internal struct SavedIndices(Tensor?[] indices)
{
    private readonly SavedTensor[] _saved = indices.Select(t => t is null ? default : new SavedTensor(t)).ToArray();
    private readonly bool[] _present = indices.Select(t => t is not null).ToArray();

    public readonly Tensor?[] Unpack(Node owner)
    {
        var result = new Tensor?[_saved.Length];
        for (int i = 0; i < result.Length; i++) if (_present[i]) result[i] = _saved[i].Unpack(owner);
        return result;
    }

    public readonly void Release()
    {
        for (int i = 0; i < _saved.Length; i++) if (_present[i]) _saved[i].Release();
    }
}

/// <summary>y = x[indices] (integer or mask indices): dx is zero plus dy added at every indexed position
/// (<c>index_put_(accumulate: true)</c>), so a position indexed k times receives k gradients.</summary>
internal sealed class IndexBackward0(Tensor self, Tensor?[] indices) : Node
{
    private readonly InputInfo _self = new(self);
    private SavedIndices _indices = new(indices);
    public override string Name => "IndexBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var dx = Torch.Zeros(_self.Shape, _self.DType, g.Device);
        AdvancedIndex.Put(dx, _indices.Unpack(this), g, accumulate: true);
        return [dx];
    }

    internal override void Release() => _indices.Release();
}

/// <summary>x[indices] = v in place: dx_old = dy with the indexed positions zeroed (they were overwritten);
/// dv = dy at the indexed positions, summed over the dimensions v was broadcast along.</summary>
internal sealed class IndexPutBackward0(Tensor self, Tensor?[] indices, Tensor value) : Node
{
    private readonly InputInfo _self = new(self), _value = new(value);
    private SavedIndices _indices = new(indices);
    public override string Name => "IndexPutBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var indices = _indices.Unpack(this);
        Tensor? dx = null;
        if (_self.RequiresGrad)
        {
            dx = g.Clone();
            AdvancedIndex.Put(dx, indices, Torch.Zeros([], _self.DType, g.Device), accumulate: false);
        }
        var dv = _value.RequiresGrad ? AssignedValue.Gradient(AdvancedIndex.Get(g, indices), _value) : null;
        return [dx, dv];
    }

    internal override void Release() => _indices.Release();
}

/// <summary>y = x.IndexSelect(dim, index): dx is zero plus each slice of dy added at its selected position along dim.</summary>
internal sealed class IndexSelectBackward0(Tensor self, int dim, Tensor index) : Node
{
    private readonly InputInfo _self = new(self);
    private SavedTensor _index = new(index);
    public override string Name => "IndexSelectBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var dx = Torch.Zeros(_self.Shape, _self.DType, g.Device);
        var target = dx.Dim == 0 ? dx.View(1) : dx; // a 0-dim input is selected from as 1-D
        var index = _index.Unpack(this);
        var indices = new Tensor?[target.Dim];
        indices[dim] = index.Dim == 0 ? index.View(1) : index;
        var shape = target.ShapeArray.ToArray();
        shape[dim] = index.Numel;
        AdvancedIndex.Put(target, indices, g.Reshape(shape), accumulate: true);
        return [dx];
    }

    internal override void Release() => _index.Release();
}

/// <summary>y = x.MaskedFill(mask, number): dx = dy where the mask is false, 0 where it is true.</summary>
internal sealed class MaskedFillBackward0(Tensor self, Tensor mask) : Node
{
    private readonly InputInfo _self = new(self);
    private SavedTensor _mask = new(mask);
    public override string Name => "MaskedFillBackward0";
    internal override Tensor?[] Apply(Tensor g) => [_self.Reduce(g.MaskedFill(_mask.Unpack(this), 0.0))];
    internal override void Release() => _mask.Release();
}

/// <summary>y = x.MaskedFill(mask, v) for a 0-dim tensor v: dx = dy where the mask is false;
/// dv = the sum of dy where the mask is true.</summary>
internal sealed class MaskedFillBackward1(Tensor self, Tensor mask, Tensor value) : Node
{
    private readonly InputInfo _self = new(self), _value = new(value);
    private SavedTensor _mask = new(mask);
    public override string Name => "MaskedFillBackward1";

    internal override Tensor?[] Apply(Tensor g)
    {
        var mask = _mask.Unpack(this);
        return
        [
            _self.RequiresGrad ? _self.Reduce(g.MaskedFill(mask, 0.0)) : null,
            _value.RequiresGrad ? _value.Reduce(g.MaskedSelect(mask).Sum()) : null,
        ];
    }

    internal override void Release() => _mask.Release();
}

/// <summary>y = x.MaskedSelect(mask): dx is zero except at the selected positions, which receive dy in order
/// (then summed over the dimensions the mask broadcast x along).</summary>
internal sealed class MaskedSelectBackward0(Tensor self, Tensor mask, long[] broadcastShape) : Node
{
    private readonly InputInfo _self = new(self);
    private SavedTensor _mask = new(mask);
    public override string Name => "MaskedSelectBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var full = Torch.Zeros(broadcastShape, _self.DType, g.Device);
        var target = full.Dim == 0 ? full.View(1) : full;
        target[_mask.Unpack(this).Expand(target.ShapeArray)] = g;
        return [_self.Reduce(full)];
    }

    internal override void Release() => _mask.Release();
}
