using System.Text.Json;
using StaticNet.Optim;

namespace StaticNet.IO.Safetensors;

/// <summary>
/// Optimizer parameter groups as the JSON PyTorch's <c>param_groups</c> would print as:
/// <c>[{"lr": 0.01, "betas": [0.9, 0.999], "amsgrad": false, "params": [0, 1]}]</c>.
/// </summary>
internal static class ParamGroupsJson
{
    public static string Write(IEnumerable<ParamGroupState> groups)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var g in groups)
            {
                w.WriteStartObject();
                foreach (var (key, value) in g.Options)
                {
                    w.WritePropertyName(key);
                    switch (value)
                    {
                        case bool b: w.WriteBooleanValue(b); break;
                        case double d: w.WriteNumberValue(d); break;
                        case string s: w.WriteStringValue(s); break;
                        case ValueTuple<double, double> t: w.WriteStartArray(); w.WriteNumberValue(t.Item1); w.WriteNumberValue(t.Item2); w.WriteEndArray(); break;
                        default: w.WriteNumberValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)); break;
                    }
                }
                w.WriteStartArray("params");
                foreach (var p in g.Params) w.WriteNumberValue(p);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static List<ParamGroupState> Read(string json, string file)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var result = new List<ParamGroupState>();
            foreach (var g in doc.RootElement.EnumerateArray())
            {
                var group = new ParamGroupState();
                foreach (var p in g.EnumerateObject())
                {
                    if (p.Name == "params") group.Params.AddRange(p.Value.EnumerateArray().Select(e => e.GetInt32()));
                    else if (p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False) group.Options[p.Name] = p.Value.GetBoolean();
                    else if (p.Value.ValueKind == JsonValueKind.Number) group.Options[p.Name] = p.Value.GetDouble();
                    else if (p.Value.ValueKind == JsonValueKind.String) group.Options[p.Name] = p.Value.GetString()!;
                    else if (p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() == 2)
                        group.Options[p.Name] = (p.Value[0].GetDouble(), p.Value[1].GetDouble());
                }
                result.Add(group);
            }
            return result;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"'{file}': the optimizer's param_groups metadata is not valid: {e.Message}", e);
        }
    }
}
