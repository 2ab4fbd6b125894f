using System.Globalization;
using StaticNet.Compiler.Formulas;
using StaticNet.Compiler.Model;
using StaticNet.Kernels;
using StaticNet.NN;

namespace StaticNet.Fused;

/// <summary>
/// The run-time side of a plan's sizes: a generated plan is compiled for the ops and the channel counts its layers
/// declare, not for one input size, so its <c>FusedShapes</c> computes each value's per-sample shape from the input's
/// (spatial sizes through <see cref="WindowOutputSize"/>, the one formula the compiler uses) and from the layer objects
/// (a replaced <c>fc</c> of another width). An input PyTorch would reject throws here with the analyzers' wording
/// (<see cref="DiagnosticIds.MessageFormat"/>), naming both shapes; a size the plan's kernels do not cover (uneven
/// adaptive pooling windows, a broadcast the compiler did not see) returns null, and the model runs eagerly.
/// </summary>
public static partial class FusedOps
{
    /// <summary>
    /// The dtype the fused plan runs in: Float32 or Float64 when <paramref name="x"/> is a batch <c>[B, *sample]</c> of
    /// <paramref name="sampleRank"/> sample dimensions with 0 &lt; B ≤ int.MaxValue and every parameter has x's dtype;
    /// null otherwise (the model then runs its forward eagerly). The sizes are checked by the plan's <c>FusedShapes</c>.
    /// The plan runs on the device x and the parameters share (its workspace is allocated there).
    /// </summary>
    /// <param name="x">The model input.</param>
    /// <param name="sampleRank">The rank of one sample (that of the model's declared <c>Input</c>).</param>
    /// <param name="parameters">The parameters the plan reads.</param>
    /// <exception cref="ArgumentException">x and a parameter (or two parameters) live on different devices.</exception>
    public static DType? PlanType(Tensor x, int sampleRank, params ReadOnlySpan<Tensor?> parameters)
    {
        if (x.DType is not (DType.Float32 or DType.Float64) || x.Dim != sampleRank + 1 || x.Size(0) == 0 || x.Size(0) > int.MaxValue) return null;
        foreach (var t in parameters) if (t is not null && t.DType != x.DType) return null;
        // One device for the whole plan, as every eager op requires of its operands: PyTorch's error, naming both.
        foreach (var t in parameters)
            if (t is not null && t.Device != x.Device) throw Backends.MixedDevices("the fused forward (input and parameters)", x.Device, t.Device);
        return x.DType;
    }

    /// <summary>
    /// True when <paramref name="current"/> can stand where the plan was compiled for <paramref name="declared"/>: the
    /// same module, or (Linear, Conv2d, BatchNorm, whose sizes the plan reads from the module) one of exactly its type
    /// with the options the plan was compiled for: a bias (affine) or not as declared, and for a Conv2d groups 1.
    /// Anything else (another type, a Dropout of another p) makes the model run eagerly.
    /// </summary>
    /// <param name="current">The module the model holds now.</param>
    /// <param name="declared">The module its constructor registered.</param>
    public static bool Fits(Module current, Module declared)
    {
        if (ReferenceEquals(current, declared)) return true;
        if (current is null || current.GetType() != declared.GetType()) return false;
        return (current, declared) switch
        {
            (Linear a, Linear b) => (a.Bias is null) == (b.Bias is null),
            (Conv2d a, Conv2d b) => a.Groups == 1 && (a.Bias is null) == (b.Bias is null),
            (BatchNorm a, BatchNorm b) => a.Affine == b.Affine && (a.RunningMean is null) == (b.RunningMean is null),
            _ => false,
        };
    }

    /// <summary>One sample's shape: x's dimensions after the batch.</summary>
    /// <param name="x">The batch.</param>
    public static long[] SampleOf(Tensor x)
    {
        var sample = new long[x.Dim - 1];
        for (int i = 0; i < sample.Length; i++) sample[i] = x.Size(i + 1);
        return sample;
    }

    /// <summary>True when x's dimensions after the batch are <paramref name="sample"/>.</summary>
    /// <param name="x">The batch.</param>
    /// <param name="sample">One sample's shape.</param>
    public static bool HasSample(Tensor x, long[] sample)
    {
        if (x.Dim != sample.Length + 1) return false;
        for (int i = 0; i < sample.Length; i++) if (x.Size(i + 1) != sample[i]) return false;
        return true;
    }

