namespace StaticNet.Vision;

/// <summary>The channels <see cref="Image.Read"/> returns (torchvision's <c>io.ImageReadMode</c>).</summary>
public enum ImageReadMode
{
    /// <summary>As stored in the file: 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA); palette images give RGB(A).</summary>
    Unchanged,
    /// <summary>One gray channel.</summary>
    Gray,
    /// <summary>Gray and alpha.</summary>
    GrayAlpha,
    /// <summary>Red, green, blue.</summary>
    Rgb,
    /// <summary>Red, green, blue, alpha.</summary>
    RgbAlpha,
}
