using System.Globalization;

namespace StaticNet.Data;

/// <summary>
/// A collated batch: one field per field of the samples (PyTorch's <c>default_collate</c> output), in order.
/// <c>foreach (var (X, y) in loader)</c> deconstructs it as Python's <c>for X, y in dataloader</c>; <c>batch[i]</c>
/// is field i as a tensor, <see cref="Field{TField}(int)"/> any field (strings come as <c>string[]</c>, nested
/// tuples and dictionaries as nested batches). Samples that are dictionaries give a batch with <see cref="Names"/>,
/// read with <c>batch["key"]</c>. A batch of single values (tensors or numbers) has one field, <c>batch[0]</c>.
/// </summary>
public sealed class Batch : IReadOnlyList<object>
{
    private readonly object[] _fields;
    private readonly string[]? _names;

    /// <summary>A batch with the given fields and, for dictionary samples, their keys.</summary>
    /// <exception cref="ArgumentException">The number of names differs from the number of fields.</exception>
    public Batch(IReadOnlyList<object> fields, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = [.. fields];
        if (names is not null && names.Count != _fields.Length)
            throw new ArgumentException($"Batch: {names.Count} names for {_fields.Length} fields.", nameof(names));
        _names = names is null ? null : [.. names];
    }

    /// <summary>The number of fields (2 for <c>(image, label)</c> samples).</summary>
    public int Count => _fields.Length;

    /// <summary>The keys of a batch of dictionaries, in the first sample's order; null for positional fields.</summary>
    public IReadOnlyList<string>? Names => _names;

    /// <summary>Field <paramref name="index"/> as a tensor.</summary>
    /// <exception cref="InvalidCastException">That field is not a tensor (strings, nested batches): use <see cref="Field{TField}(int)"/>.</exception>
    public Tensor this[int index] => Field(index) as Tensor
        ?? throw new InvalidCastException($"batch field {index} is a {_fields[index].GetType().Name}, not a Tensor; read it with Field<{_fields[index].GetType().Name}>({index})");

    /// <summary>The field with key <paramref name="name"/> (dictionary samples) as a tensor.</summary>
    public Tensor this[string name] => this[IndexOf(name)];

    /// <summary>Field <paramref name="index"/> as collated: a Tensor, a <c>string[]</c> or a nested Batch.</summary>
    public object Field(int index) => (uint)index < (uint)_fields.Length
        ? _fields[index]
        : throw new ArgumentOutOfRangeException(nameof(index), $"batch index {index} is out of range for a batch of {_fields.Length} fields");

    /// <summary>Field <paramref name="index"/> as a <typeparamref name="TField"/>.</summary>
    public TField Field<TField>(int index) => Field(index) is TField value
        ? value
        : throw new InvalidCastException($"batch field {index} is a {_fields[index].GetType().Name}, not a {typeof(TField).Name}");

    /// <summary>The field with key <paramref name="name"/> as collated.</summary>
    public object Field(string name) => _fields[IndexOf(name)];

    object IReadOnlyList<object>.this[int index] => Field(index);

    /// <summary>Two tensor fields: <c>var (X, y) = batch</c>.</summary>
    public void Deconstruct(out Tensor field0, out Tensor field1)
    {
        CheckArity(2);
        (field0, field1) = (this[0], this[1]);
    }

    /// <summary>Three tensor fields.</summary>
    public void Deconstruct(out Tensor field0, out Tensor field1, out Tensor field2)
    {
        CheckArity(3);
        (field0, field1, field2) = (this[0], this[1], this[2]);
    }

    /// <summary>Four tensor fields.</summary>
    public void Deconstruct(out Tensor field0, out Tensor field1, out Tensor field2, out Tensor field3)
    {
        CheckArity(4);
        (field0, field1, field2, field3) = (this[0], this[1], this[2], this[3]);
    }

    /// <inheritdoc/>
    public IEnumerator<object> GetEnumerator() => ((IEnumerable<object>)_fields).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// As Python prints the collated value: a batch of single values prints as its tensor (<c>tensor([3])</c>),
    /// positional fields as a list <c>[tensor(...), tensor(...)]</c>, dictionary fields as <c>{'key': ...}</c>.
    /// </summary>
    public override string ToString()
    {
        if (_names is null && _fields.Length == 1) return Format(_fields[0]);
        if (_names is null) return "[" + string.Join(", ", _fields.Select(Format)) + "]";
        return "{" + string.Join(", ", _fields.Select((f, i) => $"'{_names[i]}': {Format(f)}")) + "}";
    }

    private static string Format(object field) => field switch
    {
        string[] strings => "[" + string.Join(", ", strings.Select(s => $"'{s}'")) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => field.ToString() ?? "",
    };

    private int IndexOf(string name)
    {
        int i = _names is null ? -1 : Array.IndexOf(_names, name);
        return i >= 0 ? i : throw new KeyNotFoundException(_names is null
            ? $"batch has no named fields (its samples were not dictionaries); '{name}' cannot be looked up"
            : $"batch has no field '{name}'; its fields are {string.Join(", ", _names.Select(n => $"'{n}'"))}");
    }

    // Python's wording for `a, b = (x, y, z)`.
    private void CheckArity(int expected)
    {
        if (_fields.Length > expected) throw new InvalidOperationException($"too many values to unpack (expected {expected}): the batch has {_fields.Length} fields");
        if (_fields.Length < expected) throw new InvalidOperationException($"not enough values to unpack (expected {expected}, got {_fields.Length})");
    }
}
