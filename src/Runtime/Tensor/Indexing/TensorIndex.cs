namespace StaticNet;

/// <summary>
/// One entry of a tensor index, <c>x[a, b, ...]</c>: an integer, a slice, <see cref="NewAxis"/>,
/// <see cref="Ellipsis"/> or a tensor (integer tensors index by position, Bool tensors are masks).
/// </summary>
/// <remarks>
/// C# numbers, <see cref="System.Index"/> (<c>^1</c>), <see cref="System.Range"/> (<c>1..3</c>, <c>..</c>, <c>^2..</c>)
/// and tensors convert implicitly, so <c>x[.., 2..4]</c> reads like PyTorch's <c>x[:, 2:4]</c>. Slices clamp their
/// bounds as Python does; a stepped slice is <see cref="Slice"/>.
/// </remarks>
public readonly struct TensorIndex
{
    internal enum IndexKind : byte { Integer, Slice, NewAxis, Ellipsis, Tensor }

    private TensorIndex(IndexKind kind, long integer = 0, bool fromEnd = false, long? start = null, long? stop = null,
        long step = 1, Tensor? tensor = null)
    {
        Kind = kind;
        Integer = integer;
        FromEnd = fromEnd;
        Start = start;
        Stop = stop;
        Step = step;
        Tensor = tensor;
    }

    internal IndexKind Kind { get; }

    /// <summary>For <see cref="IndexKind.Integer"/>: the index, or k of <c>^k</c> when <see cref="FromEnd"/>.</summary>
    internal long Integer { get; }

    internal bool FromEnd { get; }

    /// <summary>Slice bounds with Python's meaning: negative counts from the end, null is the open end.</summary>
    internal long? Start { get; }
    internal long? Stop { get; }
    internal long Step { get; }

    internal Tensor? Tensor { get; }

    /// <summary>Inserts a dimension of length 1 (PyTorch's <c>None</c>: <c>x[None]</c>, <c>x[:, None]</c>).</summary>
    public static TensorIndex NewAxis { get; } = new(IndexKind.NewAxis);

    /// <summary>Stands for as many full slices as needed to index every dimension (PyTorch's <c>...</c>).</summary>
    public static TensorIndex Ellipsis { get; } = new(IndexKind.Ellipsis);

    /// <summary>Python's <c>start:stop:step</c>: bounds may be negative (from the end) or null (open), and are clamped.</summary>
    /// <exception cref="ArgumentException">The step is zero or negative (PyTorch has no negative steps).</exception>
    public static TensorIndex Slice(long? start = null, long? stop = null, long step = 1)
    {
        if (step == 0) throw new ArgumentException("slice step cannot be zero");
        if (step < 0) throw new ArgumentException($"step must be greater than zero (got {step})");
        return new(IndexKind.Slice, start: start, stop: stop, step: step);
    }

    /// <summary>An integer index: selects one element and removes the dimension (negative counts from the end).</summary>
    public static implicit operator TensorIndex(int index) => new(IndexKind.Integer, index);

    /// <summary>An integer index: selects one element and removes the dimension (negative counts from the end).</summary>
    public static implicit operator TensorIndex(long index) => new(IndexKind.Integer, index);

    /// <summary>A C# index: <c>^1</c> is the last element.</summary>
    public static implicit operator TensorIndex(Index index) =>
        new(IndexKind.Integer, index.Value, fromEnd: index.IsFromEnd);

    /// <summary>A C# range as a slice: <c>1..3</c> is <c>1:3</c>, <c>..</c> is <c>:</c>, <c>^2..</c> is <c>-2:</c>.</summary>
    public static implicit operator TensorIndex(Range range)
    {
        // ^k is Python's -k, except ^0, which is the end: as a start it gives an empty slice, as a stop the open end.
        var s = range.Start;
        var e = range.End;
        long? start = !s.IsFromEnd ? s.Value : s.Value == 0 ? long.MaxValue : -(long)s.Value;
        long? stop = !e.IsFromEnd ? e.Value : e.Value == 0 ? null : -(long)e.Value;
        return new(IndexKind.Slice, start: start, stop: stop);
    }

    /// <summary>A tensor index: an Int64/Int32 tensor picks positions (advanced indexing), a Bool tensor is a mask.</summary>
    /// <exception cref="ArgumentNullException">The tensor is null.</exception>
    public static implicit operator TensorIndex(Tensor tensor) =>
        new(IndexKind.Tensor, tensor: tensor ?? throw new ArgumentNullException(nameof(tensor), "A null tensor cannot be an index."));

    /// <summary>The index in Python's notation (<c>1</c>, <c>1:3</c>, <c>::2</c>, <c>None</c>, <c>...</c>).</summary>
    public override string ToString() => Kind switch
    {
        IndexKind.Integer => FromEnd ? $"^{Integer}" : Integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        IndexKind.Slice => $"{Start}:{Stop}" + (Step == 1 ? "" : $":{Step}"),
        IndexKind.NewAxis => "None",
        IndexKind.Ellipsis => "...",
        _ => $"tensor of shape {Tensor!.Shape} ({Tensor.DType.PyTorchName()})",
    };
}
