using StaticNet.Tuning;

namespace StaticNet.NN;

/// <summary>
/// What <see cref="Module.LoadStateDict"/> returns: PyTorch's <c>_IncompatibleKeys</c> named tuple, the model's keys
/// the state dict lacked and the state dict's keys the model has no place for. It deconstructs as the tuple does
/// (<c>var (missing, unexpected) = model.LoadStateDict(sd, strict: false)</c>) and prints as PyTorch prints it:
/// <c>&lt;All keys matched successfully&gt;</c>, or
/// <c>_IncompatibleKeys(missing_keys=['fc.bias'], unexpected_keys=['head.weight'])</c>.
/// </summary>
public sealed class IncompatibleKeys
{
    internal IncompatibleKeys(IReadOnlyList<string> missingKeys, IReadOnlyList<string> unexpectedKeys)
    {
        MissingKeys = missingKeys;
        UnexpectedKeys = unexpectedKeys;
    }

    /// <summary>Parameters and persistent buffers of the model that the state dict did not have (<c>missing_keys</c>).</summary>
    public IReadOnlyList<string> MissingKeys { get; }

    /// <summary>Entries of the state dict that match nothing in the model (<c>unexpected_keys</c>).</summary>
    public IReadOnlyList<string> UnexpectedKeys { get; }

    /// <summary>True when every key matched: nothing missing, nothing unexpected.</summary>
    public bool AllMatched => MissingKeys.Count == 0 && UnexpectedKeys.Count == 0;

    /// <summary>Deconstructs into <c>(missing, unexpected)</c>, as Python unpacks the named tuple.</summary>
    public void Deconstruct(out IReadOnlyList<string> missingKeys, out IReadOnlyList<string> unexpectedKeys)
    {
        missingKeys = MissingKeys;
        unexpectedKeys = UnexpectedKeys;
    }

    /// <summary>PyTorch's repr: the message when all keys matched, else the named tuple with Python-quoted key lists.</summary>
    public override string ToString() => AllMatched
        ? "<All keys matched successfully>"
        : $"_IncompatibleKeys(missing_keys={PyRepr.Value(MissingKeys)}, unexpected_keys={PyRepr.Value(UnexpectedKeys)})";
}
