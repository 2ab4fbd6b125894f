using StaticNet.Autograd;
using StaticNet.Kernels.Cpu;

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

    /// <summary>Element-wise power (<c>x.pow(y)</c>, <c>x ** y</c>).</summary>
    public Tensor Pow(Tensor exponent)
    {
        CheckIntegerPower(this, exponent);
        return Elementwise.Binary<PowOperator>("pow", this, exponent);
    }

    /// <summary>Each element to a floating power; an integer tensor gives Float32.</summary>
    public Tensor Pow(double exponent) => Pow(Torch.Wrap(exponent));
    /// <summary>Each element to an integer power; the dtype is kept.</summary>
    public Tensor Pow(long exponent) => Pow(Torch.Wrap(exponent));

    /// <summary>In-place power.</summary>
    public Tensor Pow_(Tensor exponent)
    {
        CheckIntegerPower(this, exponent);
        return Elementwise.Binary<PowOperator>("pow_", this, exponent, into: this, inPlace: true);
    }

    /// <summary>Element-wise maximum of two tensors (<c>torch.maximum</c>); NaN propagates.</summary>
    public Tensor Maximum(Tensor other) => Elementwise.Binary<MaximumOperator>("maximum", this, other);
    /// <summary>Element-wise minimum of two tensors (<c>torch.minimum</c>); NaN propagates.</summary>
    public Tensor Minimum(Tensor other) => Elementwise.Binary<MinimumOperator>("minimum", this, other);

    /// <summary>Limits each element to [min, max] (<c>x.clamp(min, max)</c>); either bound may be omitted. A floating bound on an integer tensor gives Float32.</summary>
    public Tensor Clamp(double? min = null, double? max = null) =>
        Clamp(min is { } lo ? Torch.Wrap(lo) : null, max is { } hi ? Torch.Wrap(hi) : null);

    /// <summary>Limits each element to integer bounds; the dtype is kept.</summary>
    public Tensor Clamp(long? min = null, long? max = null) =>
        Clamp(min is { } lo ? Torch.Wrap(lo) : null, max is { } hi ? Torch.Wrap(hi) : null);

    /// <summary>Limits each element to tensor bounds (broadcast).</summary>
    public Tensor Clamp(Tensor? min, Tensor? max)
    {
        if (min is null && max is null) throw new ArgumentException("clamp: at least one of 'min' or 'max' must not be None");
        var r = this;
        if (min is not null) r = Elementwise.Binary<MaximumOperator>("clamp", r, min);
        if (max is not null) r = Elementwise.Binary<MinimumOperator>("clamp", r, max);
        return ReferenceEquals(r, this) ? Clone() : r;
    }

    /// <summary>In-place <see cref="Clamp(double?, double?)"/>.</summary>
    public Tensor Clamp_(double? min = null, double? max = null)
    {
        if (min is null && max is null) throw new ArgumentException("clamp_: at least one of 'min' or 'max' must not be None");
        if (min is { } lo) Elementwise.Binary<MaximumOperator>("clamp_", this, Torch.Wrap(lo), into: this, inPlace: true);
        if (max is { } hi) Elementwise.Binary<MinimumOperator>("clamp_", this, Torch.Wrap(hi), into: this, inPlace: true);
        return this;
    }

    // ---- unary ----

    /// <summary>-x.</summary>
    public Tensor Neg() => Elementwise.Unary<NegateOperator>("neg", this);
    /// <summary>|x|.</summary>
    public Tensor Abs() => Elementwise.Unary<AbsOperator>("abs", this);
    /// <summary>max(x, 0) (<c>torch.relu</c>).</summary>
    public Tensor Relu() => Elementwise.Unary<ReluOperator>("relu", this);
    /// <summary>-1, 0 or 1 by sign.</summary>
    public Tensor Sign() => Elementwise.Unary<SignOperator>("sign", this);
    /// <summary>Square root (integer input gives Float32).</summary>
    public Tensor Sqrt() => Elementwise.FloatUnary<SqrtOperator>("sqrt", this);
    /// <summary>e^x.</summary>
    public Tensor Exp() => Elementwise.FloatUnary<ExpOperator>("exp", this);
    /// <summary>Natural logarithm.</summary>
    public Tensor Log() => Elementwise.FloatUnary<LogOperator>("log", this);
    /// <summary>Sine.</summary>
    public Tensor Sin() => Elementwise.FloatUnary<SinOperator>("sin", this);
    /// <summary>Cosine.</summary>
    public Tensor Cos() => Elementwise.FloatUnary<CosOperator>("cos", this);
    /// <summary>Hyperbolic tangent.</summary>
    public Tensor Tanh() => Elementwise.FloatUnary<TanhOperator>("tanh", this);
    /// <summary>1 / (1 + e^-x).</summary>
    public Tensor Sigmoid() => Elementwise.FloatUnary<SigmoidOperator>("sigmoid", this);
    /// <summary>Round down.</summary>
    public Tensor Floor() => DType.IsFloatingPoint() ? Elementwise.FloatUnary<FloorOperator>("floor", this) : Clone();
    /// <summary>Round up.</summary>
    public Tensor Ceil() => DType.IsFloatingPoint() ? Elementwise.FloatUnary<CeilOperator>("ceil", this) : Clone();
    /// <summary>Round half to even.</summary>
    public Tensor Round() => DType.IsFloatingPoint() ? Elementwise.FloatUnary<RoundOperator>("round", this) : Clone();

    /// <summary>In-place -x.</summary>
    public Tensor Neg_() => Elementwise.Unary<NegateOperator>("neg_", this, into: this, inPlace: true);
    /// <summary>In-place |x|.</summary>
    public Tensor Abs_() => Elementwise.Unary<AbsOperator>("abs_", this, into: this, inPlace: true);
    /// <summary>In-place relu.</summary>
    public Tensor Relu_() => Elementwise.Unary<ReluOperator>("relu_", this, into: this, inPlace: true);
    /// <summary>In-place e^x (floating tensors only).</summary>
    public Tensor Exp_() => Elementwise.FloatUnary<ExpOperator>("exp_", this, into: this, inPlace: true);
    /// <summary>In-place square root (floating tensors only).</summary>
    public Tensor Sqrt_() => Elementwise.FloatUnary<SqrtOperator>("sqrt_", this, into: this, inPlace: true);

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

    private static void CheckIntegerPower(Tensor self, Tensor exponent)
    {
        var t = TypePromotion.ResultType(self, exponent);
        if (t.IsFloatingPoint() || exponent.DType.IsFloatingPoint()) return;
        if (exponent.Lt(Torch.Wrap(0L)).Any().ItemBool())
            throw new ArgumentException("Integers to negative integer powers are not allowed.");
    }
}
