namespace StaticNet.NN;

/// <summary>
/// The base of every network and layer (PyTorch's <c>nn.Module</c>). Children, parameters and buffers are registered
/// explicitly by name — <c>Fc1 = Register("fc1", new Linear(400, 120))</c> — so nothing is discovered by reflection
/// and a trained model runs in trimmed and NativeAOT apps. Registration order is the order of
/// <see cref="Parameters"/>, <see cref="StateDict"/> and the printed tree, as attribute order is in PyTorch.
/// </summary>
public abstract partial class Module
{
    private readonly List<KeyValuePair<string, Module>> _children = [];
    private readonly List<KeyValuePair<string, Parameter?>> _parameters = [];
    private readonly List<KeyValuePair<string, Tensor?>> _buffers = [];
    private readonly HashSet<string> _nonPersistent = new(StringComparer.Ordinal);

    /// <summary>The network's computation (PyTorch's <c>forward</c>). Override it; call it as <c>model.Forward(x)</c>.</summary>
    /// <param name="x">The input batch.</param>
    public virtual Tensor Forward(Tensor x) =>
        throw new InvalidOperationException($"Module [{TypeName}] is missing the required \"Forward\" function: override Forward(Tensor).");

    /// <summary>The name printed for this module: its class name (<c>Linear</c>, <c>NeuralNetwork</c>).</summary>
    public virtual string TypeName => GetType().Name;

    /// <summary>
    /// Registers <paramref name="module"/> as the child called <paramref name="name"/> and returns it, so a field or
    /// property can hold it. Registering a name again replaces that child in place (<c>model.Fc = new Linear(512, 100)</c>
    /// with a setter that calls Register keeps the child's position and name).
    /// </summary>
    public T Register<T>(string name, T module) where T : Module
    {
        CheckName(name, isChild: true);
        ArgumentNullException.ThrowIfNull(module);
        Set(_children, name, module);
        return module;
    }

    /// <summary>Registers a parameter under <paramref name="name"/> (its state-dict name is prefixed by the module path).</summary>
    public Parameter RegisterParameter(string name, Parameter parameter)
    {
        CheckName(name, isChild: false);
        if (_buffers.Any(b => b.Key == name)) throw new ArgumentException($"attribute '{name}' already exists in {TypeName} as a buffer", nameof(name));
        Set(_parameters, name, parameter);
        return parameter;
    }

    /// <summary>Registers a tensor that is state but not a parameter (BatchNorm's running mean), saved in the state dict
    /// unless <paramref name="persistent"/> is false. May be null (an absent optional buffer).</summary>
    public Tensor? RegisterBuffer(string name, Tensor? buffer, bool persistent = true)
    {
        CheckName(name, isChild: false);
        if (_parameters.Any(p => p.Key == name)) throw new ArgumentException($"attribute '{name}' already exists in {TypeName} as a parameter", nameof(name));
        Set(_buffers, name, buffer);
        if (persistent) _nonPersistent.Remove(name);
        else _nonPersistent.Add(name);
        return buffer;
    }

    /// <summary>The direct children, in registration order.</summary>
    public IEnumerable<Module> Children() => _children.Select(c => c.Value);

    /// <summary>The direct children with their names.</summary>
    public IEnumerable<(string Name, Module Module)> NamedChildren() => _children.Select(c => (c.Key, c.Value));

    /// <summary>This module and all modules below it, depth first (PyTorch's <c>modules()</c>).</summary>
    public IEnumerable<Module> Modules() => NamedModules().Select(m => m.Module);

    /// <summary>This module ("") and all below it with their dotted paths.</summary>
    public IEnumerable<(string Name, Module Module)> NamedModules(string prefix = "")
    {
        yield return (prefix, this);
        foreach (var (name, child) in _children)
            foreach (var m in child.NamedModules(Join(prefix, name)))
                yield return m;
    }

    /// <summary>All parameters of this module and (with <paramref name="recurse"/>) its descendants, each once.</summary>
    public IEnumerable<Parameter> Parameters(bool recurse = true) => NamedParameters(recurse: recurse).Select(p => p.Param);

    /// <summary>Parameters with PyTorch's dotted names: <c>fc1.weight</c>, <c>linear_relu_stack.0.bias</c>.</summary>
    public IEnumerable<(string Name, Parameter Param)> NamedParameters(string prefix = "", bool recurse = true)
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (path, module) in recurse ? NamedModules(prefix) : [(prefix, this)])
            foreach (var (name, p) in module._parameters)
                if (p is not null && seen.Add(p)) yield return (Join(path, name), p);
    }

    /// <summary>All buffers of this module and its descendants.</summary>
    public IEnumerable<Tensor> Buffers(bool recurse = true) => NamedBuffers(recurse: recurse).Select(b => b.Buffer);

    /// <summary>Buffers with their dotted names (<c>bn.running_mean</c>).</summary>
    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers(string prefix = "", bool recurse = true)
    {
        foreach (var (path, module) in recurse ? NamedModules(prefix) : [(prefix, this)])
            foreach (var (name, b) in module._buffers)
                if (b is not null) yield return (Join(path, name), b);
    }

    internal IReadOnlyList<KeyValuePair<string, Parameter?>> OwnParameters => _parameters;
    internal IReadOnlyList<KeyValuePair<string, Tensor?>> OwnBuffers => _buffers;
    internal bool IsPersistent(string bufferName) => !_nonPersistent.Contains(bufferName);
    internal IReadOnlyList<KeyValuePair<string, Module>> OwnChildren => _children;

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    private static void Set<T>(List<KeyValuePair<string, T>> list, string name, T value)
    {
        int i = list.FindIndex(kv => kv.Key == name);
        if (i >= 0) list[i] = new(name, value);
        else list.Add(new(name, value));
    }

    // A name belongs to one kind: a child cannot share it with a parameter or buffer (PyTorch's KeyError "attribute ... already exists").
    private void CheckName(string name, bool isChild)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('.'))
            throw new ArgumentException($"module, parameter and buffer names can't contain \".\", got: {name}", nameof(name));
        bool taken = isChild
            ? _parameters.Any(p => p.Key == name) || _buffers.Any(b => b.Key == name)
            : _children.Any(c => c.Key == name);
        if (taken) throw new ArgumentException($"attribute '{name}' already exists in {TypeName}", nameof(name));
    }
}
