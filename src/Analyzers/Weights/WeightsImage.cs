using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis.Text;

namespace StaticNet.Analyzers.Weights;

/// <summary>
/// The parts of a weights file the build hands the analyzer, as a text image the StaticNet build targets write.
/// </summary>
/// <remarks>
/// The compiler gives analyzers AdditionalFiles only as text and refuses a binary one (CS2015: "is a binary file
/// instead of a text file"), and an analyzer may not open files itself (RS1035). So build/StaticNet.targets replaces each
/// <c>AdditionalFiles</c> item that has <c>StaticNetModel</c> metadata, before compiling, by an image of the bytes a
/// header reader needs: a safetensors file's length prefix and JSON header, a zip's first and last 256 KiB (data.pkl,
/// which torch.save writes first, and the central directory at the end); never the tensor data beyond those. Format:
/// <code>
/// staticnet-weights-image 1
/// length &lt;file length in bytes&gt;
/// range &lt;offset&gt; &lt;the bytes from offset, base64&gt;   (one line per range)
/// error &lt;why the file could not be read&gt;              (instead, when it could not)
/// </code>
/// </remarks>
internal sealed class WeightsImage
{
    public const string Magic = "staticnet-weights-image 1";

    private readonly List<(long Offset, byte[] Bytes)> _ranges;

    private WeightsImage(long length, List<(long, byte[])> ranges)
    {
        Length = length;
        _ranges = ranges;
    }

    /// <summary>The weights file's length in bytes.</summary>
    public long Length { get; }

    /// <summary>Reads an image; a text that is not one is reported as such.</summary>
    /// <exception cref="WeightsFormatException">The text is not an image the StaticNet build targets wrote.</exception>
    public static WeightsImage Parse(SourceText text)
    {
        long length = -1;
        var ranges = new List<(long, byte[])>();
        for (int i = 0; i < text.Lines.Count; i++)
        {
            string line = text.Lines[i].ToString();
            if (i == 0)
            {
                if (line != Magic) throw new WeightsFormatException("the build did not hand its header to the analyzer: import StaticNet's build/StaticNet.targets "
                    + "(the StaticNet package does), which passes a weights file listed with StaticNetModel metadata to the analyzers");
                continue;
            }
            if (line.StartsWith("error ", StringComparison.Ordinal)) throw new WeightsFormatException(line.Substring("error ".Length));
            var parts = line.Split(' ');
            if (parts.Length == 2 && parts[0] == "length" && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long l)) length = l;
            else if (parts.Length == 3 && parts[0] == "range" && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long at))
            {
                try { ranges.Add((at, Convert.FromBase64String(parts[2]))); }
                catch (FormatException) { throw new WeightsFormatException($"line {i + 1} of the build's image of it is not base64"); }
            }
            else if (line.Length > 0) throw new WeightsFormatException($"line {i + 1} of the build's image of it is malformed");
        }
        if (length < 0) throw new WeightsFormatException("the build's image of it gives no length");
        return new WeightsImage(length, ranges);
    }

    /// <summary>The <paramref name="count"/> bytes at <paramref name="offset"/>; <paramref name="what"/> names them in errors.</summary>
    /// <exception cref="WeightsFormatException">The bytes lie past the end of the file, or outside the parts the build passed.</exception>
    public byte[] Read(long offset, long count, string what)
    {
        if (offset < 0 || count < 0 || offset > Length - count)
            throw new WeightsFormatException($"{what} (bytes {offset} to {offset + count}) lies beyond the end of the {Length}-byte file (truncated?)");
        foreach (var (start, bytes) in _ranges)
            if (offset >= start && offset + count <= start + bytes.Length)
            {
                var part = new byte[count];
                Buffer.BlockCopy(bytes, (int)(offset - start), part, 0, (int)count);
                return part;
            }
        throw new WeightsFormatException($"{what} (bytes {offset} to {offset + count}) lies outside the parts of the file the build passes to "
            + "the analyzer (a safetensors header; the first and last 256 KiB of a zip)");
    }
}
