using System;
using System.Globalization;

namespace StaticNet.Compiler.Model;

/// <summary>
/// One dimension of an inferred shape: <see cref="Factor"/>, times the symbolic batch size B when
/// <see cref="HasBatch"/> (B itself is <c>(1, true)</c>; a View that folds the batch into features gives <c>(576, true)</c>).
/// </summary>
internal readonly record struct DimSpec(long Factor, bool HasBatch)
{
    public static DimSpec Batch => new(1, true);

    public static DimSpec Of(long size) => new(size, false);

    /// <summary>The size for a concrete batch size.</summary>
    public long At(long batch) => HasBatch ? Factor * batch : Factor;

    public override string ToString() => !HasBatch
        ? Factor.ToString(CultureInfo.InvariantCulture)
        : Factor == 1 ? "B" : Factor.ToString(CultureInfo.InvariantCulture) + "B";

    public DimSpec Times(DimSpec other)
    {
        if (HasBatch && other.HasBatch) throw new InvalidOperationException("B² does not occur in a network's shapes.");
        return new(Factor * other.Factor, HasBatch || other.HasBatch);
    }
}
