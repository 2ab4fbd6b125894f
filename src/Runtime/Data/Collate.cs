using System.Collections;
using System.Runtime.CompilerServices;

namespace StaticNet.Data;

/// <summary>
/// PyTorch's <c>default_collate</c>: turns a list of samples into one batch, keeping the samples' structure and
/// stacking the leaves. Reads samples only through type tests and interfaces (<see cref="ITuple"/>,
/// <see cref="ICollatable"/>, <see cref="IDictionary"/>, <see cref="IList"/>), never reflection, so it is
/// NativeAOT- and trim-safe.
/// </summary>
/// <remarks>
/// The rules, applied recursively to each field (the first sample decides the kind; the others must match):
/// <list type="bullet">
/// <item>tensors → <c>Torch.Stack</c> (a new first dimension; the shapes must be equal);</item>
/// <item>numbers → a 1-D tensor: <c>double</c> → Float64 (as a Python float), <c>float</c> → Float32 (as a NumPy
/// float32), <c>byte</c> → UInt8, other integers → Int64 (as a Python int), <c>bool</c> → Bool; a field mixing
/// kinds takes the highest (double over float over integers);</item>
/// <item>arrays of float, double, long, int, byte or bool (like NumPy arrays) → stacked tensors keeping the
/// element type (<c>float[784]</c> samples give a Float32 <c>[B, 784]</c>);</item>
/// <item>strings → <c>string[]</c>;</item>
/// <item>value tuples (any <see cref="ITuple"/>), <see cref="ICollatable"/> records, and other lists/arrays →
/// a <see cref="Batch"/> with one collated field per position (all samples of equal length);</item>
/// <item>dictionaries with string keys (any <see cref="IDictionary"/>, e.g. <c>Dictionary&lt;string, Tensor&gt;</c>)
/// → a <see cref="Batch"/> with <see cref="Batch.Names"/>, in the first sample's key order.</item>
/// </list>
/// </remarks>
public static class Collate
{
    /// <summary>Collates samples into a <see cref="Batch"/>; a single collated value becomes a one-field batch.</summary>
    /// <exception cref="ArgumentException">The batch is empty, or samples differ in kind, length, keys or tensor shape.</exception>
    /// <exception cref="NotSupportedException">A field has a type the rules above do not cover.</exception>
    public static Batch Default<T>(IReadOnlyList<T> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0) throw new ArgumentException("default_collate: the batch is empty", nameof(samples));
        object collated = samples is IReadOnlyList<Tensor> tensors ? Torch.Stack(tensors) : Value(Boxed(samples));
        return collated as Batch ?? new Batch([collated]);
    }

    /// <summary>Collates one field: the values at the same place in every sample (see the rules in the remarks).</summary>
    public static object Value(IReadOnlyList<object?> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0) throw new ArgumentException("default_collate: the batch is empty", nameof(items));
        object first = items[0] ?? throw new NotSupportedException("default_collate: found null at position 0 of the batch; samples must not contain nulls");
        switch (first)
        {
            case Tensor:
                return Torch.Stack(Cast<Tensor>(items, "Tensor"));
            case string:
                return Cast<string>(items, "string");
            case bool or sbyte or byte or short or ushort or int or uint or long or float or double:
                return CollateNumbers.Numbers(items);
            case Array array when DTypeExtensions.FromElementType(array.GetType().GetElementType()!) is not null:
                return Torch.Stack(Cast<Array>(items, array.GetType().Name).Select(Torch.FromArray).ToArray());
            case IDictionary dictionary:
                return Dictionaries(items, dictionary);
            case ICollatable:
                return Positional(Cast<ICollatable>(items, first.GetType().Name).Select(c => (object)Fields(c.CollateFields())).ToArray());
            case ITuple:
                return Positional(Cast<ITuple>(items, first.GetType().Name).Select(t => (object)Fields(t)).ToArray());
            case IList:
                return Positional(items);
            default:
                throw new NotSupportedException(
                    $"default_collate: batch must contain tensors, numbers, strings, arrays, tuples, ICollatable records or dictionaries; found {first.GetType().FullName}");
        }
    }

    private static IReadOnlyList<object?> Boxed<T>(IReadOnlyList<T> samples)
    {
        var boxed = new object?[samples.Count];
        for (int i = 0; i < boxed.Length; i++) boxed[i] = samples[i];
        return boxed;
    }

    private static object?[] Fields(ITuple tuple)
    {
        var fields = new object?[tuple.Length];
        for (int i = 0; i < fields.Length; i++) fields[i] = tuple[i];
        return fields;
    }

    // Lists, arrays and tuples: transpose the samples and collate each position.
    private static Batch Positional(IReadOnlyList<object?> items)
    {
        var lists = Cast<IList>(items, items[0]!.GetType().Name);
        int length = lists[0].Count;
        for (int i = 1; i < lists.Length; i++)
            if (lists[i].Count != length)
                throw new ArgumentException($"each element in list of batch should be of equal size: sample 0 has {length} fields but sample {i} has {lists[i].Count}");
        var fields = new object[length];
        var column = new object?[lists.Length];
        for (int f = 0; f < length; f++)
        {
            for (int i = 0; i < lists.Length; i++) column[i] = lists[i][f];
            fields[f] = Value(column);
        }
        return new Batch(fields);
    }

    private static Batch Dictionaries(IReadOnlyList<object?> items, IDictionary first)
    {
        var dictionaries = Cast<IDictionary>(items, first.GetType().Name);
        var names = new List<string>(first.Count);
        foreach (var key in first.Keys)
            names.Add(key as string ?? throw new NotSupportedException($"default_collate: dictionary keys must be strings; found a key of type {key.GetType().FullName}"));
        var fields = new object[names.Count];
        var column = new object?[dictionaries.Length];
        for (int f = 0; f < names.Count; f++)
        {
            for (int i = 0; i < dictionaries.Length; i++)
                column[i] = dictionaries[i].Contains(names[f])
                    ? dictionaries[i][names[f]]
                    : throw new ArgumentException($"default_collate: sample {i} has no key '{names[f]}' (sample 0 has it)");
            fields[f] = Value(column);
        }
        return new Batch(fields, names);
    }

    private static TItem[] Cast<TItem>(IReadOnlyList<object?> items, string expected)
    {
        var result = new TItem[items.Count];
        for (int i = 0; i < result.Length; i++)
            result[i] = items[i] is TItem item
                ? item
                : throw new ArgumentException(
                    $"default_collate: sample 0 has a {expected} here but sample {i} has {(items[i] is null ? "null" : "a " + items[i]!.GetType().Name)}");
        return result;
    }
}
