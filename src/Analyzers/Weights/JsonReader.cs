using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StaticNet.Analyzers.Weights;

/// <summary>
/// A small JSON parser for safetensors headers (an analyzer cannot count on System.Text.Json in every host): objects
/// become ordered key/value lists, arrays lists, numbers doubles, and strings, booleans and null themselves.
/// </summary>
internal sealed class JsonReader
{
    private const int MaxDepth = 64;
    private readonly string _text;
    private int _pos;

    private JsonReader(string text) => _text = text;

    /// <exception cref="WeightsFormatException">The text is not one JSON value.</exception>
    public static object? Parse(string text)
    {
        var reader = new JsonReader(text);
        var value = reader.Value(0);
        reader.SkipSpace();
        if (reader._pos != text.Length) throw reader.Error("text after the JSON value");
        return value;
    }

    private object? Value(int depth)
    {
        if (depth > MaxDepth) throw Error("nesting deeper than " + MaxDepth);
        SkipSpace();
        if (_pos >= _text.Length) throw Error("the end of the header where a value was expected");
        char c = _text[_pos];
        switch (c)
        {
            case '{': return Object(depth);
            case '[': return Array(depth);
            case '"': return String();
            case 't': return Word("true", true);
            case 'f': return Word("false", false);
            case 'n': return Word("null", null);
            default: return Number();
        }
    }

    private List<KeyValuePair<string, object?>> Object(int depth)
    {
        var items = new List<KeyValuePair<string, object?>>();
        _pos++;
        SkipSpace();
        if (Peek() == '}') { _pos++; return items; }
        while (true)
        {
            SkipSpace();
            if (Peek() != '"') throw Error("an object key that is not a string");
            string key = String();
            SkipSpace();
            Expect(':');
            items.Add(new(key, Value(depth + 1)));
            SkipSpace();
            if (Peek() == ',') { _pos++; continue; }
            Expect('}');
            return items;
        }
    }

    private List<object?> Array(int depth)
    {
        var items = new List<object?>();
        _pos++;
        SkipSpace();
        if (Peek() == ']') { _pos++; return items; }
        while (true)
        {
            items.Add(Value(depth + 1));
            SkipSpace();
            if (Peek() == ',') { _pos++; continue; }
            Expect(']');
            return items;
        }
    }

    private string String()
    {
        _pos++; // the opening quote
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw Error("an unterminated string");
            char c = _text[_pos++];
            if (c == '"') return sb.ToString();
            if (c != '\\') { sb.Append(c); continue; }
            if (_pos >= _text.Length) throw Error("an unterminated escape");
            char e = _text[_pos++];
            switch (e)
            {
                case '"': case '\\': case '/': sb.Append(e); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u' when _pos + 4 <= _text.Length
                    && int.TryParse(_text.Substring(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code):
                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default: throw Error($"the escape '\\{e}'");
            }
        }
    }

    private double Number()
    {
        int start = _pos;
        while (_pos < _text.Length && "+-0123456789.eE".IndexOf(_text[_pos]) >= 0) _pos++;
        if (_pos == start || !double.TryParse(_text.Substring(start, _pos - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw Error($"'{(start < _text.Length ? _text[start] : ' ')}' where a value was expected");
        return value;
    }

    private object? Word(string word, object? value)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0) throw Error($"'{_text[_pos]}' where a value was expected");
        _pos += word.Length;
        return value;
    }

    private void Expect(char c)
    {
        if (Peek() != c) throw Error($"'{(_pos < _text.Length ? _text[_pos].ToString() : "the end")}' where '{c}' was expected");
        _pos++;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipSpace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\n' or '\r') _pos++;
    }

    private WeightsFormatException Error(string what) => new($"its JSON header has {what} at character {_pos}");
}
