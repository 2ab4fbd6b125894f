namespace StaticNet.Vision;

/// <summary>The transform that returns its input: what a dataset uses when no target transform is given.</summary>
internal sealed class Identity<T> : ITransform<T, T>
{
    public static readonly Identity<T> Instance = new();

    public T Invoke(T input) => input;
}
