namespace StaticNet.Vision;

/// <summary>
/// Flips an image <c>[..., H, W]</c> left to right with probability <c>p</c> (torchvision's
/// <c>transforms.RandomHorizontalFlip</c>): one <c>Rand(1)</c> draw from the generator per call, flipping when it is
/// below <c>p</c>, so a seeded generator makes the same choices as <c>torch.manual_seed</c> does in PyTorch.
/// </summary>
public sealed class RandomHorizontalFlip : ITransform<Tensor, Tensor>
{
    private readonly Generator? _generator;

    /// <summary>Flips with probability <paramref name="p"/>, drawing from <paramref name="generator"/>
    /// (<see cref="Generator.Default"/> when null, which <c>Torch.ManualSeed</c> seeds).</summary>
    public RandomHorizontalFlip(double p = 0.5, Generator? generator = null)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "RandomHorizontalFlip: p should be in [0, 1].");
        P = p;
        _generator = generator;
    }

    /// <summary>The flip probability.</summary>
    public double P { get; }

    /// <inheritdoc/>
    public Tensor Invoke(Tensor input)
    {
        ImageOps.Dimensions(input, "RandomHorizontalFlip");
        double draw = Torch.Rand([1], generator: _generator).Item<float>();
        return draw < P ? ImageOps.FlipWidth(input) : input;
    }

    /// <inheritdoc/>
    public override string ToString() => $"RandomHorizontalFlip(p={P.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
}
