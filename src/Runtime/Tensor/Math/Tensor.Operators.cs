namespace StaticNet;

public partial class Tensor
{
    // C# numbers on either side of an operator are wrapped numbers: they take part in type promotion as Python
    // scalars do, so Arange(3) * 2 stays Int64 and Arange(3) * 2.5 is Float32.

    /// <summary>A C# integer as a 0-dim tensor operand (so <c>x[.., 2..4] = 100</c> compiles).</summary>
    public static implicit operator Tensor(long value) => Torch.Wrap(value);
    /// <summary>A C# double as a 0-dim tensor operand.</summary>
    public static implicit operator Tensor(double value) => Torch.Wrap(value);
    /// <summary>A C# bool as a 0-dim tensor operand.</summary>
    public static implicit operator Tensor(bool value) => Torch.Wrap(value);

    /// <summary>Element-wise sum.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);
    /// <summary>Adds an integer.</summary>
    public static Tensor operator +(Tensor a, long b) => a.Add(Torch.Wrap(b));
    /// <summary>Adds an integer.</summary>
    public static Tensor operator +(long a, Tensor b) => Torch.Wrap(a).Add(b);
    /// <summary>Adds a double.</summary>
    public static Tensor operator +(Tensor a, double b) => a.Add(Torch.Wrap(b));
    /// <summary>Adds a double.</summary>
    public static Tensor operator +(double a, Tensor b) => Torch.Wrap(a).Add(b);

    /// <summary>Element-wise difference.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);
    /// <summary>Subtracts an integer.</summary>
    public static Tensor operator -(Tensor a, long b) => a.Sub(Torch.Wrap(b));
    /// <summary>Subtracts from an integer.</summary>
    public static Tensor operator -(long a, Tensor b) => b.Rsub(Torch.Wrap(a));
    /// <summary>Subtracts a double.</summary>
    public static Tensor operator -(Tensor a, double b) => a.Sub(Torch.Wrap(b));
    /// <summary>Subtracts from a double.</summary>
    public static Tensor operator -(double a, Tensor b) => b.Rsub(Torch.Wrap(a));
    /// <summary>Negation.</summary>
    public static Tensor operator -(Tensor a) => a.Neg();

    /// <summary>Element-wise product.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);
    /// <summary>Multiplies by an integer.</summary>
    public static Tensor operator *(Tensor a, long b) => a.Mul(Torch.Wrap(b));
    /// <summary>Multiplies by an integer.</summary>
    public static Tensor operator *(long a, Tensor b) => Torch.Wrap(a).Mul(b);
    /// <summary>Multiplies by a double.</summary>
    public static Tensor operator *(Tensor a, double b) => a.Mul(Torch.Wrap(b));
    /// <summary>Multiplies by a double.</summary>
    public static Tensor operator *(double a, Tensor b) => Torch.Wrap(a).Mul(b);

    /// <summary>True division.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);
    /// <summary>Divides by an integer (true division).</summary>
    public static Tensor operator /(Tensor a, long b) => a.Div(Torch.Wrap(b));
    /// <summary>Divides an integer (true division).</summary>
    public static Tensor operator /(long a, Tensor b) => Torch.Wrap(a).Div(b);
    /// <summary>Divides by a double.</summary>
    public static Tensor operator /(Tensor a, double b) => a.Div(Torch.Wrap(b));
    /// <summary>Divides a double.</summary>
    public static Tensor operator /(double a, Tensor b) => Torch.Wrap(a).Div(b);

    /// <summary>Element-wise equality: a Bool tensor (use <see cref="object.ReferenceEquals"/> for identity).</summary>
    public static Tensor operator ==(Tensor a, Tensor b) => NotNull(a, "==").Eq(NotNull(b, "=="));
    /// <summary>Element-wise inequality: a Bool tensor.</summary>
    public static Tensor operator !=(Tensor a, Tensor b) => NotNull(a, "!=").Ne(NotNull(b, "!="));
    /// <summary>Element-wise &lt;.</summary>
    public static Tensor operator <(Tensor a, Tensor b) => a.Lt(b);
    /// <summary>Element-wise &gt;.</summary>
    public static Tensor operator >(Tensor a, Tensor b) => a.Gt(b);
    /// <summary>Element-wise &lt;=.</summary>
    public static Tensor operator <=(Tensor a, Tensor b) => a.Le(b);
    /// <summary>Element-wise &gt;=.</summary>
    public static Tensor operator >=(Tensor a, Tensor b) => a.Ge(b);

    /// <summary>Element-wise == with an integer.</summary>
    public static Tensor operator ==(Tensor a, long b) => NotNull(a, "==").Eq(Torch.Wrap(b));
    /// <summary>Element-wise != with an integer.</summary>
    public static Tensor operator !=(Tensor a, long b) => NotNull(a, "!=").Ne(Torch.Wrap(b));
    /// <summary>Element-wise &lt; an integer.</summary>
    public static Tensor operator <(Tensor a, long b) => a.Lt(Torch.Wrap(b));
    /// <summary>Element-wise &gt; an integer.</summary>
    public static Tensor operator >(Tensor a, long b) => a.Gt(Torch.Wrap(b));
    /// <summary>Element-wise &lt;= an integer.</summary>
    public static Tensor operator <=(Tensor a, long b) => a.Le(Torch.Wrap(b));
    /// <summary>Element-wise &gt;= an integer.</summary>
    public static Tensor operator >=(Tensor a, long b) => a.Ge(Torch.Wrap(b));
    /// <summary>Element-wise == with a double.</summary>
    public static Tensor operator ==(Tensor a, double b) => NotNull(a, "==").Eq(Torch.Wrap(b));
    /// <summary>Element-wise != with a double.</summary>
    public static Tensor operator !=(Tensor a, double b) => NotNull(a, "!=").Ne(Torch.Wrap(b));
    /// <summary>Element-wise &lt; a double.</summary>
    public static Tensor operator <(Tensor a, double b) => a.Lt(Torch.Wrap(b));
    /// <summary>Element-wise &gt; a double.</summary>
    public static Tensor operator >(Tensor a, double b) => a.Gt(Torch.Wrap(b));
    /// <summary>Element-wise &lt;= a double.</summary>
    public static Tensor operator <=(Tensor a, double b) => a.Le(Torch.Wrap(b));
    /// <summary>Element-wise &gt;= a double.</summary>
    public static Tensor operator >=(Tensor a, double b) => a.Ge(Torch.Wrap(b));

    /// <summary>Logical and of Bool tensors (<c>mask1 &amp; mask2</c>).</summary>
    public static Tensor operator &(Tensor a, Tensor b) => a.LogicalAnd(b);
    /// <summary>Logical or of Bool tensors.</summary>
    public static Tensor operator |(Tensor a, Tensor b) => a.LogicalOr(b);
    /// <summary>Logical xor of Bool tensors.</summary>
    public static Tensor operator ^(Tensor a, Tensor b) => a.LogicalXor(b);
    /// <summary>Logical not of a Bool tensor (<c>~mask</c>).</summary>
    public static Tensor operator ~(Tensor a) => a.LogicalNot();

    private static Tensor NotNull(Tensor? t, string op) => t ?? throw new ArgumentNullException(nameof(t),
        $"Tensor {op} null: the {op} operator compares elements. To test for null, use 'is null' / 'is not null'.");
}
