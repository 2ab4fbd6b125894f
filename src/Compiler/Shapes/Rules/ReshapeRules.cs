using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using StaticNet.Compiler.Model;

namespace StaticNet.Compiler.Shapes.Rules;

/// <summary>Flatten: dimensions start..end (negative counts from the end) become their product.</summary>
internal static class FlattenRule
{
    public static RuleResult Infer(long startDim, long endDim, RuleContext context)
    {
        var input = context.Input;
        int rank = input.Rank;
        long start = startDim < 0 ? startDim + rank : startDim, end = endDim < 0 ? endDim + rank : endDim;
        if (rank == 0) return context.Ok(ShapeSpec.Of([DimSpec.Of(1)]));
        if (start < 0 || end >= rank || start > end)
            return context.Fail(DiagnosticIds.RankMismatch, context.LayerName, $"dimensions {startDim}..{endDim} to exist", input.ToString(), context.Origin);
        var merged = input.Dims.Skip((int)start).Take((int)(end - start + 1)).Aggregate(DimSpec.Of(1), (acc, d) => acc.Times(d));
        return context.Ok(ShapeSpec.Of(input.Dims.Take((int)start).Append(merged).Concat(input.Dims.Skip((int)end + 1))));
    }
}

/// <summary>
/// View/Reshape: the requested sizes (one may be −1) must hold the input's elements for every batch size B; a −1 takes
/// what is left, B included (<c>View(-1, 400)</c> of <c>[B, 16, 5, 5]</c> is <c>[B, 400]</c>).
/// </summary>
internal static class ViewRule
{
    public static RuleResult Infer(IReadOnlyList<long> sizes, RuleContext context)
    {
        var numel = context.Input.Numel();
        long known = sizes.Where(s => s != -1).Aggregate(1L, (a, s) => a * s);
        int inferred = sizes.Count(s => s == -1);
        string target = "[" + string.Join(", ", sizes.Select(s => s.ToString(CultureInfo.InvariantCulture))) + "]";
        RuleResult Mismatch() => context.Fail(DiagnosticIds.ElementCountMismatch, context.LayerName, target,
            inferred == 0 ? known.ToString(CultureInfo.InvariantCulture) : $"a multiple of {known}", context.Input.ToString(), Count(numel), context.Origin);
        if (inferred > 1 || sizes.Any(s => s < -1)) return Mismatch();
        if (inferred == 0)
            return numel == DimSpec.Of(known) ? context.Ok(ShapeSpec.Of(sizes.Select(DimSpec.Of))) : Mismatch();
        if (known == 0 || numel.Factor % known != 0) return Mismatch();
        var rest = new DimSpec(numel.Factor / known, numel.HasBatch);
        return context.Ok(ShapeSpec.Of(sizes.Select(s => s == -1 ? rest : DimSpec.Of(s))));
    }

    private static string Count(DimSpec numel) => numel.HasBatch
        ? (numel.Factor == 1 ? "B" : $"B·{numel.Factor.ToString(CultureInfo.InvariantCulture)}")
        : numel.Factor.ToString(CultureInfo.InvariantCulture);
}
