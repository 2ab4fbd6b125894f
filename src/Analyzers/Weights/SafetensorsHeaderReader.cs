using System;
using System.Collections.Generic;
using System.Text;

namespace StaticNet.Analyzers.Weights;

/// <summary>
/// Reads a safetensors header: an 8-byte little-endian length N, then N bytes of JSON mapping each tensor's name to
/// <c>{"dtype", "shape", "data_offsets"}</c> (and an optional <c>"__metadata__"</c> of strings). The data after it is never read.
/// </summary>
internal static class SafetensorsHeaderReader
{
    private const long MaxHeader = 100_000_000; // the reference implementation's limit

    public static IReadOnlyList<WeightEntry> Read(WeightsImage file)
    {
        if (file.Length < 8)
            throw new WeightsFormatException($"it has {file.Length} bytes; a safetensors file starts with an 8-byte header length");
        var prefix = file.Read(0, 8, "the header length");
        ulong length = 0;
        for (int i = 7; i >= 0; i--) length = (length << 8) | prefix[i];
        if (length > (ulong)Math.Min(MaxHeader, file.Length - 8))
            throw new WeightsFormatException($"its header length {length} exceeds the {file.Length - 8} bytes after it (truncated, or not a safetensors file)");
        string json;
        try { json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(file.Read(8, (long)length, "the header")); }
        catch (DecoderFallbackException) { throw new WeightsFormatException("its header is not UTF-8 text (not a safetensors file?)"); }

        var root = JsonReader.Parse(json) as List<KeyValuePair<string, object?>>
            ?? throw new WeightsFormatException("its header is not a JSON object");
        var entries = new List<WeightEntry>();
        foreach (var pair in root)
        {
            if (pair.Key == "__metadata__") continue;
            if (pair.Value is not List<KeyValuePair<string, object?>> fields)
                throw new WeightsFormatException($"the header entry '{pair.Key}' is not an object with dtype, shape and data_offsets");
            object? shape = null;
            foreach (var field in fields)
                if (field.Key == "shape") shape = field.Value;
            entries.Add(new WeightEntry(pair.Key, Shape(shape, pair.Key)));
        }
        return entries;
    }

    private static long[] Shape(object? value, string key)
    {
        if (value is not List<object?> dims)
            throw new WeightsFormatException($"the header entry '{key}' has no shape list");
        var shape = new long[dims.Count];
        for (int i = 0; i < shape.Length; i++)
            shape[i] = dims[i] is double d && d >= 0 && d == Math.Floor(d) && d < 9e15
                ? (long)d
                : throw new WeightsFormatException($"the shape of '{key}' holds {dims[i] ?? "null"}, not a non-negative integer");
        return shape;
    }
}
