using System.Globalization;
using System.Text;

namespace StaticNet.Tuning;

/// <summary>
/// Python's <c>repr</c> of the values a study holds, so log lines, tables and stored JSON read exactly as Optuna's:
/// <c>0.001</c>, <c>1e-05</c>, <c>4.0</c>, <c>'SGD'</c>, <c>None</c>, <c>True</c>, <c>{'lr': 0.001}</c>.
/// </summary>
internal static class PyRepr
{
    /// <summary>
    /// <c>repr(float)</c>: the shortest digits that round-trip (.NET's "R" gives the same digits), laid out as
    /// CPython's <c>float_repr_style = 'short'</c>: fixed notation while the decimal exponent is in (-4, 16],
    /// scientific with a signed two-digit exponent otherwise.
    /// </summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        var (negative, digits, point) = ShortestDigits(value);
        var sb = new StringBuilder(24);
        if (negative) sb.Append('-');
        if (digits.Length == 0) return sb.Append("0.0").ToString();
        if (point > -4 && point <= 16)
        {
            if (point <= 0) sb.Append("0.").Append('0', -point).Append(digits);
            else if (point >= digits.Length) sb.Append(digits).Append('0', point - digits.Length).Append(".0");
            else sb.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
        }
        else
        {
            int exponent = point - 1;
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            sb.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>Significant digits (no leading or trailing zeros) and the decimal point's position among them.</summary>
    private static (bool Negative, string Digits, int Point) ShortestDigits(double value)
    {
        string s = value.ToString("R", CultureInfo.InvariantCulture);
        bool negative = s[0] == '-';
        if (negative) s = s[1..];
        int exponent = 0, e = s.IndexOf('E');
        if (e >= 0)
        {
            exponent = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }
        int dot = s.IndexOf('.');
        int point = (dot < 0 ? s.Length : dot) + exponent;
        string digits = dot < 0 ? s : s.Remove(dot, 1);
        int lead = 0;
        while (lead < digits.Length && digits[lead] == '0') lead++;
        digits = digits[lead..].TrimEnd('0');
        return (negative, digits, point - lead);
    }

    /// <summary><c>repr</c> of a parameter or attribute value (strings single-quoted as Python does).</summary>
    public static string Value(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        double d => Float(d),
        float f => Float(f),
        string s => Str(s),
        IFormattable n when IsInteger(n) => n.ToString(null, CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, object?> dict => Dict(dict),
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Value)) + "]",
        _ => Str(value.ToString() ?? ""),
    };

    /// <summary><c>repr(dict)</c>: <c>{'lr': 0.001, 'units': 64}</c> in the dictionary's order.</summary>
    public static string Dict(IEnumerable<KeyValuePair<string, object?>> items) =>
        "{" + string.Join(", ", items.Select(kv => Str(kv.Key) + ": " + Value(kv.Value))) + "}";

    private static bool IsInteger(object n) => n is int or long or short or sbyte or byte or ushort or uint or ulong;

    /// <summary>Python's quoting: single quotes unless the text holds one and no double quote.</summary>
    private static string Str(string s)
    {
        char quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        var sb = new StringBuilder(s.Length + 2).Append(quote);
        foreach (char c in s)
        {
            if (c == quote || c == '\\') sb.Append('\\').Append(c);
            else if (c == '\n') sb.Append("\\n");
            else if (c == '\t') sb.Append("\\t");
            else if (c == '\r') sb.Append("\\r");
            else sb.Append(c);
        }
        return sb.Append(quote).ToString();
    }
}