    /// <summary>True when each module is the one saved at its position (the sizes computed for them still hold).</summary>
    /// <param name="saved">The modules the sizes were computed from.</param>
    /// <param name="current">The modules now.</param>
    public static bool SameModules(Module[] saved, params ReadOnlySpan<Module> current)
    {
        if (saved.Length != current.Length) return false;
        for (int i = 0; i < saved.Length; i++) if (!ReferenceEquals(saved[i], current[i])) return false;
        return true;
    }

    /// <summary>The element count of one sample.</summary>
    /// <param name="sample">One sample's shape.</param>
    public static long Numel(long[] sample)
    {
        long n = 1;
        foreach (long d in sample) n = checked(n * d);
        return n;
    }

    /// <summary>True when two samples have the same shape (a view the plan was compiled for is still that view).</summary>
    /// <param name="a">One shape.</param>
    /// <param name="b">The other.</param>
    public static bool SameShape(long[] a, long[] b) => a.AsSpan().SequenceEqual(b);

    /// <summary>A Linear's output sample <c>[out]</c> for an input sample of <c>in</c> elements; SN0001's error otherwise.</summary>
    /// <param name="input">The input's sample as the plan holds it (a Flatten or View before the Linear only renames it).</param>
    /// <param name="layer">The Linear.</param>
    /// <param name="name">Its module name (<c>fc</c>).</param>
    /// <param name="x">The model input, named in the message.</param>
    /// <exception cref="ArgumentException">The sample does not hold exactly in_features elements.</exception>
    public static long[] LinearShape(long[] input, Linear layer, string name, Tensor x)
    {
        long n = Numel(input);
        if (n != layer.InFeatures)
            throw Mismatch(DiagnosticIds.LinearInputMismatch, name, Text(layer.InFeatures), Batch(x, [n]), Origin(x), Text(n), Text(layer.OutFeatures));
        return [layer.OutFeatures];
    }

    /// <summary>A Conv2d's output sample <c>[O, OH, OW]</c> for a <c>[C, H, W]</c> input sample; SN0002's or SN0003's error otherwise.</summary>
    /// <param name="input">The input's sample.</param>
    /// <param name="layer">The Conv2d (groups 1: <see cref="Fits"/>).</param>
    /// <param name="name">Its module name.</param>
    /// <param name="x">The model input, named in the message.</param>
    /// <exception cref="ArgumentException">Another channel count, or an input smaller than the kernel's extent.</exception>
    public static long[] Conv2dShape(long[] input, Conv2d layer, string name, Tensor x)
    {
        if (input.Length != 3) throw Mismatch(DiagnosticIds.RankMismatch, name, "a 4-D input [B, C, H, W]", Batch(x, input), Origin(x));
        if (input[0] != layer.InChannels) throw Mismatch(DiagnosticIds.ChannelMismatch, name, Text(layer.InChannels), Batch(x, input), Origin(x));
        long oh = WindowOutputSize.Convolution(input[1], layer.KernelSize.Height, layer.Stride.Height, layer.Padding.Height, layer.Dilation.Height);
        long ow = WindowOutputSize.Convolution(input[2], layer.KernelSize.Width, layer.Stride.Width, layer.Padding.Width, layer.Dilation.Width);
        if (oh < 1 || ow < 1)
            throw Mismatch(DiagnosticIds.KernelLargerThanInput, name,
                $"{WindowOutputSize.Extent(layer.KernelSize.Height, layer.Dilation.Height)}×{WindowOutputSize.Extent(layer.KernelSize.Width, layer.Dilation.Width)}",
                $"{input[1] + 2 * layer.Padding.Height}×{input[2] + 2 * layer.Padding.Width}", Batch(x, input), Origin(x));
        return [layer.OutChannels, oh, ow];
    }

