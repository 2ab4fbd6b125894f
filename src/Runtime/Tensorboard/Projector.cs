using System.Globalization;
using System.Text;
using StaticNet.Tuning;

namespace StaticNet.Tensorboard;

/// <summary>
/// The embedding projector's files as PyTorch's <c>add_embedding</c> writes them: <c>&lt;step:05&gt;/&lt;tag&gt;/tensors.tsv</c>
/// (one row per point, Python's <c>str</c> of each value, tab-separated), <c>metadata.tsv</c> (one label per line), and
/// the run's <c>projector_config.pbtxt</c>: every embedding logged so far, as protobuf text format of
/// tensorboard/plugins/projector/projector_config.proto's <c>ProjectorConfig</c> (<c>embeddings</c> = 2; EmbeddingInfo's
/// <c>tensor_name</c> = 1, <c>metadata_path</c> = 2, <c>tensor_path</c> = 6, printed in field order).
/// </summary>
internal sealed class Projector(string logDir)
{
    private readonly object _gate = new();
    private readonly List<(string TensorName, string? MetadataPath, string TensorPath)> _embeddings = [];

    public void Add(Tensor mat, IReadOnlyList<string>? metadata, long step, string tag)
    {
        if (mat.Dim != 2)
            throw new ArgumentException($"SummaryWriter.AddEmbedding('{tag}'): mat should be 2D, where mat.Size(0) is the number of data points, got shape {mat.Shape}.");
        long rows = mat.Size(0);
        if (metadata is not null && metadata.Count != rows)
            throw new ArgumentException($"SummaryWriter.AddEmbedding('{tag}'): #labels should equal #data points: {metadata.Count} labels for {rows} rows of {mat.Shape}.");
        string stepText = ZFill(step.ToString(CultureInfo.InvariantCulture), 5);
        string subdir = stepText + "/" + Encode(tag);
        string folder = Path.Combine(logDir, stepText, Encode(tag));
        if (File.Exists(folder))
            throw new IOException($"SummaryWriter.AddEmbedding('{tag}'): '{folder}' exists, but is a file, so the embedding cannot be written there.");
        Directory.CreateDirectory(folder);
        if (metadata is not null)
            File.WriteAllText(Path.Combine(folder, "metadata.tsv"), string.Concat(metadata.Select(m => m + "\n")));
        File.WriteAllText(Path.Combine(folder, "tensors.tsv"), Rows(mat));
        lock (_gate)
        {
            _embeddings.Add((tag + ":" + stepText, metadata is null ? null : subdir + "/metadata.tsv", subdir + "/tensors.tsv"));
            // The whole config is rewritten each time, as PyTorch does (a file system need not append).
            File.WriteAllText(Path.Combine(logDir, "projector_config.pbtxt"), Config());
        }
    }

    /// <summary>Each row's values as Python's <c>str(x.item())</c>, tab-separated.</summary>
    private static string Rows(Tensor mat)
    {
        var t = mat.Detach();
        Func<long, long, string> cell;
        if (t.DType.IsFloatingPoint())
        {
            var values = t.To(DType.Float64).Contiguous().ContiguousSpan<double>().ToArray();
            cell = (i, j) => PyRepr.Float(values[i * mat.Size(1) + j]);
        }
        else if (t.DType == DType.Bool)
        {
            var values = t.To(DType.UInt8).Contiguous().ContiguousSpan<byte>().ToArray();
            cell = (i, j) => values[i * mat.Size(1) + j] != 0 ? "True" : "False";
        }
        else
        {
            var values = t.To(DType.Int64).Contiguous().ContiguousSpan<long>().ToArray();
            cell = (i, j) => values[i * mat.Size(1) + j].ToString(CultureInfo.InvariantCulture);
        }
        var sb = new StringBuilder();
        for (long i = 0; i < mat.Size(0); i++)
        {
            for (long j = 0; j < mat.Size(1); j++)
            {
                if (j > 0) sb.Append('\t');
                sb.Append(cell(i, j));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private string Config()
    {
        var sb = new StringBuilder();
        foreach (var (name, metadataPath, tensorPath) in _embeddings)
        {
            sb.Append("embeddings {\n");
            sb.Append("  tensor_name: ").Append(Quote(name)).Append('\n');
            if (metadataPath is not null) sb.Append("  metadata_path: ").Append(Quote(metadataPath)).Append('\n');
            sb.Append("  tensor_path: ").Append(Quote(tensorPath)).Append('\n');
            sb.Append("}\n");
        }
        return sb.ToString();
    }

    /// <summary>A text-format string: C escapes for quotes, backslash and controls, octal for bytes outside printable ASCII.</summary>
    private static string Quote(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            switch (b)
            {
                case (byte)'\n': sb.Append("\\n"); break;
                case (byte)'\r': sb.Append("\\r"); break;
                case (byte)'\t': sb.Append("\\t"); break;
                case (byte)'"': sb.Append("\\\""); break;
                case (byte)'\'': sb.Append("\\'"); break;
                case (byte)'\\': sb.Append("\\\\"); break;
                default:
                    if (b < 0x20 || b >= 0x7F) sb.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
                    else sb.Append((char)b);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>PyTorch's folder-safe tag: '%', '/' and '\' as %25, %2f and %5c.</summary>
    internal static string Encode(string tag) => tag.Replace("%", "%25").Replace("/", "%2f").Replace("\\", "%5c");

    /// <summary>Python's <c>str.zfill</c>: zeros after the sign up to the width.</summary>
    private static string ZFill(string s, int width) =>
        s.StartsWith('-') ? "-" + s[1..].PadLeft(width - 1, '0') : s.PadLeft(width, '0');
}
