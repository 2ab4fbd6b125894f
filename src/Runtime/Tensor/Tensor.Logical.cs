namespace StaticNet;

public sealed partial class Tensor
{
    /// <summary>True (a 0-dim Bool tensor) when every element is non-zero (<c>x.all()</c>).</summary>
    public Tensor All()
    {
        var flat = Bool().Contiguous().ContiguousSpan<bool>();
        return Torch.Tensor(!flat.Contains(false));
    }

    /// <summary>True (a 0-dim Bool tensor) when any element is non-zero (<c>x.any()</c>).</summary>
    public Tensor Any()
    {
        var flat = Bool().Contiguous().ContiguousSpan<bool>();
        return Torch.Tensor(flat.Contains(true));
    }
}
