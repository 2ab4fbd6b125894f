namespace StaticNet;

public sealed partial class Generator
{
    /// <summary>
    /// One Int64 <c>random_()</c> without bounds: a 64-bit draw modulo 2^63 (PyTorch's <c>uniform_int</c> for int64).
    /// PyTorch's samplers and DataLoader seed themselves with <c>torch.empty((), dtype=torch.int64).random_()</c>.
    /// </summary>
    internal long NextNonNegativeInt64()
    {
        lock (_lock) return (long)(_engine.Next64() % (1ul << 63));
    }

    /// <summary>One double uniform in [0, 1) from a 64-bit draw (<c>uniform_real_distribution&lt;double&gt;(0, 1)</c>).</summary>
    internal double NextUnitDouble()
    {
        lock (_lock) return Distributions.UnitDouble(_engine.Next64());
    }
}
