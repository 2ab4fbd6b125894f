using System.Collections;

namespace StaticNet.NN;

/// <summary>
/// The list behind <see cref="Sequential"/> and <see cref="ModuleList"/>: modules registered as children named
/// <c>0</c>, <c>1</c>, ... in order, indexable and growable. <typeparamref name="TSelf"/> lets <see cref="Append"/>
/// return the concrete container for chaining.
/// </summary>
public abstract class ModuleSequence<TSelf> : Module, IEnumerable<Module> where TSelf : ModuleSequence<TSelf>
{
    private readonly List<Module> _modules = [];

    /// <summary>Registers the given modules in order.</summary>
    protected ModuleSequence(Module[] modules)
    {
        foreach (var m in modules) Append(m);
    }

    /// <summary>Adds a module at the end; returns this container.</summary>
    public TSelf Append(Module module)
    {
        Register(_modules.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        _modules.Add(module);
        return (TSelf)this;
    }

    /// <summary>Adds a module (for collection initializers).</summary>
    public void Add(Module module) => Append(module);

    /// <summary>The module at <paramref name="index"/> (^1 is the last).</summary>
    public Module this[Index index] => _modules[index];

    /// <summary>Number of modules.</summary>
    public int Count => _modules.Count;

    /// <summary>The modules in order.</summary>
    protected IReadOnlyList<Module> Items => _modules;

    /// <inheritdoc/>
    public IEnumerator<Module> GetEnumerator() => _modules.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
