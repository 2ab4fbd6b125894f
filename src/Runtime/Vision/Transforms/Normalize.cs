using System.Globalization;
using System.Numerics;

namespace StaticNet.Vision;

/// <summary>
/// Normalizes each channel of a float image: <c>output[c] = (input[c] - mean[c]) / std[c]</c>
/// (torchvision's <c>transforms.Normalize</c>). <c>Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5])</c> maps [0, 1] to [-1, 1].
/// </summary>
/// <remarks>
/// Input: a Float32 or Float64 tensor <c>(..., C, H, W)</c>. <c>mean</c> and <c>std</c> hold C values, or one value that
/// broadcasts over every channel (as PyTorch's broadcasting allows). The statistics are first rounded to the image's
/// dtype and the arithmetic is done in it, as torchvision's <c>tensor.sub_(mean).div_(std)</c> does.
/// Shape: output has the input's shape; a new tensor unless <c>inplace</c>.
/// </remarks>
public sealed class Normalize : ITransform<Tensor, Tensor>
{
    private readonly double[] _mean;
    private readonly double[] _std;

    /// <summary>Per-channel statistics (one value each to apply to every channel).</summary>
    /// <param name="mean">Per-channel means.</param>
    /// <param name="std">Per-channel standard deviations (none may be zero).</param>
    /// <param name="inplace">Write the result into the input tensor.</param>
    public Normalize(double[] mean, double[] std, bool inplace = false)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Length == 0 || std.Length == 0)
            throw new ArgumentException($"Normalize: mean and std need at least one value each, got {mean.Length} and {std.Length}.");
        _mean = (double[])mean.Clone();
        _std = (double[])std.Clone();
        Inplace = inplace;
    }

    /// <summary>Whether the input is overwritten.</summary>
    public bool Inplace { get; }

    /// <inheritdoc/>
    public Tensor Invoke(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"Normalize: input tensor should be a float tensor. Got {input.DType.PyTorchName()} (apply ToTensor first).");
        if (input.Dim < 3)
            throw new ArgumentException($"Normalize: expected tensor to be a tensor image of size (..., C, H, W). Got tensor.size() = {input.Shape}.");
        long channels = input.Size(-3);
        foreach (var (name, values) in new[] { ("mean", _mean), ("std", _std) })
            if (values.Length != 1 && values.Length != channels)
                throw new ArgumentException(
                    $"Normalize: {name} has {values.Length} values but the image has {channels} channels (shape {input.Shape}); " +
                    $"expected 1 or {channels} values.");
        if (Inplace) input.CheckWritable("normalize_");
        if (Autograd.Graph.ShouldRecord(input))
        {
            // Differentiable path: the same arithmetic through recorded tensor ops.
            var shape = new long[] { channels, 1, 1 };
            var mean = Torch.Tensor(Expand(_mean, channels), input.DType).View(shape);
            var std = Torch.Tensor(Expand(_std, channels), input.DType).View(shape);
            CheckStd(std.ToArray<double>(), input.DType);
            return Inplace ? input.Sub_(mean).Div_(std) : (input - mean) / std;
        }
        var output = input.IsContiguous && Inplace ? input : input.CloneData();
        if (output.DType == DType.Float32) Apply<float>(output, channels);
        else Apply<double>(output, channels);
        output.Storage.BumpVersion();
        if (Inplace && !ReferenceEquals(output, input)) input.Copy_(output);
        return Inplace ? input : output;
    }

    private static double[] Expand(double[] values, long channels) =>
        values.Length == channels ? values : Enumerable.Repeat(values[0], (int)channels).ToArray();

    private static void CheckStd(double[] std, DType dtype)
    {
        for (int c = 0; c < std.Length; c++)
            if (std[c] == 0)
                throw new ArgumentException(
                    $"Normalize: std evaluated to zero after conversion to {dtype.PyTorchName()}, leading to division by zero (channel {c}).");
    }

    private void Apply<T>(Tensor image, long channels) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var mean = new T[channels];
        var std = new T[channels];
        for (int c = 0; c < channels; c++)
        {
            mean[c] = T.CreateChecked(_mean[_mean.Length == 1 ? 0 : c]);
            std[c] = T.CreateChecked(_std[_std.Length == 1 ? 0 : c]);
        }
        CheckStd(std.Select(double.CreateChecked).ToArray(), image.DType);
        var data = image.ContiguousSpan<T>();
        int plane = (int)(image.Size(-1) * image.Size(-2));
        for (int start = 0, c = 0; start < data.Length; start += plane, c = (int)((c + 1) % channels))
        {
            var p = data.Slice(start, plane);
            T m = mean[c], s = std[c];
            for (int i = 0; i < p.Length; i++) p[i] = (p[i] - m) / s;
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Normalize(mean={Format(_mean)}, std={Format(_std)})";

    private static string Format(double[] v) => "[" + string.Join(", ", v.Select(x => x.ToString(CultureInfo.InvariantCulture))) + "]";
}
