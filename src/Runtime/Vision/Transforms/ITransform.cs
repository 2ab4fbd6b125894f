namespace StaticNet.Vision;

/// <summary>
/// A transform (torchvision's callable transform objects): turns one value into another with <see cref="Invoke"/>.
/// Image transforms are <c>ITransform&lt;Tensor, Tensor&gt;</c>; target transforms map a label, and may change its
/// type (<c>ITransform&lt;long, Tensor&gt;</c> for a one-hot encoding).
/// </summary>
/// <typeparam name="TIn">The input type.</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
public interface ITransform<in TIn, out TOut>
{
    /// <summary>Applies the transform (Python's <c>transform(x)</c>).</summary>
    TOut Invoke(TIn input);
}
