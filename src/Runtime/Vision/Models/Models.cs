using StaticNet.NN;

namespace StaticNet.Vision.Models;

/// <summary>
/// torchvision's model builders (<c>torchvision.models.resnet18(...)</c>): the declared models of this namespace with a
/// class count and, optionally, weights from a local torchvision-made state-dict file. Nothing is ever downloaded.
/// </summary>
public static class Models
{
    /// <summary>ResNet-18 (<c>torchvision.models.resnet18(num_classes=...)</c>).</summary>
    /// <param name="numClasses">The width of <c>fc</c> (1000: ImageNet's).</param>
    /// <param name="weights">A state dict saved by torchvision (<c>torch.save(model.state_dict(), path)</c>), or null for a fresh model.</param>
    /// <exception cref="FileNotFoundException">No file at <paramref name="weights"/>; the message says how to make one.</exception>
    public static Resnet18 Resnet18(int numClasses = 1000, string? weights = null)
    {
        var model = new Resnet18();
        if (numClasses != 1000) model.Layers.Fc = new Linear(512, CheckClasses(numClasses));
        return Load(model, weights, "resnet18");
    }

    /// <summary>ResNet-34 (<c>torchvision.models.resnet34(num_classes=...)</c>).</summary>
    /// <inheritdoc cref="Resnet18" path="/param"/>
    /// <exception cref="FileNotFoundException">No file at <paramref name="weights"/>; the message says how to make one.</exception>
    public static Resnet34 Resnet34(int numClasses = 1000, string? weights = null)
    {
        var model = new Resnet34();
        if (numClasses != 1000) model.Layers.Fc = new Linear(512, CheckClasses(numClasses));
        return Load(model, weights, "resnet34");
    }

    /// <summary>VGG-16 (<c>torchvision.models.vgg16(num_classes=...)</c>, no BatchNorm).</summary>
    /// <param name="numClasses">The width of <c>classifier.6</c> (1000: ImageNet's).</param>
    /// <param name="weights">A state dict saved by torchvision, or null for a fresh model.</param>
    /// <exception cref="FileNotFoundException">No file at <paramref name="weights"/>; the message says how to make one.</exception>
    public static Vgg16 Vgg16(int numClasses = 1000, string? weights = null)
    {
        var model = new Vgg16();
        if (numClasses != 1000) model.Layers.Classifier[6] = new Linear(4096, CheckClasses(numClasses));
        return Load(model, weights, "vgg16");
    }

    /// <summary>VGG-11 (<c>torchvision.models.vgg11(num_classes=...)</c>, no BatchNorm).</summary>
    /// <inheritdoc cref="Vgg16" path="/param"/>
    /// <exception cref="FileNotFoundException">No file at <paramref name="weights"/>; the message says how to make one.</exception>
    public static Vgg11 Vgg11(int numClasses = 1000, string? weights = null)
    {
        var model = new Vgg11();
        if (numClasses != 1000) model.Layers.Classifier[6] = new Linear(4096, CheckClasses(numClasses));
        return Load(model, weights, "vgg11");
    }

    private static int CheckClasses(int numClasses) =>
        numClasses > 0 ? numClasses : throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "numClasses must be positive");

    // Strict loading: every key and shape of the file must be torchvision's for this architecture and class count.
    private static T Load<T>(T model, string? weights, string builder) where T : Module
    {
        if (weights is null) return model;
        if (!File.Exists(weights))
            throw new FileNotFoundException(
                $"Models.{char.ToUpperInvariant(builder[0])}{builder[1..]}: no weights file '{weights}'. StaticNet never downloads weights; make the file " +
                $"with torchvision: python3 -c \"import torch, torchvision; torch.save(torchvision.models.{builder}().state_dict(), '{weights}')\" " +
                $"(pass weights='DEFAULT' to {builder}() for ImageNet's, and num_classes=... to match numClasses).", weights);
        model.LoadStateDict(Torch.Load(weights));
        return model;
    }
}
