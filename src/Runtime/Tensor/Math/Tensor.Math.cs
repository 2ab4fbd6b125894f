using StaticNet.Autograd;
using StaticNet.Kernels;

namespace StaticNet;

public partial class Tensor
{
    // ---- binary arithmetic (broadcasting, PyTorch's type promotion) ----

    /// <summary>Element-wise sum with broadcasting (<c>x + y</c>).</summary>
    public Tensor Add(Tensor other)
    {
        var r = Elementwise.Binary<AddOperator>("add", this, other);
        return Graph.ShouldRecord(this, other) ? Graph.Record(r, new AddBackward0(this, other), this, other) : r;
    }

    /// <summary>Element-wise difference (<c>x - y</c>).</summary>
    public Tensor Sub(Tensor other)
    {
        var r = Elementwise.Binary<SubtractOperator>("sub", this, other);
        return Graph.ShouldRecord(this, other) ? Graph.Record(r, new SubBackward0(this, other), this, other) : r;
    }

    /// <summary>Element-wise product (<c>x * y</c>).</summary>
    public Tensor Mul(Tensor other)
    {
        var r = Elementwise.Binary<MultiplyOperator>("mul", this, other);
        return Graph.ShouldRecord(this, other) ? Graph.Record(r, new MulBackward0(this, other), this, other) : r;
    }

    /// <summary>True division (<c>x / y</c>): integer operands give Float32, as in PyTorch.</summary>
    public Tensor Div(Tensor other)
    {
        var r = Elementwise.Binary<DivideOperator>("div", this, other, computeIn: TrueDivisionType(this, other));
        return Graph.ShouldRecord(this, other) ? Graph.Record(r, new DivBackward0(this, other), this, other) : r;
    }

    /// <summary><paramref name="value"/> - this (<c>torch.rsub</c>; what <c>2 - x</c> computes).</summary>
    internal Tensor Rsub(Tensor value)
    {
        var r = Elementwise.Binary<SubtractOperator>("rsub", value, this);
        return Graph.ShouldRecord(this) && !value.RequiresGrad ? Graph.Record(r, new RsubBackward1(this), this)
            : Graph.ShouldRecord(this, value) ? Graph.Record(r, new SubBackward0(value, this), value, this) : r;
    }

    /// <summary>In-place sum (<c>x.add_(y)</c>); the result must be castable to this tensor's dtype.</summary>
    public Tensor Add_(Tensor other)
    {
        var node = Graph.ShouldRecord(this, other) ? new AddBackward0(this, other) : null;
        Elementwise.Binary<AddOperator>("add_", this, other, into: this, inPlace: true);
        return node is null ? this : Graph.Record(this, node, this, other);
    }

    /// <summary>In-place difference.</summary>
    public Tensor Sub_(Tensor other)
    {
        var node = Graph.ShouldRecord(this, other) ? new SubBackward0(this, other) : null;
        Elementwise.Binary<SubtractOperator>("sub_", this, other, into: this, inPlace: true);
        return node is null ? this : Graph.Record(this, node, this, other);
    }

    /// <summary>In-place product.</summary>
    public Tensor Mul_(Tensor other)
    {
        // The node needs x as it was: the kernel overwrites it, so it keeps a copy.
        var node = Graph.ShouldRecord(this, other) ? new MulBackward0(this, other, other.RequiresGrad ? Detach().Clone() : null) : null;
        Elementwise.Binary<MultiplyOperator>("mul_", this, other, into: this, inPlace: true);
        return node is null ? this : Graph.Record(this, node, this, other);
    }

    /// <summary>In-place true division (an integer tensor cannot hold the floating result: error).</summary>
    public Tensor Div_(Tensor other)
    {
        var node = Graph.ShouldRecord(this, other) ? new DivBackward0(this, other, other.RequiresGrad ? Detach().Clone() : null) : null;
        Elementwise.Binary<DivideOperator>("div_", this, other, into: this, inPlace: true, computeIn: TrueDivisionType(this, other));
        return node is null ? this : Graph.Record(this, node, this, other);
    }

    // ---- comparisons (Bool results) ----

    /// <summary>Element-wise ==, a Bool tensor (<c>x.eq(y)</c>).</summary>
    public Tensor Eq(Tensor other) => Elementwise.Compare<EqualOperator>("eq", this, other);
    /// <summary>Element-wise !=.</summary>
    public Tensor Ne(Tensor other) => Elementwise.Compare<NotEqualOperator>("ne", this, other);
    /// <summary>Element-wise &lt;.</summary>
    public Tensor Lt(Tensor other) => Elementwise.Compare<LessThanOperator>("lt", this, other);
    /// <summary>Element-wise &lt;=.</summary>
    public Tensor Le(Tensor other) => Elementwise.Compare<LessThanOrEqualOperator>("le", this, other);
    /// <summary>Element-wise &gt;.</summary>
    public Tensor Gt(Tensor other) => Elementwise.Compare<GreaterThanOperator>("gt", this, other);
    /// <summary>Element-wise &gt;=.</summary>
    public Tensor Ge(Tensor other) => Elementwise.Compare<GreaterThanOrEqualOperator>("ge", this, other);

    /// <summary>True when both have the same shape and equal elements (<c>torch.equal</c>).</summary>
    public bool Equal(Tensor other) => ShapeSpan.SequenceEqual(other.ShapeSpan) && Eq(other).All().ItemBool();

    // ---- logical (Bool tensors) ----

    /// <summary>Element-wise logical and (non-zero is true).</summary>
    public Tensor LogicalAnd(Tensor other) => Elementwise.Binary<MultiplyOperator>("logical_and", Bool(), other.Bool(), computeIn: DType.Bool);
    /// <summary>Element-wise logical or.</summary>
    public Tensor LogicalOr(Tensor other) => Elementwise.Binary<MaximumOperator>("logical_or", Bool(), other.Bool(), computeIn: DType.Bool);
    /// <summary>Element-wise logical xor.</summary>
    public Tensor LogicalXor(Tensor other) => Bool().Ne(other.Bool());
    /// <summary>Element-wise logical not.</summary>
    public Tensor LogicalNot() => Bool().Eq(Torch.Wrap(false));

    /// <summary>Elements of <paramref name="x"/> where this Bool tensor is true, else of <paramref name="y"/> (<c>torch.where(cond, x, y)</c>).</summary>
    public Tensor Where(Tensor x, Tensor y) => Torch.Where(this, x, y);

    private static DType TrueDivisionType(Tensor a, Tensor b)
    {
        var t = TypePromotion.ResultType(a, b);
        return t.IsFloatingPoint() ? t : DType.Float32;
    }
}
