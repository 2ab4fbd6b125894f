namespace StaticNet;

/// <summary>Preset print options for <see cref="Torch.SetPrintOptions"/> (PyTorch's <c>profile</c> argument).</summary>
public enum PrintProfile
{
    /// <summary>Precision 4, threshold 1000, 3 edge items, line width 80.</summary>
    Default,
    /// <summary>Precision 2, threshold 1000, 2 edge items, line width 80.</summary>
    Short,
    /// <summary>Precision 4, no summarization, 3 edge items, line width 80.</summary>
    Full,
}

/// <summary>
/// The settings tensor printing reads (PyTorch's <c>torch._tensor_str.PRINT_OPTS</c>). Immutable, so a printer takes
/// one consistent snapshot even while another thread calls <see cref="Torch.SetPrintOptions"/>.
/// </summary>
/// <param name="Precision">Digits after the decimal point for floating elements.</param>
/// <param name="Threshold">Tensors with more elements than this are summarized with <c>...</c>.</param>
/// <param name="EdgeItems">Items kept at each end of a summarized dimension.</param>
/// <param name="LineWidth">Characters per line before a row wraps.</param>
/// <param name="SciMode">Forces scientific notation on (true) or off (false); null lets the values decide.</param>
internal sealed record PrintOptions(int Precision, double Threshold, int EdgeItems, int LineWidth, bool? SciMode)
{
    public static PrintOptions Default { get; } = new(4, 1000, 3, 80, null);

    public static PrintOptions For(PrintProfile profile) => profile switch
    {
        PrintProfile.Default => Default,
        PrintProfile.Short => new(2, 1000, 2, 80, null),
        PrintProfile.Full => new(4, double.PositiveInfinity, 3, 80, null),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown print profile."),
    };
}
