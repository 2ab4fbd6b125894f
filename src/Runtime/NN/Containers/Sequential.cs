using System.Collections;

namespace StaticNet.NN;

/// <summary>
/// Runs its children one after another (PyTorch's <c>nn.Sequential</c>). Children are named <c>0</c>, <c>1</c>, ...,
/// so parameters are <c>linear_relu_stack.0.weight</c>; the container is indexable and can grow with <see cref="Append"/>.
/// </summary>
public sealed class Sequential : Module, IEnumerable<Module>
{
    private readonly List<Module> _layers = [];

    /// <summary>Creates a sequence of layers, in the order given.</summary>
    public Sequential(params Module[] layers)
    {
        foreach (var layer in layers) Append(layer);
    }

    /// <summary>Adds a layer at the end; returns this container.</summary>
    public Sequential Append(Module layer)
    {
        Register(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
        _layers.Add(layer);
        return this;
    }

    /// <summary>Adds a layer (for collection initializers).</summary>
    public void Add(Module layer) => Append(layer);

    /// <summary>The layer at <paramref name="index"/> (^1 is the last).</summary>
    public Module this[Index index] => _layers[index];

    /// <summary>Number of layers.</summary>
    public int Count => _layers.Count;

    /// <summary>Feeds <paramref name="x"/> through every layer in order.</summary>
    public override Tensor Forward(Tensor x)
    {
        foreach (var layer in _layers) x = layer.Forward(x);
        return x;
    }

    /// <inheritdoc/>
    public IEnumerator<Module> GetEnumerator() => _layers.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
