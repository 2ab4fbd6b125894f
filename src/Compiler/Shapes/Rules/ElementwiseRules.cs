using System.Globalization;
using StaticNet.Compiler.Model;

namespace StaticNet.Compiler.Shapes.Rules;

/// <summary>Activations and Dropout keep the shape; Softmax/LogSoftmax also need their dimension to exist.</summary>
internal static class ElementwiseRule
{
    public static RuleResult Infer(RuleContext context) => context.Ok(context.Input);

    public static RuleResult InferSoftmax(long dim, RuleContext context)
    {
        int rank = context.Input.Rank;
        bool inRange = rank == 0 ? dim is 0 or -1 : dim >= -rank && dim < rank;
        return inRange
            ? context.Ok(context.Input)
            : context.Fail(DiagnosticIds.RankMismatch, context.LayerName, $"dimension {dim.ToString(CultureInfo.InvariantCulture)} to exist",
                context.Input.ToString(), context.Origin);
    }
}

/// <summary>BatchNorm2d: <c>[B, C, H, W]</c>, BatchNorm1d: <c>[B, C]</c> or <c>[B, C, L]</c>, with C = num_features; shape unchanged.</summary>
internal static class BatchNormRule
{
    public static RuleResult Infer(BatchNormSpec layer, RuleContext context)
    {
        if (layer.Dims == 2 && context.Input.Rank != 4) return context.NeedsImage();
        if (layer.Dims == 1 && context.Input.Rank is not (2 or 3))
            return context.Fail(DiagnosticIds.RankMismatch, context.LayerName, "a 2-D or 3-D input [B, C] or [B, C, L]", context.Input.ToString(), context.Origin);
        return context.Input[1] == DimSpec.Of(layer.NumFeatures)
            ? context.Ok(context.Input)
            : context.Fail(DiagnosticIds.ChannelMismatch, context.LayerName, layer.NumFeatures.ToString(CultureInfo.InvariantCulture),
                context.Input.ToString(), context.Origin).WithReplacement(context.Input[1].ToString());
    }
}
