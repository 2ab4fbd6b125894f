using StaticNet.Autograd;
using StaticNet.Kernels;

namespace StaticNet;

public partial class Tensor
{
    // pow, maximum/minimum and clamp: binary ops whose backward nodes depend on whether an operand is a C# number
    // (a wrapped number is a constant, so x.Pow(2) records PowBackward0 with one edge, as x ** 2 does in PyTorch).

    /// <summary>Element-wise power (<c>x.pow(y)</c>, <c>x ** y</c>).</summary>
    public Tensor Pow(Tensor exponent)
    {
        CheckIntegerPower(this, exponent);
        var r = Elementwise.Binary<PowOperator>("pow", this, exponent);
        if (!Graph.ShouldRecord(this, exponent)) return r;
        if (exponent.IsWrappedNumber) return Graph.Record(r, new PowBackward0(this, exponent.Item<double>()), this);
        return Graph.Record(r, new PowBackward1(this, exponent).WithResult(r), this, exponent);
    }

    /// <summary>Each element to a floating power; an integer tensor gives Float32.</summary>
    public Tensor Pow(double exponent) => Pow(Torch.Wrap(exponent));
    /// <summary>Each element to an integer power; the dtype is kept.</summary>
    public Tensor Pow(long exponent) => Pow(Torch.Wrap(exponent));

    /// <summary>In-place power.</summary>
    public Tensor Pow_(Tensor exponent)
    {
        CheckIntegerPower(this, exponent);
        Node? node = null;
        if (Graph.ShouldRecord(this, exponent))
        {
            // The kernel overwrites x, which both formulas read: keep a copy of it.
            node = exponent.IsWrappedNumber
                ? new PowBackward0(this, exponent.Item<double>(), Detach().Clone())
                : new PowBackward1(this, exponent, Detach().Clone());
        }
        Elementwise.Binary<PowOperator>("pow_", this, exponent, into: this, inPlace: true);
        if (node is PowBackward1 pow) return Graph.Record(this, pow.WithResult(this), this, exponent);
        return node is null ? this : Graph.Record(this, node, this);
    }

    /// <summary>Element-wise maximum of two tensors (<c>torch.maximum</c>); NaN propagates. At ties the gradient is split in half.</summary>
    public Tensor Maximum(Tensor other)
    {
        var r = Elementwise.Binary<MaximumOperator>("maximum", this, other);
        return Graph.ShouldRecord(this, other) ? Graph.Record(r, new MaximumBackward0(this, other), this, other) : r;
    }

    /// <summary>Element-wise minimum of two tensors (<c>torch.minimum</c>); NaN propagates. At ties the gradient is split in half.</summary>
    public Tensor Minimum(Tensor other)
    {
        var r = Elementwise.Binary<MinimumOperator>("minimum", this, other);
        return Graph.ShouldRecord(this, other) ? Graph.Record(r, new MinimumBackward0(this, other), this, other) : r;
    }

    /// <summary>Limits each element to [min, max] (<c>x.clamp(min, max)</c>); either bound may be omitted. A floating bound on an integer tensor gives Float32.</summary>
    public Tensor Clamp(double? min = null, double? max = null) =>
        Clamp(min is { } lo ? Torch.Wrap(lo) : null, max is { } hi ? Torch.Wrap(hi) : null);

    /// <summary>Limits each element to integer bounds; the dtype is kept.</summary>
    public Tensor Clamp(long? min = null, long? max = null) =>
        Clamp(min is { } lo ? Torch.Wrap(lo) : null, max is { } hi ? Torch.Wrap(hi) : null);

    /// <summary>Limits each element to tensor bounds (broadcast). Where min &gt; max the result is max, as in PyTorch.</summary>
    public Tensor Clamp(Tensor? min, Tensor? max)
    {
        if (min is null && max is null) throw new ArgumentException("clamp: at least one of 'min' or 'max' must not be None");
        var r = this;
        if (min is not null) r = Elementwise.Binary<MaximumOperator>("clamp", r, min);
        if (max is not null) r = Elementwise.Binary<MinimumOperator>("clamp", r, max);
        if (!Graph.ShouldRecord(this, min ?? this, max ?? this)) return r;
        // Number bounds are constants (ClampBackward1, one edge); tensor bounds get edges of their own.
        bool numberBounds = min?.IsWrappedNumber != false && max?.IsWrappedNumber != false;
        return numberBounds
            ? Graph.Record(r, new ClampBackward1(this, min, max), this)
            : Graph.Record(r, new ClampBackward0(this, min, max), this, min, max);
    }

    /// <summary>In-place <see cref="Clamp(double?, double?)"/>.</summary>
    public Tensor Clamp_(double? min = null, double? max = null)
    {
        if (min is null && max is null) throw new ArgumentException("clamp_: at least one of 'min' or 'max' must not be None");
        var lo = min is { } a ? Torch.Wrap(a) : null;
        var hi = max is { } b ? Torch.Wrap(b) : null;
        var node = Graph.ShouldRecord(this) ? new ClampBackward1(this, lo, hi, Detach().Clone()) : null;
        if (lo is not null) Elementwise.Binary<MaximumOperator>("clamp_", this, lo, into: this, inPlace: true);
        if (hi is not null) Elementwise.Binary<MinimumOperator>("clamp_", this, hi, into: this, inPlace: true);
        return node is null ? this : Graph.Record(this, node, this);
    }

    private static void CheckIntegerPower(Tensor self, Tensor exponent)
    {
        var t = TypePromotion.ResultType(self, exponent);
        if (t.IsFloatingPoint() || exponent.DType.IsFloatingPoint()) return;
        if (exponent.Lt(Torch.Wrap(0L)).Any().ItemBool())
            throw new ArgumentException("Integers to negative integer powers are not allowed.");
    }
}
