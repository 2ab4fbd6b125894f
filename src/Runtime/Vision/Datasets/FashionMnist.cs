namespace StaticNet.Vision;

/// <summary>
/// Fashion-MNIST (torchvision's <c>datasets.FashionMNIST</c>): 28×28 grayscale images of 10 kinds of clothing in
/// MNIST's IDX format, 60,000 for training and 10,000 for testing. Debian's <c>dataset-fashion-mnist</c> package
/// installs the gzipped files in <see cref="FashionMnist.DefaultRoot"/>. See <see cref="Mnist{TTarget}"/> for the
/// file names, the folders searched and the memory layout.
/// </summary>
/// <typeparam name="TTarget">The label type after the target transform.</typeparam>
public class FashionMnist<TTarget> : Mnist<TTarget>
{
    internal static readonly string[] ClothingClasses =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    internal const string InstallHint =
        "On Debian/Ubuntu, 'apt-get install dataset-fashion-mnist' installs them in " + FashionMnist.DefaultRoot + ".";

    /// <summary>Loads the training (<paramref name="train"/>) or test split from <paramref name="root"/>.</summary>
    /// <param name="root">The folder holding the IDX files (<see cref="FashionMnist.DefaultRoot"/> for Debian's package).</param>
    /// <param name="targetTransform">Maps each class index to the label (e.g. a one-hot <see cref="Lambda{TIn, TOut}"/>).</param>
    /// <param name="train">The training split, or else the test split.</param>
    /// <param name="transform">Applied to each UInt8 <c>[1, 28, 28]</c> image (e.g. <see cref="ToTensor"/>).</param>
    /// <param name="download">Must be false: StaticNet never downloads (the exception says where the files go).</param>
    public FashionMnist(string root, ITransform<long, TTarget> targetTransform, bool train = true,
        ITransform<Tensor, Tensor>? transform = null, bool download = false)
        : base("FashionMNIST", ClothingClasses, InstallHint, root, targetTransform, train, transform, download) { }
}

/// <summary>Fashion-MNIST with class-index labels: a <c>Dataset&lt;(Tensor Image, long Label)&gt;</c>
/// (<c>new FashionMnist(transform: new ToTensor())</c>). See <see cref="FashionMnist{TTarget}"/>.</summary>
public class FashionMnist : FashionMnist<long>
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the files.</summary>
    public const string DefaultRoot = "/usr/share/datasets/fashion-mnist";

    /// <summary>Loads a split of Fashion-MNIST.</summary>
    /// <param name="root">The folder holding the IDX files.</param>
    /// <param name="train">The training split, or else the test split.</param>
    /// <param name="transform">Applied to each UInt8 <c>[1, 28, 28]</c> image.</param>
    /// <param name="targetTransform">Applied to each class index (null: none).</param>
    /// <param name="download">Must be false (nothing is downloaded).</param>
    public FashionMnist(string root = DefaultRoot, bool train = true, ITransform<Tensor, Tensor>? transform = null,
        ITransform<long, long>? targetTransform = null, bool download = false)
        : base(root, targetTransform ?? Identity<long>.Instance, train, transform, download) { }
}
