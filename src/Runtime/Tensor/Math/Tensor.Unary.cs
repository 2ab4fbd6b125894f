using StaticNet.Autograd;
using StaticNet.Kernels;

namespace StaticNet;

public partial class Tensor
{
    // Unary element-wise ops. Each records its backward node when this tensor requires grad; integer results
    // (floor of an integer tensor, say) never do, since integer tensors cannot require grad.

    /// <summary>-x.</summary>
    public Tensor Neg()
    {
        var r = Elementwise.Unary<NegateOperator>("neg", this);
        return Graph.ShouldRecord(this) ? Graph.Record(r, new NegBackward0(this), this) : r;
    }

    /// <summary>|x|.</summary>
    public Tensor Abs()
    {
        var r = Elementwise.Unary<AbsOperator>("abs", this);
        return Graph.ShouldRecord(this) ? Graph.Record(r, new AbsBackward0(this, this), this) : r;
    }

    /// <summary>max(x, 0) (<c>torch.relu</c>).</summary>
    public Tensor Relu()
    {
        var r = Elementwise.Unary<ReluOperator>("relu", this);
        return Graph.ShouldRecord(this) ? Graph.Record(r, new ReluBackward0(this, r), this) : r;
    }

    /// <summary>-1, 0 or 1 by sign (zero gradient).</summary>
    public Tensor Sign()
    {
        var r = Elementwise.Unary<SignOperator>("sign", this);
        return Graph.ShouldRecord(this) ? Graph.Record(r, new SignBackward0(this), this) : r;
    }

    /// <summary>Square root (integer input gives Float32).</summary>
    public Tensor Sqrt()
    {
        var r = Elementwise.FloatUnary<SqrtOperator>("sqrt", this);
        return Graph.ShouldRecord(this) ? Graph.Record(r, new SqrtBackward0(this, r), this) : r;
    }

    /// <summary>e^x.</summary>
    public Tensor Exp()
    {
        var r = Elementwise.FloatUnary<ExpOperator>("exp", this);
        return Graph.ShouldRecord(this) ? Graph.Record(r, new ExpBackward0(this, r), this) : r;
    }

    /// <summary>Natural logarithm.</summary>
    public Tensor Log()
    {
        var r = Elementwise.FloatUnary<LogOperator>("log", this);
        return Graph.ShouldRecord(this) ? Graph.Record(r, new LogBackward0(this), this) : r;
    }

    /// <summary>Sine.</summary>
    public Tensor Sin()
    {
        var r = Elementwise.FloatUnary<SinOperator>("sin", this);
        return Graph.ShouldRecord(this) ? Graph.Record(r, new SinBackward0(this), this) : r;
    }

    /// <summary>Cosine.</summary>
    public Tensor Cos()
    {
        var r = Elementwise.FloatUnary<CosOperator>("cos", this);
        return Graph.ShouldRecord(this) ? Graph.Record(r, new CosBackward0(this), this) : r;
    }

    /// <summary>Hyperbolic tangent.</summary>
    public Tensor Tanh()
    {
        var r = Elementwise.FloatUnary<TanhOperator>("tanh", this);
        return Graph.ShouldRecord(this) ? Graph.Record(r, new TanhBackward0(this, r), this) : r;
    }

    /// <summary>1 / (1 + e^-x).</summary>
    public Tensor Sigmoid()
    {
        var r = Elementwise.FloatUnary<SigmoidOperator>("sigmoid", this);
        return Graph.ShouldRecord(this) ? Graph.Record(r, new SigmoidBackward0(this, r), this) : r;
    }

    /// <summary>Round down (zero gradient).</summary>
    public Tensor Floor()
    {
        if (!DType.IsFloatingPoint()) return Clone();
        var r = Elementwise.FloatUnary<FloorOperator>("floor", this);
        return Graph.ShouldRecord(this) ? Graph.Record(r, new FloorBackward0(this), this) : r;
    }

    /// <summary>Round up (zero gradient).</summary>
    public Tensor Ceil()
    {
        if (!DType.IsFloatingPoint()) return Clone();
        var r = Elementwise.FloatUnary<CeilOperator>("ceil", this);
        return Graph.ShouldRecord(this) ? Graph.Record(r, new CeilBackward0(this), this) : r;
    }

    /// <summary>Round half to even (zero gradient).</summary>
    public Tensor Round()
    {
        if (!DType.IsFloatingPoint()) return Clone();
        var r = Elementwise.FloatUnary<RoundOperator>("round", this);
        return Graph.ShouldRecord(this) ? Graph.Record(r, new RoundBackward0(this), this) : r;
    }

    // In-place variants: nodes that read the result save this tensor after the kernel has written it; abs reads
    // the input, so it keeps a copy taken before the kernel overwrites it.

    /// <summary>In-place -x.</summary>
    public Tensor Neg_()
    {
        var node = Graph.ShouldRecord(this) ? new NegBackward0(this) : null;
        Elementwise.Unary<NegateOperator>("neg_", this, into: this, inPlace: true);
        return node is null ? this : Graph.Record(this, node, this);
    }

    /// <summary>In-place |x|.</summary>
    public Tensor Abs_()
    {
        var node = Graph.ShouldRecord(this) ? new AbsBackward0(this, Detach().Clone()) : null;
        Elementwise.Unary<AbsOperator>("abs_", this, into: this, inPlace: true);
        return node is null ? this : Graph.Record(this, node, this);
    }

    /// <summary>In-place relu.</summary>
    public Tensor Relu_()
    {
        bool record = Graph.ShouldRecord(this);
        Elementwise.Unary<ReluOperator>("relu_", this, into: this, inPlace: true);
        return record ? Graph.Record(this, new ReluBackward0(this, this), this) : this;
    }

    /// <summary>In-place e^x (floating tensors only).</summary>
    public Tensor Exp_()
    {
        bool record = Graph.ShouldRecord(this);
        Elementwise.FloatUnary<ExpOperator>("exp_", this, into: this, inPlace: true);
        return record ? Graph.Record(this, new ExpBackward0(this, this), this) : this;
    }

    /// <summary>In-place square root (floating tensors only).</summary>
    public Tensor Sqrt_()
    {
        bool record = Graph.ShouldRecord(this);
        Elementwise.FloatUnary<SqrtOperator>("sqrt_", this, into: this, inPlace: true);
        return record ? Graph.Record(this, new SqrtBackward0(this, this), this) : this;
    }
}
