namespace StaticNet;

public static partial class Torch
{
    /// <summary><c>torch.squeeze(x)</c>: <paramref name="input"/> without its size-1 dimensions (a view).</summary>
    public static Tensor Squeeze(Tensor input) => Checked(input).Squeeze();

    /// <summary><c>torch.squeeze(x, dim)</c>: <paramref name="input"/> without dimension <paramref name="dim"/> if its size is 1 (a view).</summary>
    public static Tensor Squeeze(Tensor input, int dim) => Checked(input).Squeeze(dim);

    /// <summary><c>torch.unsqueeze(x, dim)</c>: <paramref name="input"/> with a size-1 dimension inserted at <paramref name="dim"/> (a view).</summary>
    public static Tensor Unsqueeze(Tensor input, int dim) => Checked(input).Unsqueeze(dim);

    private static Tensor Checked(Tensor input) => input ?? throw new ArgumentNullException(nameof(input));
}