    /// <summary>
    /// A max or average pooling of a <c>[C, H, W]</c> sample with the window the plan was compiled for: its sizes and the
    /// output sample; SN0003's error when no window fits.
    /// </summary>
    /// <param name="input">The input's sample.</param>
    /// <param name="window">kernel H, W, stride H, W, padding H, W, dilation H, W.</param>
    /// <param name="ceilMode">Ceil rather than floor.</param>
    /// <param name="countIncludePad">Average pooling: padding counts in the divisor.</param>
    /// <param name="name">The module or function name.</param>
    /// <param name="x">The model input, named in the message.</param>
    /// <param name="output">The output sample <c>[C, OH, OW]</c>.</param>
    /// <exception cref="ArgumentException">The input is not [C, H, W], or the padded input is smaller than the window.</exception>
    public static FusedPool2d Pool2dShape(long[] input, long[] window, bool ceilMode, bool countIncludePad, string name, Tensor x, out long[] output)
    {
        if (input.Length != 3) throw Mismatch(DiagnosticIds.RankMismatch, name, "a 4-D input [B, C, H, W]", Batch(x, input), Origin(x));
        long oh = WindowOutputSize.Pooling(input[1], window[0], window[2], window[4], window[6], ceilMode);
        long ow = WindowOutputSize.Pooling(input[2], window[1], window[3], window[5], window[7], ceilMode);
        if (oh < 1 || ow < 1)
            throw Mismatch(DiagnosticIds.KernelLargerThanInput, name,
                $"{WindowOutputSize.Extent(window[0], window[6])}×{WindowOutputSize.Extent(window[1], window[7])}",
                $"{input[1] + 2 * window[4]}×{input[2] + 2 * window[5]}", Batch(x, input), Origin(x));
        output = [input[0], oh, ow];
        return new FusedPool2d(checked((int)input[0]), checked((int)input[1]), checked((int)input[2]), (int)oh, (int)ow, (int)window[0], (int)window[1],
            (int)window[2], (int)window[3], (int)window[4], (int)window[5], (int)window[6], (int)window[7], countIncludePad);
    }

    /// <summary>
    /// AdaptiveAvgPool2d to <c>outHeight × outWidth</c> as the average pooling the plan runs (kernel = stride = H / OH),
    /// or null when the sizes do not divide (uneven windows, which the eager op computes).
    /// </summary>
    /// <param name="input">The input's sample.</param>
    /// <param name="outHeight">OH.</param>
    /// <param name="outWidth">OW.</param>
    /// <param name="name">The module or function name.</param>
    /// <param name="x">The model input, named in the message.</param>
    /// <param name="output">The output sample <c>[C, OH, OW]</c>.</param>
    /// <exception cref="ArgumentException">The input is not [C, H, W].</exception>
    public static FusedPool2d? AdaptiveAvgPool2dShape(long[] input, long outHeight, long outWidth, string name, Tensor x, out long[] output)
    {
        if (input.Length != 3) throw Mismatch(DiagnosticIds.RankMismatch, name, "a 4-D input [B, C, H, W]", Batch(x, input), Origin(x));
        output = [input[0], outHeight, outWidth];
        if (input[1] % outHeight != 0 || input[2] % outWidth != 0) return null;
        int kh = (int)(input[1] / outHeight), kw = (int)(input[2] / outWidth);
        return new FusedPool2d(checked((int)input[0]), checked((int)input[1]), checked((int)input[2]), (int)outHeight, (int)outWidth, kh, kw, kh, kw, 0, 0);
    }

    /// <summary>A BatchNorm's input sample, checked: <c>[C]</c>, <c>[C, L]</c> or <c>[C, H, W]</c> with C = num_features; SN0002's error otherwise.</summary>
    /// <param name="input">The input's sample.</param>
    /// <param name="layer">The BatchNorm.</param>
    /// <param name="name">Its module name.</param>
    /// <param name="x">The model input, named in the message.</param>
    /// <exception cref="ArgumentException">Another channel count.</exception>
    public static long[] BatchNormShape(long[] input, BatchNorm layer, string name, Tensor x)
    {
        if (input.Length == 0 || input[0] != layer.NumFeatures)
            throw Mismatch(DiagnosticIds.ChannelMismatch, name, Text(layer.NumFeatures), Batch(x, input), Origin(x));
        return input;
    }

