namespace StaticNet;

/// <summary>
/// A two-dimensional size argument of a 2-D layer (kernel size, stride, padding, dilation, output size): one number
/// for both dimensions (<c>3</c>) or a <c>(height, width)</c> tuple, as PyTorch's <c>int or tuple</c> arguments.
/// </summary>
/// <remarks>
/// Converts implicitly from <c>int</c>, <c>long</c> and <c>(h, w)</c> tuples, so <c>new Conv2d(1, 6, 3)</c> and
/// <c>new Conv2d(1, 6, (3, 5))</c> both bind. It remembers which form it was given because PyTorch's pooling
/// layers print their arguments as given (<c>kernel_size=2</c> but <c>kernel_size=(2, 3)</c>).
/// </remarks>
public readonly struct Pair : IEquatable<Pair>
{
    /// <summary>A pair of two (possibly different) values.</summary>
    public Pair(long height, long width) : this(height, width, false)
    {
    }

    private Pair(long height, long width, bool isScalar)
    {
        Height = height;
        Width = width;
        IsScalar = isScalar;
    }

    /// <summary>The value for the height (first spatial) dimension.</summary>
    public long Height { get; }

    /// <summary>The value for the width (second spatial) dimension.</summary>
    public long Width { get; }

    /// <summary>True when given as one number (it then prints as that number).</summary>
    public bool IsScalar { get; }

    /// <summary>Both dimensions the same value.</summary>
    public static implicit operator Pair(long value) => new(value, value, true);

    /// <summary>Both dimensions the same value.</summary>
    public static implicit operator Pair(int value) => new(value, value, true);

    /// <summary>(height, width).</summary>
    public static implicit operator Pair((long Height, long Width) value) => new(value.Height, value.Width);

    /// <summary>(height, width).</summary>
    public static implicit operator Pair((int Height, int Width) value) => new(value.Height, value.Width);

    /// <summary>The pair as a tuple, for deconstruction: <c>var (h, w) = pair;</c>.</summary>
    public void Deconstruct(out long height, out long width)
    {
        height = Height;
        width = Width;
    }

    /// <summary>Python's form of the value as given: <c>2</c> or <c>(2, 3)</c>.</summary>
    public override string ToString() => IsScalar ? Height.ToString(System.Globalization.CultureInfo.InvariantCulture) : AsTuple();

    /// <summary>Always the tuple form <c>(2, 2)</c> (how convolutions print).</summary>
    public string AsTuple() => NN.PythonRepr.Tuple(Height, Width);

    /// <summary>Equal values (the form given does not matter).</summary>
    public bool Equals(Pair other) => Height == other.Height && Width == other.Width;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Pair p && Equals(p);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Height, Width);

    /// <summary>Equal values.</summary>
    public static bool operator ==(Pair a, Pair b) => a.Equals(b);

    /// <summary>Different values.</summary>
    public static bool operator !=(Pair a, Pair b) => !a.Equals(b);
}
