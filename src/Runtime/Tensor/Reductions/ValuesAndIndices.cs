namespace StaticNet;

/// <summary>
/// What <c>x.Max(dim)</c> and <c>x.Min(dim)</c> return: PyTorch's named tuple <c>torch.return_types.max</c> (or
/// <c>.min</c>). It deconstructs as the tuple does (<c>var (values, indices) = x.Max(dim: 1)</c>), indexes as it does
/// (<c>Torch.Max(x, 1)[1]</c>), and prints as PyTorch prints it:
/// <code>
/// torch.return_types.max(
/// values=tensor([3., 4.]),
/// indices=tensor([1, 1]))
/// </code>
/// </summary>
public sealed class ValuesAndIndices
{
    internal ValuesAndIndices(string op, Tensor values, Tensor indices)
    {
        Op = op;
        Values = values;
        Indices = indices;
    }

    /// <summary>The reduction that made it, as PyTorch names its return type (<c>"max"</c>, <c>"min"</c>).</summary>
    public string Op { get; }

    /// <summary>The selected elements (same dtype as the input; records the backward node).</summary>
    public Tensor Values { get; }

    /// <summary>Their positions along the reduced dimension (Int64, never requires grad).</summary>
    public Tensor Indices { get; }

    /// <summary>The field at <paramref name="index"/>: 0 is <see cref="Values"/>, 1 is <see cref="Indices"/>
    /// (PyTorch's <c>torch.max(x, 1)[1]</c>); negative indices count from the end as in Python.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not in [-2, 1] (Python's "tuple index out of range").</exception>
    public Tensor this[int index] => index switch
    {
        0 or -2 => Values,
        1 or -1 => Indices,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index,
            $"tuple index out of range: torch.return_types.{Op} has 2 fields (values, indices), index {index}."),
    };

    /// <summary>Deconstructs into <c>(values, indices)</c>, as Python unpacks the named tuple.</summary>
    public void Deconstruct(out Tensor values, out Tensor indices)
    {
        values = Values;
        indices = Indices;
    }

    /// <summary>The C# tuple, for code written against the tuple-returning form.</summary>
    public static implicit operator (Tensor Values, Tensor Indices)(ValuesAndIndices result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return (result.Values, result.Indices);
    }

    /// <summary>PyTorch's structseq repr: the type name, then one <c>field=repr</c> per line.</summary>
    public override string ToString() => $"torch.return_types.{Op}(\nvalues={Values},\nindices={Indices})";
}
