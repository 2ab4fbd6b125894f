using System.Collections;

namespace StaticNet;

/// <summary>
/// An ordered map from names to tensors (PyTorch's state-dict <c>OrderedDict</c>): what <c>Module.StateDict()</c>
/// returns, <c>LoadStateDict</c> takes and <c>Torch.Save</c>/<c>Torch.Load</c> write and read.
/// </summary>
public sealed class StateDict : IEnumerable<KeyValuePair<string, Tensor>>
{
    private readonly List<string> _order = [];
    private readonly Dictionary<string, Tensor> _items = new(StringComparer.Ordinal);

    /// <summary>The tensor stored under <paramref name="key"/>; setting a new key appends it.</summary>
    /// <exception cref="KeyNotFoundException">No tensor has that name (the message lists the keys).</exception>
    public Tensor this[string key]
    {
        get => _items.TryGetValue(key, out var t) ? t
            : throw new KeyNotFoundException($"'{key}' is not in the state dict; its keys are: {string.Join(", ", _order)}.");
        set
        {
            if (!_items.ContainsKey(key)) _order.Add(key);
            _items[key] = value;
        }
    }

    /// <summary>The file this state dict was loaded from (<c>Torch.Load</c>), or null; errors in loading it name the file.</summary>
    public string? SourcePath { get; set; }

    /// <summary>Number of entries.</summary>
    public int Count => _order.Count;

    /// <summary>The names in insertion order.</summary>
    public IReadOnlyList<string> Keys => _order;

    /// <summary>Adds an entry (collection initializers use this).</summary>
    public void Add(string key, Tensor value)
    {
        if (_items.ContainsKey(key)) throw new ArgumentException($"The state dict already has an entry '{key}'.", nameof(key));
        this[key] = value;
    }

    /// <summary>True when an entry has this name.</summary>
    public bool ContainsKey(string key) => _items.ContainsKey(key);

    /// <summary>Looks up an entry without throwing.</summary>
    public bool TryGetValue(string key, out Tensor value) => _items.TryGetValue(key, out value!);

    /// <summary>Removes an entry; returns whether it existed.</summary>
    public bool Remove(string key) => _items.Remove(key) && _order.Remove(key);

    /// <summary>The entries in insertion order.</summary>
    public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator()
    {
        foreach (var k in _order) yield return new(k, _items[k]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
