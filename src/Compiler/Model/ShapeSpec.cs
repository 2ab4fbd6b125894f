using System.Collections.Generic;
using System.Linq;

namespace StaticNet.Compiler.Model;

/// <summary>A tensor shape with a symbolic batch dimension: <c>[B, 3, 32, 32]</c>.</summary>
internal sealed record ShapeSpec(EquatableArray<DimSpec> Dims)
{
    public static ShapeSpec Of(IEnumerable<DimSpec> dims) => new(dims.ToEquatableArray());

    /// <summary>One sample's shape with B in front: the model input.</summary>
    public static ShapeSpec Batched(IEnumerable<long> sample) => Of(new[] { DimSpec.Batch }.Concat(sample.Select(DimSpec.Of)));

    public int Rank => Dims.Count;

    public DimSpec this[int index] => Dims[index];

    /// <summary>The product of all dimensions (B counted once when present).</summary>
    public DimSpec Numel() => Dims.Aggregate(DimSpec.Of(1), (acc, d) => acc.Times(d));

    /// <summary>As messages write it: <c>[B, 16, 5, 5]</c>.</summary>
    public override string ToString() => "[" + string.Join(", ", Dims) + "]";

    /// <summary>As XML docs write it: <c>[B,16,5,5]</c>.</summary>
    public string ToCompactString() => "[" + string.Join(",", Dims) + "]";
}