    /// <summary>
    /// The result of an element-wise <c>a + b</c> the plan compiled for operands of one shape: a's when they still are;
    /// null when they now broadcast (the model then runs eagerly); SN0005's error when they do not.
    /// </summary>
    /// <param name="a">The left operand's sample.</param>
    /// <param name="b">The right operand's sample.</param>
    /// <param name="source">The expression, as the message quotes it.</param>
    /// <param name="x">The model input, named in the message.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static long[]? ElementwiseShape(long[] a, long[] b, string source, Tensor x)
    {
        if (SameShape(a, b)) return a;
        _ = BroadcastShape(a, b, source, x);
        return null;
    }

    /// <summary>The layout of a broadcasting <c>a + b</c> or <c>a * b</c> (NumPy's rules, lower ranks aligned from the end); SN0005's error otherwise.</summary>
    /// <param name="a">The left operand's sample.</param>
    /// <param name="b">The right operand's sample.</param>
    /// <param name="source">The expression, as the message quotes it.</param>
    /// <param name="x">The model input, named in the message.</param>
    /// <param name="output">The result's sample.</param>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static FusedBroadcast BroadcastLayout(long[] a, long[] b, string source, Tensor x, out long[] output)
    {
        output = BroadcastShape(a, b, source, x);
        return new FusedBroadcast(output, Align(a, output.Length), Align(b, output.Length));
    }

    /// <summary>The layout of a <c>Torch.Cat</c> along sample dimension <paramref name="dim"/> (≥ 1); SN0006's error when the other dimensions differ.</summary>
    /// <param name="dim">The joined dimension, counting the batch as 0.</param>
    /// <param name="source">The expression, as the message quotes it.</param>
    /// <param name="x">The model input, named in the message.</param>
    /// <param name="output">The result's sample.</param>
    /// <param name="inputs">The inputs' samples, in order.</param>
    /// <exception cref="ArgumentException">The ranks or the other dimensions differ.</exception>
    public static FusedConcat CatLayout(int dim, string source, Tensor x, out long[] output, params long[][] inputs)
    {
        var first = inputs[0];
        int d = dim - 1;
        output = (long[])first.Clone();
        output[d] = 0;
        var parts = new long[inputs.Length];
        for (int k = 0; k < inputs.Length; k++)
        {
            var s = inputs[k];
            bool fits = s.Length == first.Length;
            for (int i = 0; fits && i < s.Length; i++) fits = i == d || s[i] == first[i];
            if (!fits)
                throw Mismatch(DiagnosticIds.CatMismatch, Text(dim), Batch(x, first), source, Batch(x, s), Origin(x),
                    s.Length == first.Length ? "a dimension other than " + Text(dim) : "rank");
            output[d] += s[d];
            long part = 1;
            for (int i = d; i < s.Length; i++) part *= s[i];
            parts[k] = part;
        }
        long rows = 1;
        for (int i = 0; i < d; i++) rows *= first[i];
        return new FusedConcat(rows, parts);
    }

    private static long[] BroadcastShape(long[] a, long[] b, string source, Tensor x)
    {
        int rank = Math.Max(a.Length, b.Length);
        long[] pa = Align(a, rank), pb = Align(b, rank), result = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            if (pa[i] != pb[i] && pa[i] != 1 && pb[i] != 1)
                throw Mismatch(DiagnosticIds.BroadcastMismatch, source, Batch(x, a), Origin(x), Batch(x, b), Origin(x), Text(i + 1), Text(pa[i]), Text(pb[i]));
            result[i] = pa[i] == 1 ? pb[i] : pa[i];
        }
        return result;
    }

    private static long[] Align(long[] sample, int rank)
    {
        var aligned = new long[rank];
        aligned.AsSpan().Fill(1);
        sample.CopyTo(aligned, rank - sample.Length);
        return aligned;
    }

    private static ArgumentException Mismatch(string id, params object[] args)
    {
        string message = string.Format(CultureInfo.InvariantCulture, DiagnosticIds.MessageFormat(id), args);
        return new(message.EndsWith('.') ? message : message + ".");
    }

    // "[2, 4608]": a value of this batch, as the analyzers write [B, 4608] for any batch.
    private static string Batch(Tensor x, long[] sample) => "[" + string.Join(", ", new[] { x.Size(0) }.Concat(sample).Select(Text)) + "]";

    private static string Origin(Tensor x) => $"in the fused forward of an input {Batch(x, SampleOf(x))}";

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
