using System.Numerics;

namespace StaticNet.Vision;

/// <summary>
/// Bilinear resampling of the last two dimensions with <c>align_corners=False</c> and no antialiasing: PyTorch's
/// <c>F.interpolate(mode="bilinear")</c> as torchvision 0.14's tensor <c>resize</c> calls it.
/// </summary>
/// <remarks>
/// For each output index i the source coordinate is <c>max(scale·(i + 0.5) − 0.5, 0)</c> with
/// <c>scale = in / out</c>; it interpolates between floor and the next pixel (clamped at the edge). Rows are
/// interpolated along the width first and then combined along the height, PyTorch's order of operations, in the
/// image's float type (Float32 for UInt8 images, which are then rounded half to even and cast back).
/// </remarks>
internal static class BilinearResize
{
    public static Tensor Resize(Tensor image, long outHeight, long outWidth)
    {
        var (_, h, w) = ImageOps.Dimensions(image, "resize");
        if (outHeight <= 0 || outWidth <= 0)
            throw new ArgumentException($"resize: output size should be greater than 0, got [{outHeight}, {outWidth}] for an image of shape {image.Shape}.");
        if (h == 0 || w == 0)
            throw new ArgumentException($"resize: cannot resize an empty image of shape {image.Shape}.");
        var source = image.DType switch
        {
            DType.Float32 or DType.Float64 => image.Contiguous(),
            DType.UInt8 => image.To(DType.Float32).Contiguous(),
            _ => throw new ArgumentException($"resize: expected a uint8, float32 or float64 image, got {image.DType.PyTorchName()}."),
        };
        var shape = image.Shape.ToArray();
        shape[^2] = outHeight;
        shape[^1] = outWidth;
        var result = new Tensor(shape, source.DType, zeroed: false);
        if (source.DType == DType.Float64) Run<double>(source, result, (int)h, (int)w);
        else Run<float>(source, result, (int)h, (int)w);
        if (image.DType != DType.UInt8) return result;
        var rounded = new Tensor(shape, DType.UInt8, zeroed: false);
        var values = result.ContiguousSpan<float>();
        var bytes = rounded.ContiguousSpan<byte>();
        for (int i = 0; i < values.Length; i++) bytes[i] = (byte)Math.Clamp(MathF.Round(values[i], MidpointRounding.ToEven), 0f, 255f);
        return rounded;
    }

    private static void Run<T>(Tensor source, Tensor result, int h, int w) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int oh = (int)result.Size(-2), ow = (int)result.Size(-1);
        var (y0, y1, wy0, wy1) = Weights<T>(h, oh);
        var (x0, x1, wx0, wx1) = Weights<T>(w, ow);
        var src = source.ContiguousSpan<T>();
        var dst = result.ContiguousSpan<T>();
        int planes = h * w == 0 ? 0 : src.Length / (h * w);
        for (int p = 0; p < planes; p++)
        {
            var plane = src.Slice(p * h * w, h * w);
            var output = dst.Slice(p * oh * ow, oh * ow);
            for (int oy = 0; oy < oh; oy++)
            {
                var top = plane.Slice(y0[oy] * w, w);
                var bottom = plane.Slice(y1[oy] * w, w);
                for (int ox = 0; ox < ow; ox++)
                {
                    T t = top[x0[ox]] * wx0[ox] + top[x1[ox]] * wx1[ox];
                    T b = bottom[x0[ox]] * wx0[ox] + bottom[x1[ox]] * wx1[ox];
                    output[oy * ow + ox] = t * wy0[oy] + b * wy1[oy];
                }
            }
        }
    }

    /// <summary>Source indices and weights along one axis (PyTorch's <c>compute_indices_weights_linear</c>).</summary>
    private static (int[] I0, int[] I1, T[] W0, T[] W1) Weights<T>(int inSize, int outSize) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T scale = T.CreateChecked(inSize) / T.CreateChecked(outSize);
        T half = T.CreateChecked(0.5);
        var i0 = new int[outSize];
        var i1 = new int[outSize];
        var w0 = new T[outSize];
        var w1 = new T[outSize];
        for (int i = 0; i < outSize; i++)
        {
            T real = T.Max(scale * (T.CreateChecked(i) + half) - half, T.Zero);
            int index = int.CreateTruncating(real);
            i0[i] = Math.Min(index, inSize - 1);
            i1[i] = index < inSize - 1 ? index + 1 : i0[i];
            w1[i] = real - T.CreateChecked(index);
            w0[i] = T.One - w1[i];
        }
        return (i0, i1, w0, w1);
    }
}
