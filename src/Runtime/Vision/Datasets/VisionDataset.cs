using StaticNet.Data;

namespace StaticNet.Vision;

/// <summary>
/// The base of the image datasets (torchvision's <c>VisionDataset</c>): a sample is <c>(Image, Label)</c>, the raw
/// image (a UInt8 tensor <c>[C, H, W]</c>) passed through <see cref="Transform"/> and the class index through
/// <see cref="TargetTransform"/>.
/// </summary>
/// <remarks>
/// A target transform may change the label's type, so the label type is a type parameter: the plain classes
/// (<c>FashionMnist</c>, <c>Cifar10</c> ...) are <c>Dataset&lt;(Tensor Image, long Label)&gt;</c>, and their generic
/// twins take a target transform to any type, e.g. seed 004's one-hot encoding:
/// <code>
/// var data = new FashionMnist&lt;Tensor&gt;(FashionMnist.DefaultRoot, train: true, transform: new ToTensor(),
///     targetTransform: new Lambda&lt;long, Tensor&gt;(y =&gt; Torch.Zeros([10], DType.Float32).Scatter_(0, Torch.Tensor(y), 1.0)));
/// </code>
/// </remarks>
/// <typeparam name="TTarget">The label type after the target transform.</typeparam>
public abstract class VisionDataset<TTarget> : Dataset<(Tensor Image, TTarget Label)>
{
    /// <summary>Stores the transforms.</summary>
    protected VisionDataset(ITransform<Tensor, Tensor>? transform, ITransform<long, TTarget> targetTransform)
    {
        Transform = transform;
        TargetTransform = targetTransform ?? throw new ArgumentNullException(nameof(targetTransform));
    }

    /// <summary>Applied to each raw image (null: the raw UInt8 <c>[C, H, W]</c> tensor is returned).</summary>
    public ITransform<Tensor, Tensor>? Transform { get; }

    /// <summary>Applied to each class index.</summary>
    public ITransform<long, TTarget> TargetTransform { get; }

    /// <summary>The sample at <paramref name="index"/>: the transformed image and label.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside [0, Count).</exception>
    public sealed override (Tensor Image, TTarget Label) this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(index), index,
                    $"index {index} is out of bounds for dimension 0 with size {Count} ({GetType().Name})");
            var (image, label) = GetRaw(index);
            return (Transform is null ? image : Transform.Invoke(image), TargetTransform.Invoke(label));
        }
    }

    /// <summary>The untransformed sample: a fresh UInt8 <c>[C, H, W]</c> image and its class index.</summary>
    protected abstract (Tensor Image, long Label) GetRaw(int index);
}
