using StaticNet.Autograd;
using StaticNet.Kernels;

namespace StaticNet;

public partial class Tensor
{
    /// <summary>
    /// The coordinates of the non-zero elements (<c>x.nonzero()</c>): an Int64 tensor of shape [n, Dim], in
    /// row-major order. NaN counts as non-zero; a 0-dim tensor gives shape [1, 0] or [0, 0].
    /// </summary>
    public Tensor Nonzero()
    {
        var flags = To(DType.Bool).Contiguous();
        return Backends.Of(flags).Nonzero(flags);
    }

    /// <summary>
    /// A copy with <paramref name="value"/> wherever <paramref name="mask"/> is true (<c>x.masked_fill(mask, v)</c>);
    /// the mask and this tensor broadcast together.
    /// </summary>
    /// <param name="mask">A Bool tensor broadcastable with this one.</param>
    /// <param name="value">The fill value, converted to this tensor's dtype.</param>
    public Tensor MaskedFill(Tensor mask, double value) => MaskedFill(mask, Torch.ScalarTensor(value, DType.Float64));

    /// <summary>As <see cref="MaskedFill(Tensor, double)"/>, with the value as a 0-dim tensor.</summary>
    public Tensor MaskedFill(Tensor mask, Tensor value)
    {
        var m = CheckMask("masked_fill", mask);
        ArgumentNullException.ThrowIfNull(value);
        var shape = ShapeUtil.Broadcast(_shape, m._shape);
        Tensor result;
        using (Torch.NoGrad())
        {
            result = shape.AsSpan().SequenceEqual(_shape) ? Clone() : Expand(shape).Clone();
            result.MaskedFill_(m, value);
        }
        if (!Graph.ShouldRecord(this, value)) return result;
        return value.RequiresGrad
            ? Graph.Record(result, new MaskedFillBackward1(this, m, value), this, value)
            : Graph.Record(result, new MaskedFillBackward0(this, m), this);
    }

    /// <summary>Writes <paramref name="value"/> wherever <paramref name="mask"/> is true, in place (<c>x.masked_fill_(mask, v)</c>).</summary>
    /// <param name="mask">A Bool tensor that broadcasts to this tensor's shape.</param>
    /// <param name="value">The fill value, converted to this tensor's dtype.</param>
    public Tensor MaskedFill_(Tensor mask, double value) => MaskedFill_(mask, Torch.ScalarTensor(value, DType.Float64));

    /// <summary>As <see cref="MaskedFill_(Tensor, double)"/>, with the value as a 0-dim tensor.</summary>
    public Tensor MaskedFill_(Tensor mask, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var m = CheckMask("masked_fill_", mask);
        if (value.Dim != 0)
            throw new ArgumentException(
                $"masked_fill_ only supports a 0-dimensional value tensor, but got tensor with {value.Dim} dimension(s).");
        var shape = ShapeUtil.Broadcast(_shape, m._shape);
        if (!shape.AsSpan().SequenceEqual(_shape))
            throw new ArgumentException($"masked_fill_: output with shape {Shape} doesn't match the broadcast shape {StaticNet.Size.Format(shape)}");
        CheckWritable("masked_fill_");
        Node? node = !Graph.ShouldRecord(this, value) ? null
            : value.RequiresGrad ? new MaskedFillBackward1(this, m, value) : new MaskedFillBackward0(this, m);
        var fill = value.To(DType);
        Storage.BumpVersion();
        Backends.Of(m).Where(m, fill, this, this); // reads and writes each element at the same position: safe in place
        if (node is null) return this;
        return value.RequiresGrad ? Graph.Record(this, node, this, value) : Graph.Record(this, node, this);
    }

    /// <summary>
    /// The elements where <paramref name="mask"/> is true, as a new 1-D tensor in row-major order
    /// (<c>x.masked_select(mask)</c>); the mask and this tensor broadcast together.
    /// </summary>
    public Tensor MaskedSelect(Tensor mask)
    {
        var m = CheckMask("masked_select", mask);
        var shape = ShapeUtil.Broadcast(_shape, m._shape);
        Tensor result;
        using (Torch.NoGrad())
        {
            var self = shape.AsSpan().SequenceEqual(_shape) ? this : Expand(shape);
            if (self.Dim == 0) self = self.Unsqueeze(0);
            result = self[m.Expand(self._shape)];
        }
        return Graph.ShouldRecord(this) ? Graph.Record(result, new MaskedSelectBackward0(this, m, shape), this) : result;
    }

    /// <summary>The mask as a Bool tensor; UInt8 masks are accepted (PyTorch's deprecated form).</summary>
    private static Tensor CheckMask(string op, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (!IsMaskDType(mask.DType))
            throw new ArgumentException($"{op}: expected a bool tensor for mask, but got mask with dtype {mask.DType.PyTorchName()} (shape {mask.Shape})");
        return mask.To(DType.Bool);
    }
}
