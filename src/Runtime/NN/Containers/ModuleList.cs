using System.Collections;

namespace StaticNet.NN;

/// <summary>
/// A list of registered modules (PyTorch's <c>nn.ModuleList</c>): its children are named <c>0</c>, <c>1</c>, ... but it
/// has no Forward of its own — the owning module decides how to use them.
/// </summary>
public sealed class ModuleList : Module, IEnumerable<Module>
{
    private readonly List<Module> _modules = [];

    /// <summary>Creates a list of modules.</summary>
    public ModuleList(params Module[] modules)
    {
        foreach (var m in modules) Append(m);
    }

    /// <summary>Adds a module at the end; returns this list.</summary>
    public ModuleList Append(Module module)
    {
        Register(_modules.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        _modules.Add(module);
        return this;
    }

    /// <summary>Adds a module (for collection initializers).</summary>
    public void Add(Module module) => Append(module);

    /// <summary>The module at <paramref name="index"/>.</summary>
    public Module this[Index index] => _modules[index];

    /// <summary>Number of modules.</summary>
    public int Count => _modules.Count;

    /// <inheritdoc/>
    public IEnumerator<Module> GetEnumerator() => _modules.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
