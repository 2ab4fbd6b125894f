namespace StaticNet;

/// <summary>Declares an <see cref="NN.MaxPool2d"/> layer with a square window.</summary>
/// <param name="kernel">Window size.</param>
/// <param name="stride">Window step; 0 (the default) means the window size, as PyTorch's <c>stride=None</c>.</param>
/// <param name="padding">Implicit −∞ on both sides.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool2dAttribute(int kernel, int stride = 0, int padding = 0) : LayerAttribute
{
    /// <summary>Window size.</summary>
    public int Kernel { get; } = kernel;

    /// <summary>Window step (0: the window size).</summary>
    public int Stride { get; } = stride;

    /// <summary>Padding on each side.</summary>
    public int Padding { get; } = padding;
}

/// <summary>Declares an <see cref="NN.AvgPool2d"/> layer with a square window.</summary>
/// <param name="kernel">Window size.</param>
/// <param name="stride">Window step; 0 (the default) means the window size.</param>
/// <param name="padding">Zero padding on both sides.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class AvgPool2dAttribute(int kernel, int stride = 0, int padding = 0) : LayerAttribute
{
    /// <summary>Window size.</summary>
    public int Kernel { get; } = kernel;

    /// <summary>Window step (0: the window size).</summary>
    public int Stride { get; } = stride;

    /// <summary>Padding on each side.</summary>
    public int Padding { get; } = padding;
}

/// <summary>Declares an <see cref="NN.AdaptiveAvgPool2d"/> layer: output <c>[B, C, height, width]</c>.</summary>
/// <param name="height">Output height.</param>
/// <param name="width">Output width; 0 (the default) means the same as <paramref name="height"/>.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class AdaptiveAvgPool2dAttribute(int height, int width = 0) : LayerAttribute
{
    /// <summary>Output height.</summary>
    public int Height { get; } = height;

    /// <summary>Output width (0: the height).</summary>
    public int Width { get; } = width;
}
