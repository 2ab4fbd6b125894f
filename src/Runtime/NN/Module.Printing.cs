using System.Text;

namespace StaticNet.NN;

public abstract partial class Module
{
    /// <summary>
    /// The layer's settings as PyTorch prints them inside the parentheses (<c>in_features=784, out_features=512, bias=True</c>);
    /// empty for modules that have none.
    /// </summary>
    public virtual string ExtraRepr() => "";

    /// <summary>
    /// Prints the module tree exactly as PyTorch's <c>print(model)</c>: <c>Name(extra)</c> for a leaf, and for a module
    /// with children one <c>(name): child</c> line each, indented by two spaces per level.
    /// </summary>
    public override string ToString()
    {
        var extra = ExtraRepr();
        var extraLines = extra.Length == 0 ? [] : extra.Split('\n');
        var lines = new List<string>(extraLines);
        foreach (var (name, child) in _children)
            lines.Add($"({name}): {AddIndent(child.ToString(), 2)}");
        var sb = new StringBuilder(TypeName).Append('(');
        if (lines.Count > 0)
        {
            if (extraLines.Length == 1 && _children.Count == 0) sb.Append(extraLines[0]);
            else sb.Append("\n  ").Append(string.Join("\n  ", lines)).Append('\n');
        }
        return sb.Append(')').ToString();
    }

    // PyTorch's _addindent: every line after the first gets the extra indentation.
    private static string AddIndent(string text, int spaces)
    {
        var parts = text.Split('\n');
        if (parts.Length == 1) return text;
        var pad = new string(' ', spaces);
        return parts[0] + "\n" + string.Join("\n", parts.Skip(1).Select(l => pad + l));
    }

    /// <summary>Formats a bool as Python does (<c>True</c>/<c>False</c>), for <see cref="ExtraRepr"/>.</summary>
    protected static string Py(bool value) => value ? "True" : "False";

    /// <summary>Formats a double as Python's repr does (<c>0.2</c>, <c>1e-05</c>, <c>0.0</c>), for <see cref="ExtraRepr"/>.</summary>
    protected static string Py(double value) => PythonRepr.Float(value);
}
