namespace StaticNet.Vision;

/// <summary>
/// Applies image transforms one after another (torchvision's <c>transforms.Compose</c>):
/// <c>new Compose(new ToTensor(), new Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5]))</c>.
/// </summary>
public sealed class Compose : ITransform<Tensor, Tensor>
{
    private readonly ITransform<Tensor, Tensor>[] _transforms;

    /// <summary>Composes <paramref name="transforms"/>, applied in the order given.</summary>
    public Compose(params ITransform<Tensor, Tensor>[] transforms)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        for (int i = 0; i < transforms.Length; i++)
            if (transforms[i] is null) throw new ArgumentNullException(nameof(transforms), $"Compose: transform {i} is null.");
        _transforms = (ITransform<Tensor, Tensor>[])transforms.Clone();
    }

    /// <summary>The transforms, in application order.</summary>
    public IReadOnlyList<ITransform<Tensor, Tensor>> Transforms => _transforms;

    /// <inheritdoc/>
    public Tensor Invoke(Tensor input)
    {
        foreach (var t in _transforms) input = t.Invoke(input);
        return input;
    }

    /// <summary>Prints like torchvision: <c>Compose(\n    ToTensor()\n    Normalize(...)\n)</c>.</summary>
    public override string ToString() =>
        "Compose(\n" + string.Concat(_transforms.Select(t => $"    {t}\n")) + ")";
}
