using StaticNet.Compiler.Formulas;
using StaticNet.Kernels;

namespace StaticNet;

/// <summary>Argument checks of the poolings, with PyTorch's messages (prefixed with the op's name).</summary>
internal static class PoolingChecks
{
    /// <summary>Validates a window pooling and returns its geometry and output shape (3-D for an unbatched input).</summary>
    public static (Pool2dGeometry Geometry, long[] OutputShape) Pool2d(string op, Tensor input, Pair kernel, Pair stride, Pair padding,
        Pair dilation, bool ceilMode)
    {
        CheckInput(op, input);
        if (stride.Height == 0 || stride.Width == 0) throw new ArgumentException($"{op}: stride should not be zero");
        if (padding.Height < 0 || padding.Width < 0)
            throw new ArgumentException($"{op}: pad must be non-negative, but got pad: {Math.Min(padding.Height, padding.Width)}");
        if (padding.Height > kernel.Height / 2 || padding.Width > kernel.Width / 2)
        {
            bool heightFails = padding.Height > kernel.Height / 2;
            throw new ArgumentException(
                $"{op}: pad should be at most half of kernel size, but got pad={(heightFails ? padding.Height : padding.Width)} " +
                $"and kernel_size={(heightFails ? kernel.Height : kernel.Width)}");
        }
        if (kernel.Height <= 0 || kernel.Width <= 0)
            throw new ArgumentException($"{op}: kernel size should be greater than zero, but got kH: {kernel.Height} kW: {kernel.Width}");
        if (stride.Height < 0 || stride.Width < 0)
            throw new ArgumentException($"{op}: stride should be greater than zero, but got dH: {stride.Height} dW: {stride.Width}");
        if (dilation.Height <= 0 || dilation.Width <= 0)
            throw new ArgumentException(
                $"{op}: dilation should be greater than zero, but got dilationH: {dilation.Height} dilationW: {dilation.Width}");

        long c = input.Size(-3), h = input.Size(-2), w = input.Size(-1);
        long oh = WindowOutputSize.Pooling(h, kernel.Height, stride.Height, padding.Height, dilation.Height, ceilMode);
        long ow = WindowOutputSize.Pooling(w, kernel.Width, stride.Width, padding.Width, dilation.Width, ceilMode);
        if (oh < 1 || ow < 1)
            throw new ArgumentException(
                $"{op}: Given input size: ({c}x{h}x{w}). Calculated output size: ({c}x{oh}x{ow}). Output size is too small");
        var geometry = new Pool2dGeometry(Planes(input), (int)h, (int)w, (int)oh, (int)ow, Int(kernel.Height), Int(kernel.Width),
            Int(stride.Height), Int(stride.Width), (int)padding.Height, (int)padding.Width, Int(dilation.Height), Int(dilation.Width));
        return (geometry, OutputShape(input, oh, ow));
    }

    /// <summary>Validates an adaptive pooling; an output size of 0 gives an empty output, as in PyTorch.</summary>
    public static (Pool2dGeometry Geometry, long[] OutputShape) AdaptivePool2d(string op, Tensor input, Pair outputSize)
    {
        if (input.Dim is not (3 or 4)) throw new ArgumentException($"{op}(): Expected 3D or 4D tensor, but got {input.Shape}");
        for (int d = input.Dim - 3; d < input.Dim; d++)
            if (input.Size(d) == 0)
                throw new ArgumentException(
                    $"{op}(): Expected input to have non-zero size for non-batch dimensions, but input has sizes {input.Shape} with dimension {d} being empty");
        CheckDType(op, input);
        if (outputSize.Height < 0 || outputSize.Width < 0)
            throw new ArgumentException(
                $"{op}: elements of output_size must be greater than or equal to 0 but received {{{outputSize.Height}, {outputSize.Width}}}");
        var geometry = new Pool2dGeometry(Planes(input), (int)input.Size(-2), (int)input.Size(-1), Int(outputSize.Height), Int(outputSize.Width),
            0, 0, 0, 0, 0, 0);
        return (geometry, OutputShape(input, outputSize.Height, outputSize.Width));
    }

    private static void CheckInput(string op, Tensor input)
    {
        if (input.Dim is not (3 or 4) || input.Size(-1) == 0 || input.Size(-2) == 0 || input.Size(-3) == 0)
            throw new ArgumentException(
                $"{op}: Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got: {input.Shape}");
        CheckDType(op, input);
    }

    private static void CheckDType(string op, Tensor input)
    {
        if (input.DType is not (DType.Float32 or DType.Float64))
            throw new NotSupportedException($"\"{op}\" not implemented for '{input.DType.PyTorchName()}'");
    }

    private static int Planes(Tensor input) => (int)(input.Dim == 4 ? input.Size(0) * input.Size(1) : input.Size(0));

    private static long[] OutputShape(Tensor input, long oh, long ow) =>
        input.Dim == 4 ? [input.Size(0), input.Size(1), oh, ow] : [input.Size(0), oh, ow];

    private static int Int(long value) => value <= int.MaxValue ? (int)value
        : throw new ArgumentException($"pooling argument {value} is larger than {int.MaxValue}");
}
