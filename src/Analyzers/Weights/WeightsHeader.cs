using System.Collections.Generic;

namespace StaticNet.Analyzers.Weights;

/// <summary>A tensor a weights file holds, as its header describes it (the data is never read).</summary>
internal sealed record WeightEntry(string Key, long[] Shape);

/// <summary>Reads the tensor names and shapes of a weights file: safetensors or PyTorch's zip (.pth) format.</summary>
internal static class WeightsHeader
{
    /// <summary>The entries in file order.</summary>
    /// <exception cref="WeightsFormatException">The file is neither format, or its header is malformed.</exception>
    public static IReadOnlyList<WeightEntry> Read(WeightsImage file, string path)
    {
        // A zip starts with a local file header "PK\x03\x04" (or, for an empty archive, the end record "PK\x05\x06").
        var magic = file.Length >= 4 ? file.Read(0, 2, "the file's first bytes") : new byte[2];
        bool zip = magic[0] == 'P' && magic[1] == 'K';
        bool pthName = path.EndsWith(".pth", System.StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pt", System.StringComparison.OrdinalIgnoreCase);
        if (pthName && !zip)
            throw new WeightsFormatException("it is not a zip archive, so not a .pth file written by torch.save since PyTorch 1.6");
        return zip ? PthHeaderReader.Read(file) : SafetensorsHeaderReader.Read(file);
    }
}
