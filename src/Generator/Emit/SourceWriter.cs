using System;
using System.Text;

namespace StaticNet.Generators.Emit;

/// <summary>
/// An indent-tracking text writer for generated C# (after System.Text.Json's generator SourceWriter): lines are written
/// at the current depth, multi-line text is re-indented line by line, and newlines are always '\n' (deterministic).
/// </summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    public void WriteLine(string text = "")
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0) _sb.Append(' ', 4 * _indent).Append(line);
            _sb.Append('\n');
        }
    }

    /// <summary>Writes <c>{</c>, indents, and returns a scope that writes <c>}</c> (plus <paramref name="closing"/>) on dispose.</summary>
    public Block OpenBlock(string closing = "")
    {
        WriteLine("{");
        _indent++;
        return new Block(this, closing);
    }

    public void Indent() => _indent++;

    public void Unindent() => _indent--;

    public override string ToString() => _sb.ToString();

    public readonly struct Block(SourceWriter writer, string closing) : IDisposable
    {
        public void Dispose()
        {
            writer._indent--;
            writer.WriteLine("}" + closing);
        }
    }
}
