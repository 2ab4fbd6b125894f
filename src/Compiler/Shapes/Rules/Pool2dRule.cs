using StaticNet.Compiler.Formulas;
using StaticNet.Compiler.Model;

namespace StaticNet.Compiler.Shapes.Rules;

/// <summary>The settings of a 2-D pooling window, from a layer attribute or an <c>F.MaxPool2d</c> call.</summary>
internal readonly record struct PoolWindow(long KernelH, long KernelW, long StrideH, long StrideW, long PadH, long PadW, long DilationH,
    long DilationW, bool Ceil)
{
    public static PoolWindow Square(long kernel, long stride, long padding) => new(kernel, kernel, stride, stride, padding, padding, 1, 1, false);
}

/// <summary>
/// MaxPool2d/AvgPool2d: <c>[B, C, H, W] → [B, C, H', W']</c> with PyTorch's pooling_output_shape (floor or ceil, and a
/// last window that must start inside the padded input).
/// </summary>
internal static class Pool2dRule
{
    public static RuleResult Infer(PoolWindow window, RuleContext context)
    {
        var input = context.Input;
        if (input.Rank != 4) return context.NeedsImage();
        var h = Size(input[2], window.KernelH, window.StrideH, window.PadH, window.DilationH, window.Ceil);
        var w = Size(input[3], window.KernelW, window.StrideW, window.PadW, window.DilationW, window.Ceil);
        if (h is null || w is null)
        {
            long extentH = WindowOutputSize.Extent(window.KernelH, window.DilationH), extentW = WindowOutputSize.Extent(window.KernelW, window.DilationW);
            return context.Fail(DiagnosticIds.KernelLargerThanInput, context.LayerName, $"{extentH}×{extentW}",
                $"{input[2].Factor + 2 * window.PadH}×{input[3].Factor + 2 * window.PadW}", input.ToString(), context.Origin);
        }
        return context.Ok(ShapeSpec.Of([input[0], input[1], DimSpec.Of(h.Value), DimSpec.Of(w.Value)]));
    }

    private static long? Size(DimSpec dim, long kernel, long stride, long pad, long dilation, bool ceil)
    {
        if (dim.HasBatch || stride <= 0) return null;
        long size = WindowOutputSize.Pooling(dim.Factor, kernel, stride, pad, dilation, ceil);
        return size < 1 ? null : size;
    }
}

/// <summary>AdaptiveAvgPool2d: <c>[B, C, H, W] → [B, C, h, w]</c> for any H, W.</summary>
internal static class AdaptiveAvgPool2dRule
{
    public static RuleResult Infer(long height, long width, RuleContext context) => context.Input.Rank != 4
        ? context.NeedsImage()
        : context.Ok(ShapeSpec.Of([context.Input[0], context.Input[1], DimSpec.Of(height), DimSpec.Of(width)]));
}
