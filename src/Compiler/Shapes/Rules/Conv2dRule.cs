using System.Globalization;
using StaticNet.Compiler.Formulas;
using StaticNet.Compiler.Model;

namespace StaticNet.Compiler.Shapes.Rules;

/// <summary>
/// Conv2d: <c>[B, in, H, W] → [B, out, H', W']</c> with H' from <see cref="WindowOutputSize.Convolution"/>, as PyTorch computes it.
/// </summary>
internal static class Conv2dRule
{
    public static RuleResult Infer(Conv2dSpec layer, RuleContext context)
    {
        var input = context.Input;
        if (input.Rank != 4) return context.NeedsImage();
        if (input[1] != DimSpec.Of(layer.In))
            return context.Fail(DiagnosticIds.ChannelMismatch, context.LayerName, Text(layer.In), input.ToString(), context.Origin)
                .WithReplacement(input[1].ToString());
        long extent = WindowOutputSize.Extent(layer.Kernel, layer.Dilation);
        var dims = new DimSpec[4];
        dims[0] = input[0];
        dims[1] = DimSpec.Of(layer.Out);
        for (int i = 2; i < 4; i++)
        {
            long padded = input[i].Factor + 2 * layer.Padding;
            if (input[i].HasBatch || padded < extent)
                return context.Fail(DiagnosticIds.KernelLargerThanInput, context.LayerName, $"{extent}×{extent}", $"{padded}×{padded}", input.ToString(), context.Origin);
            dims[i] = DimSpec.Of(WindowOutputSize.Convolution(input[i].Factor, layer.Kernel, layer.Stride, layer.Padding, layer.Dilation));
        }
        return context.Ok(ShapeSpec.Of(dims));
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
