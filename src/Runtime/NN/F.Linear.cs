namespace StaticNet;

public static partial class F
{
    /// <summary>
    /// y = x·Wᵀ + b (<c>F.linear</c>). A 2-D input with a bias runs as one <c>Addmm</c>, as in PyTorch, so the result's
    /// GradFn is <c>AddmmBackward0</c>.
    /// </summary>
    /// <param name="input"><c>(*, in_features)</c>.</param>
    /// <param name="weight"><c>[out_features, in_features]</c>.</param>
    /// <param name="bias"><c>[out_features]</c> or null.</param>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        if (weight.Dim != 2)
            throw new ArgumentException($"linear: weight must be 2-D [out_features, in_features], got shape {weight.Shape}.");
        if (input.Dim == 0 || input.Size(-1) != weight.Size(1))
            throw new ArgumentException(
                $"linear: input shape {input.Shape} does not end in in_features = {weight.Size(1)} (weight shape {weight.Shape}).");
        if (input.Dim == 2 && bias is not null) return Torch.Addmm(bias, input, weight.T);
        var output = input.Matmul(weight.T);
        return bias is null ? output : output + bias;
    }
}
