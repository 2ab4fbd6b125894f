namespace StaticNet.Vision;

/// <summary>
/// Wraps a function as a transform (torchvision's <c>transforms.Lambda</c>). Its types may differ, e.g. seed 004's
/// one-hot target transform
/// <c>new Lambda&lt;long, Tensor&gt;(y =&gt; Torch.Zeros([10], DType.Float32).Scatter_(0, Torch.Tensor(y), 1.0))</c>.
/// </summary>
/// <typeparam name="TIn">The input type.</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
public sealed class Lambda<TIn, TOut> : ITransform<TIn, TOut>
{
    private readonly Func<TIn, TOut> _func;

    /// <summary>Wraps <paramref name="func"/>.</summary>
    public Lambda(Func<TIn, TOut> func) => _func = func ?? throw new ArgumentNullException(nameof(func));

    /// <inheritdoc/>
    public TOut Invoke(TIn input) => _func(input);

    /// <inheritdoc/>
    public override string ToString() => "Lambda()";
}
