namespace FashionMnistSample;

/// <summary>Fashion-MNIST's ten class names, by label: what the samples print for a prediction.</summary>
public static class Clothing
{
    /// <summary>The names of labels 0 to 9, as torchvision's <c>FashionMNIST.classes</c> lists them.</summary>
    public static readonly string[] Classes =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
}
