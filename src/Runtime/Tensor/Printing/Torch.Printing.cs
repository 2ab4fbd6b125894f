namespace StaticNet;

public static partial class Torch
{
    private static PrintOptions s_printOptions = PrintOptions.Default;

    /// <summary>The options <see cref="Tensor.ToString"/> uses now.</summary>
    internal static PrintOptions PrintOptions => Volatile.Read(ref s_printOptions);

    /// <summary>
    /// Sets how tensors print (PyTorch's <c>torch.set_printoptions</c>). Options left null keep their value, except
    /// <paramref name="sciMode"/>, which every call sets (null: chosen from the values), as in PyTorch. A
    /// <paramref name="profile"/> is applied first, then the explicit options. The options are global to the process.
    /// </summary>
    /// <param name="precision">Digits after the decimal point (default 4).</param>
    /// <param name="threshold">Element count above which tensors are summarized with <c>...</c> (default 1000).</param>
    /// <param name="edgeItems">Items shown at each end of a summarized dimension (default 3).</param>
    /// <param name="lineWidth">Characters per line before rows wrap (default 80).</param>
    /// <param name="sciMode">True forces scientific notation, false forbids it, null chooses automatically.</param>
    /// <param name="profile">A preset: <see cref="PrintProfile.Default"/>, <see cref="PrintProfile.Short"/> or <see cref="PrintProfile.Full"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">precision is negative, or edgeItems is below 1.</exception>
    public static void SetPrintOptions(int? precision = null, double? threshold = null, int? edgeItems = null,
        int? lineWidth = null, bool? sciMode = null, PrintProfile? profile = null)
    {
        if (precision < 0)
            throw new ArgumentOutOfRangeException(nameof(precision), precision, $"set_printoptions: precision must be non-negative, got {precision}.");
        if (edgeItems < 1)
            throw new ArgumentOutOfRangeException(nameof(edgeItems), edgeItems, $"set_printoptions: edgeItems must be at least 1, got {edgeItems}.");
        // Compare-and-swap so that two threads setting different options cannot lose one another's update.
        PrintOptions current, updated;
        do
        {
            current = Volatile.Read(ref s_printOptions);
            var basis = profile is { } p ? PrintOptions.For(p) : current;
            updated = new PrintOptions(
                precision ?? basis.Precision,
                threshold ?? basis.Threshold,
                edgeItems ?? basis.EdgeItems,
                lineWidth ?? basis.LineWidth,
                sciMode);
        }
        while (Interlocked.CompareExchange(ref s_printOptions, updated, current) != current);
    }
}
