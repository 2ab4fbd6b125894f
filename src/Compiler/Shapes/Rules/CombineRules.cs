using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using StaticNet.Compiler.Model;

namespace StaticNet.Compiler.Shapes.Rules;

/// <summary><c>a + b</c>, <c>a * b</c>: NumPy broadcasting from the trailing dimension (a size 1 stretches).</summary>
internal static class BroadcastRule
{
    public static RuleResult Infer(string op, ShapeSpec a, ShapeSpec b, string originOfB, RuleContext context)
    {
        int rank = System.Math.Max(a.Rank, b.Rank);
        var dims = new DimSpec[rank];
        for (int i = 1; i <= rank; i++)
        {
            var x = i <= a.Rank ? a[a.Rank - i] : DimSpec.Of(1);
            var y = i <= b.Rank ? b[b.Rank - i] : DimSpec.Of(1);
            if (x == y || y == DimSpec.Of(1)) dims[rank - i] = x;
            else if (x == DimSpec.Of(1)) dims[rank - i] = y;
            else return context.Fail(DiagnosticIds.BroadcastMismatch, op, a.ToString(), context.Origin, b.ToString(), originOfB,
                (rank - i).ToString(CultureInfo.InvariantCulture), x.ToString(), y.ToString());
        }
        return context.Ok(ShapeSpec.Of(dims));
    }
}

/// <summary><c>Torch.Cat([a, b], dim)</c>: equal ranks, equal sizes except along <c>dim</c>, where they add.</summary>
internal static class CatRule
{
    public static RuleResult Infer(IReadOnlyList<ShapeSpec> inputs, IReadOnlyList<string> origins, long dim, RuleContext context)
    {
        var first = inputs[0];
        long d = dim < 0 ? dim + first.Rank : dim;
        if (d < 0 || d >= first.Rank)
            return context.Fail(DiagnosticIds.RankMismatch, "Cat", $"dimension {dim} to exist", first.ToString(), context.Origin);
        var along = first[(int)d];
        for (int k = 1; k < inputs.Count; k++)
        {
            var other = inputs[k];
            RuleResult Mismatch(string what) =>
                context.Fail(DiagnosticIds.CatMismatch, Text(dim), first.ToString(), origins[0], other.ToString(), origins[k], what);
            if (other.Rank != first.Rank) return Mismatch("rank");
            for (int i = 0; i < first.Rank; i++)
                if (i != d && first[i] != other[i]) return Mismatch("dimension " + Text(i));
            if (along.HasBatch != other[(int)d].HasBatch) return Mismatch("dimension " + Text(d));
            along = new DimSpec(along.Factor + other[(int)d].Factor, along.HasBatch);
        }
        return context.Ok(ShapeSpec.Of(first.Dims.Select((x, i) => i == d ? along : x)));
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
