using System.Text;

namespace StaticNet;

/// <summary>
/// A tensor's repr, character for character as PyTorch 1.13 prints it (<c>torch/_tensor_str.py</c>), except that the
/// dtype suffix reads <c>dtype=float64</c> rather than <c>dtype=torch.float64</c>.
/// </summary>
/// <remarks>
/// Layout: <c>tensor(</c>, then nested brackets where each level indents one more column than the last and rows of
/// an n-dim block are separated by n-1 newlines (a blank line between the 2-D blocks of a 3-D tensor); rows longer
/// than the line width wrap; tensors with more elements than the threshold show only the edge items of each
/// dimension around <c>...</c>. The suffixes (device, size, dtype, grad_fn or requires_grad) follow, moving to a new
/// line when they would pass the line width. Elements are read through the strides, so views print without a copy.
/// </remarks>
internal static class TensorFormatter
{
    private const string Prefix = "tensor(";

    /// <summary>The repr of <paramref name="tensor"/>.</summary>
    /// <param name="tensor">Any tensor, of any shape, view or not.</param>
    /// <param name="options">The print options to use (a snapshot of <see cref="Torch.PrintOptions"/>).</param>
    /// <param name="gradFnName">The autograd node's name for <c>grad_fn=&lt;...&gt;</c>, or null for none.</param>
    public static string Format(Tensor tensor, PrintOptions options, string? gradFnName)
    {
        int indent = Prefix.Length;
        var suffixes = new List<string>();
        // PyTorch prints the device only when it differs from the default (cpu).
        if (tensor.Device.Type != DeviceType.Cpu) suffixes.Add($"device='{tensor.Device}'");

        string body;
        if (tensor.Numel == 0)
        {
            // An empty tensor has no elements to show its shape or dtype, so both are spelled out (only float32,
            // the default dtype, and shape (0,) go without saying).
            if (tensor.Dim != 1) suffixes.Add("size=" + PythonTuple(tensor.ShapeSpan));
            if (tensor.DType != DType.Float32) suffixes.Add("dtype=" + tensor.DType.PyTorchName());
            body = "[]";
        }
        else
        {
            // float32 (the default dtype), int64 and bool are recognizable from the printed elements.
            if (tensor.DType is not (DType.Float32 or DType.Int64 or DType.Bool))
                suffixes.Add("dtype=" + tensor.DType.PyTorchName());
            body = Body(tensor.Device.Type == DeviceType.Cpu ? tensor : tensor.Cpu(), indent, options);
        }

        if (gradFnName is not null) suffixes.Add($"grad_fn=<{gradFnName}>");
        else if (tensor.RequiresGrad) suffixes.Add("requires_grad=True");

        return AddSuffixes(Prefix + body, suffixes, indent, options.LineWidth);
    }

    /// <summary>The bracketed elements of a non-empty CPU tensor (PyTorch's <c>_tensor_str</c>).</summary>
    private static string Body(Tensor tensor, int indent, PrintOptions options)
    {
        bool summarize = tensor.Numel > options.Threshold;
        var layout = new VisibleLayout(tensor.ShapeArray, tensor.StridesArray, summarize, options.EdgeItems);
        var formatter = new ElementFormatter(tensor.Storage, layout.Offsets(tensor.StorageOffset), options);
        var sb = new StringBuilder();
        new Renderer(layout, formatter, options.LineWidth, sb).Render(0, tensor.StorageOffset, indent);
        return sb.ToString();
    }

    /// <summary>Appends ", suffix" for each suffix, or ",\n" + indent + suffix when the line would pass the width.</summary>
    private static string AddSuffixes(string text, List<string> suffixes, int indent, int lineWidth)
    {
        var sb = new StringBuilder(text);
        // PyTorch's arithmetic, kept as is: len - rfind('\n') + 1 counts two more than the last line's length.
        int lastLineLength = text.Length - text.LastIndexOf('\n') + 1;
        foreach (var suffix in suffixes)
        {
            if (lastLineLength + suffix.Length + 2 > lineWidth)
            {
                sb.Append(",\n").Append(' ', indent).Append(suffix);
                lastLineLength = indent + suffix.Length;
            }
            else
            {
                sb.Append(", ").Append(suffix);
                lastLineLength += suffix.Length + 2;
            }
        }
        return sb.Append(')').ToString();
    }

    /// <summary>Python's <c>str(tuple(shape))</c>: <c>(0, 3)</c>, and <c>(0,)</c> for one dimension.</summary>
    private static string PythonTuple(ReadOnlySpan<long> shape) =>
        shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape.ToArray()) + ")";

    /// <summary>Writes the nested brackets (PyTorch's <c>_tensor_str_with_formatter</c> and <c>_vector_str</c>).</summary>
    private readonly struct Renderer(VisibleLayout layout, ElementFormatter formatter, int lineWidth, StringBuilder sb)
    {
        public void Render(int dim, long offset, int indent)
        {
            int rank = layout.Rank;
            if (rank == 0) sb.Append(formatter.Format(offset));
            else if (dim == rank - 1) Vector(dim, offset, indent);
            else
            {
                // Blocks of an n-dim level are separated by n-1 newlines: rows by one, 2-D blocks by a blank line.
                var separator = "," + new string('\n', rank - dim - 1) + new string(' ', indent + 1);
                sb.Append('[');
                bool first = true;
                foreach (var index in layout.Indices(dim))
                {
                    if (!first) sb.Append(separator);
                    first = false;
                    if (index < 0) sb.Append("...");
                    else Render(dim + 1, offset + index * layout.Stride(dim), indent + 1);
                }
                sb.Append(']');
            }
        }

        private void Vector(int dim, long offset, int indent)
        {
            // Each element takes its width plus ", "; the " ..." marker counts as one element.
            int perLine = Math.Max(1, (int)Math.Floor((double)(lineWidth - indent) / (formatter.Width + 2)));
            var lineBreak = ",\n" + new string(' ', indent + 1);
            sb.Append('[');
            int count = 0;
            foreach (var index in layout.Indices(dim))
            {
                if (count > 0) sb.Append(count % perLine == 0 ? lineBreak : ", ");
                sb.Append(index < 0 ? " ..." : formatter.Format(offset + index * layout.Stride(dim)));
                count++;
            }
            sb.Append(']');
        }
    }
}
