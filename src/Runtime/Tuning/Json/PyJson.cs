using System.Globalization;
using System.Text;

namespace StaticNet.Tuning;

/// <summary>
/// The JSON Optuna stores (distribution_json, value_json), written as Python's <c>json.dumps</c> writes it
/// (<c>", "</c> and <c>": "</c> separators, floats as <c>repr</c>, <c>NaN</c>/<c>Infinity</c> literals) and read
/// back into plain values: <see cref="string"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>, null,
/// <see cref="List{T}"/> of values and <see cref="Dictionary{TKey,TValue}"/> from string to value. Hand-written
/// because System.Text.Json rejects Python's non-finite literals and its serializer needs metadata for AOT.
/// </summary>
internal static class PyJson
{
    public static string Write(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null: sb.Append("null"); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case double d: sb.Append(Number(d)); break;
            case float f: sb.Append(Number(f)); break;
            case string s: WriteString(sb, s); break;
            case int or long or short or sbyte or byte or ushort or uint or ulong:
                sb.Append(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture)); break;
            case IEnumerable<KeyValuePair<string, object?>> dict:
                sb.Append('{');
                bool firstKey = true;
                foreach (var (k, v) in dict)
                {
                    if (!firstKey) sb.Append(", ");
                    firstKey = false;
                    WriteString(sb, k);
                    sb.Append(": ");
                    Write(sb, v);
                }
                sb.Append('}');
                break;
            case System.Collections.IEnumerable list:
                sb.Append('[');
                bool first = true;
                foreach (var item in list)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    Write(sb, item);
                }
                sb.Append(']');
                break;
            default:
                throw new ArgumentException($"A value of type {value.GetType().Name} cannot be stored as JSON; use a string, number, bool, null, or a list or string-keyed dictionary of those.");
        }
    }

    private static string Number(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : PyRepr.Float(d);

    private static void WriteString(StringBuilder sb, string s)
    {
        // json.dumps escapes every non-ASCII character (ensure_ascii=True).
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>Parses one JSON document; <paramref name="what"/> names it in the error (a column and a row).</summary>
    public static object? Parse(string text, string what)
    {
        var reader = new Reader(text, what);
        reader.SkipSpace();
        var value = reader.Value();
        reader.SkipSpace();
        if (!reader.AtEnd) throw reader.Error("unexpected text after the value");
        return value;
    }

    private sealed class Reader(string text, string what)
    {
        private int _at;
        public bool AtEnd => _at >= text.Length;

        public FormatException Error(string why) =>
            new($"{what} is not valid JSON ({why} at character {_at}): {(text.Length > 200 ? text[..200] + "..." : text)}");

        public void SkipSpace()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at])) _at++;
        }

        public object? Value()
        {
            if (AtEnd) throw Error("the text ends where a value should be");
            char c = text[_at];
            switch (c)
            {
                case '{': return Object();
                case '[': return Array();
                case '"': return String();
                case 't': Expect("true"); return true;
                case 'f': Expect("false"); return false;
                case 'n': Expect("null"); return null;
                case 'N': Expect("NaN"); return double.NaN;
                case 'I': Expect("Infinity"); return double.PositiveInfinity;
                default:
                    if (c == '-' && _at + 1 < text.Length && text[_at + 1] == 'I') { _at++; Expect("Infinity"); return double.NegativeInfinity; }
                    if (c == '-' || char.IsAsciiDigit(c)) return Number();
                    throw Error($"unexpected '{c}'");
            }
        }

        private void Expect(string word)
        {
            if (string.CompareOrdinal(text, _at, word, 0, word.Length) != 0) throw Error($"expected {word}");
            _at += word.Length;
        }

        private object Number()
        {
            int start = _at;
            bool integral = true;
            if (text[_at] == '-') _at++;
            while (_at < text.Length && (char.IsAsciiDigit(text[_at]) || text[_at] is '.' or 'e' or 'E' or '+' or '-'))
            {
                if (text[_at] is '.' or 'e' or 'E') integral = false;
                _at++;
            }
            var span = text.AsSpan(start, _at - start);
            if (integral && long.TryParse(span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return l;
            if (double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return d;
            _at = start;
            throw Error("a malformed number");
        }

        private string String()
        {
            _at++; // opening quote
            var sb = new StringBuilder();
            while (true)
            {
                if (AtEnd) throw Error("an unterminated string");
                char c = text[_at++];
                if (c == '"') return sb.ToString();
                if (c != '\\') { sb.Append(c); continue; }
                if (AtEnd) throw Error("an unterminated escape");
                char e = text[_at++];
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'u':
                        if (_at + 4 > text.Length || !int.TryParse(text.AsSpan(_at, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                            throw Error("a malformed \\u escape");
                        sb.Append((char)code);
                        _at += 4;
                        break;
                    default: sb.Append(e); break;
                }
            }
        }

        private List<object?> Array()
        {
            _at++;
            var list = new List<object?>();
            SkipSpace();
            if (!AtEnd && text[_at] == ']') { _at++; return list; }
            while (true)
            {
                SkipSpace();
                list.Add(Value());
                SkipSpace();
                if (AtEnd) throw Error("an unterminated array");
                char c = text[_at++];
                if (c == ']') return list;
                if (c != ',') throw Error("expected ',' or ']'");
            }
        }

        private Dictionary<string, object?> Object()
        {
            _at++;
            var dict = new Dictionary<string, object?>();
            SkipSpace();
            if (!AtEnd && text[_at] == '}') { _at++; return dict; }
            while (true)
            {
                SkipSpace();
                if (AtEnd || text[_at] != '"') throw Error("expected a quoted key");
                string key = String();
                SkipSpace();
                if (AtEnd || text[_at++] != ':') throw Error("expected ':'");
                SkipSpace();
                dict[key] = Value();
                SkipSpace();
                if (AtEnd) throw Error("an unterminated object");
                char c = text[_at++];
                if (c == '}') return dict;
                if (c != ',') throw Error("expected ',' or '}'");
            }
        }
    }
}
