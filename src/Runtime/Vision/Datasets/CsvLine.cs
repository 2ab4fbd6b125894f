using System.Text;

namespace StaticNet.Vision;

/// <summary>Splits one CSV line into fields (RFC 4180 quoting: <c>"a, b"</c> and <c>""</c> for a quote), trimming
/// spaces around unquoted fields.</summary>
internal static class CsvLine
{
    public static List<string> Split(string line, string path, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            while (i < line.Length && line[i] == ' ') i++;
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                int open = i++;
                while (true)
                {
                    if (i >= line.Length)
                        throw new DataFormatException(path, lineNumber,
                            $"line {lineNumber}: the quote opened at column {open + 1} is never closed: expected a closing '\"'.");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                while (i < line.Length && line[i] == ' ') i++;
                if (i < line.Length && line[i] != ',')
                    throw new DataFormatException(path, lineNumber,
                        $"line {lineNumber}: unexpected '{line[i]}' at column {i + 1} after a quoted field: expected ',' or the end of the line.");
                fields.Add(field.ToString());
            }
            else
            {
                int end = line.IndexOf(',', i);
                if (end < 0) end = line.Length;
                fields.Add(line[i..end].Trim());
                i = end;
            }
            if (i >= line.Length) return fields;
            i++; // the comma
        }
    }
}
