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

    /// <summary>
    /// The module at <paramref name="index"/> (^1 is the last). Setting it replaces that child under the same name
    /// (<c>model.classifier[6] = nn.Linear(4096, 10)</c> in PyTorch).
    /// </summary>
    public Module this[Index index]
    {
        get => _modules[index];
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            int i = index.GetOffset(_modules.Count);
            if ((uint)i >= (uint)_modules.Count)
                throw new ArgumentOutOfRangeException(nameof(index), $"index {index} is out of range for a {TypeName} of {_modules.Count} modules");
            Register(i.ToString(System.Globalization.CultureInfo.InvariantCulture), value);
            _modules[i] = value;
        }
    }

    /// <summary>Number of modules.</summary>
    public int Count => _modules.Count;

    /// <summary>The modules in order.</summary>
    protected IReadOnlyList<Module> Items => _modules;

    /// <inheritdoc/>
    public IEnumerator<Module> GetEnumerator() => _modules.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
