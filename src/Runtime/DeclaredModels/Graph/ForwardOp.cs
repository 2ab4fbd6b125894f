namespace StaticNet.NN;

/// <summary>What one step of a declared model's forward does (the compiler's <c>OpKind</c>).</summary>
public enum ForwardOpKind
{
    /// <summary>A declared layer: <see cref="ForwardOp.Target"/> is its module name in the state dict (<c>fc1</c>).</summary>
    Layer,

    /// <summary>
    /// An <c>F</c> function: Target is its name (Relu, Sigmoid, Tanh, LeakyRelu (Real: the slope), Gelu (Text: the
    /// approximation), Softmax/LogSoftmax (Ints: [dim]), Dropout (Real: p), MaxPool2d/AvgPool2d (Ints: kH, kW, sH, sW,
    /// pH, pW, dH, dW, ceil, and for AvgPool2d countIncludePad, divisorOverride or 0), AdaptiveAvgPool2d (Ints: [h, w])).
    /// </summary>
    Functional,

    /// <summary><c>x.View(...)</c> or <c>x.Reshape(...)</c>: Ints are the requested sizes.</summary>
    View,

    /// <summary><c>x.Flatten(start, end)</c>: Ints are [start, end].</summary>
    Flatten,

    /// <summary><c>a + b</c>.</summary>
    Add,

    /// <summary><c>a * b</c>.</summary>
    Mul,

    /// <summary><c>Torch.Cat([a, b, ...], dim)</c>: Ints are [dim].</summary>
    Cat,
}

/// <summary>One step of a declared model's forward pass: it reads <see cref="Inputs"/> (value numbers) and writes one value.</summary>
/// <param name="Kind">What the step does.</param>
/// <param name="Target">The layer's module name, or the function's name (see <see cref="ForwardOpKind"/>).</param>
/// <param name="Inputs">The values read.</param>
/// <param name="Ints">Integer arguments (see <see cref="ForwardOpKind"/>).</param>
/// <param name="Real">A floating-point argument (a slope, a probability).</param>
/// <param name="Text">A string argument (GELU's approximation).</param>
/// <param name="Source">The call as written in the forward body, for messages.</param>
public sealed record ForwardOp(ForwardOpKind Kind, string Target, int[] Inputs, long[] Ints, double Real, string Text, string Source);

/// <summary>
/// One dimension of a value's shape, relative to the batch size B: <see cref="Factor"/>, times B when
/// <see cref="HasBatch"/> (B itself is (1, true); a View folding the batch into features gives (576, true)).
/// </summary>
/// <param name="Factor">The size, or the multiple of B.</param>
/// <param name="HasBatch">Whether the size scales with the batch.</param>
public readonly record struct ForwardDim(long Factor, bool HasBatch)
{
    /// <summary>The size for batch size <paramref name="batch"/>.</summary>
    public long At(long batch) => HasBatch ? Factor * batch : Factor;
}

/// <summary>A value's shape with a symbolic batch: <c>[B, 16, 5, 5]</c>.</summary>
/// <param name="Dims">The dimensions.</param>
public sealed record ForwardShape(ForwardDim[] Dims)
{
    /// <summary>The shape for batch size <paramref name="batch"/>.</summary>
    public long[] At(long batch) => Array.ConvertAll(Dims, d => d.At(batch));

    /// <inheritdoc/>
    public override string ToString() =>
        "[" + string.Join(", ", Dims.Select(d => !d.HasBatch ? d.Factor.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : d.Factor == 1 ? "B" : d.Factor.ToString(System.Globalization.CultureInfo.InvariantCulture) + "B")) + "]";
}

/// <summary>A declared model whose forward the compiler traced: the generator implements this with its <see cref="ForwardGraph"/>.</summary>
public interface IDeclaredModel
{
    /// <summary>The forward pass as the compiler sees it.</summary>
    ForwardGraph ForwardGraph { get; }
}
