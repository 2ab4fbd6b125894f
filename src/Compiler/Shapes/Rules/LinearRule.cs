using System.Globalization;
using System.Linq;
using StaticNet.Compiler.Model;

namespace StaticNet.Compiler.Shapes.Rules;

/// <summary>Linear: <c>[*, in] → [*, out]</c>; the last dimension must be exactly <c>in</c>.</summary>
internal static class LinearRule
{
    public static RuleResult Infer(LinearSpec layer, RuleContext context)
    {
        var input = context.Input;
        if (input.Rank == 0 || input[input.Rank - 1] != DimSpec.Of(layer.In))
        {
            string actual = input.Rank == 0 ? "0" : input[input.Rank - 1].ToString();
            var failure = context.Fail(DiagnosticIds.LinearInputMismatch, context.LayerName, Text(layer.In), input.ToString(), context.Origin, actual, Text(layer.Out));
            // Only [B, n] makes the new width certain: a wider input more likely lacks a View than needs Linear(last dim, ...).
            bool certain = input.Rank == 2 && input[0] == DimSpec.Batch && !input[1].HasBatch && input[1].Factor > 0;
            return certain ? failure.WithReplacement(actual) : failure;
        }
        return context.Ok(ShapeSpec.Of(input.Dims.Take(input.Rank - 1).Append(DimSpec.Of(layer.Out))));
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
