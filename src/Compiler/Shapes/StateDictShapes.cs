using System.Collections.Generic;
using System.Linq;
using StaticNet.Compiler.Model;

namespace StaticNet.Compiler.Shapes;

/// <summary>
/// One entry of a declared model's state dict: its PyTorch key (<c>linear_relu_stack.0.weight</c>), its shape, and
/// whether it is a trained parameter (false for a buffer such as <c>running_mean</c>).
/// </summary>
internal sealed record StateEntrySpec(string Key, EquatableArray<long> Shape, bool Trainable)
{
    /// <summary>As messages write a concrete shape: <c>[512, 784]</c>, <c>[]</c> for a scalar.</summary>
    public string ShapeText => FormatShape(Shape);

    public static string FormatShape(IEnumerable<long> shape) =>
        "[" + string.Join(", ", shape.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
}

/// <summary>
/// The parameters and buffers each declared layer registers, with their shapes, in PyTorch's order: what
/// <c>state_dict()</c> holds, what torchsummary counts, and what a shipped weights file must contain. The runtime's
/// layers register the same names and shapes (src/Runtime/NN/Layers); the weights analyzer compares files against this.
/// </summary>
internal static class StateDictShapes
{
    /// <summary>The entries of layer <paramref name="kind"/>, named relative to the layer (<c>weight</c>, <c>bias</c>, ...).</summary>
    public static IEnumerable<StateEntrySpec> Of(LayerKindSpec kind)
    {
        switch (kind)
        {
            case LinearSpec l:
                yield return Entry("weight", true, l.Out, l.In);
                if (l.Bias) yield return Entry("bias", true, l.Out);
                break;
            case Conv2dSpec c:
                yield return Entry("weight", true, c.Out, c.In / c.Groups, c.Kernel, c.Kernel);
                if (c.Bias) yield return Entry("bias", true, c.Out);
                break;
            case BatchNormSpec b:
                // Running statistics always (a declared BatchNorm tracks them); weight and bias when affine.
                if (b.Affine)
                {
                    yield return Entry("weight", true, b.NumFeatures);
                    yield return Entry("bias", true, b.NumFeatures);
                }
                yield return Entry("running_mean", false, b.NumFeatures);
                yield return Entry("running_var", false, b.NumFeatures);
                yield return Entry("num_batches_tracked", false);
                break;
            case BlockSpec block:
                // A declared model used as a layer: its own state dict, nested under this layer's name.
                foreach (var entry in Of(block.Model)) yield return entry;
                break;
        }
    }

    /// <summary>
    /// The whole model's state dict in registration order: each layer method's module name, then for a Sequential the
    /// element's index (<c>linear_relu_stack.2.bias</c>), then the entry's name.
    /// </summary>
    public static EquatableArray<StateEntrySpec> Of(ModelSpec model)
    {
        var entries = new List<StateEntrySpec>();
        foreach (var layer in model.Layers)
            for (int i = 0; i < layer.Kinds.Count; i++)
            {
                string prefix = layer.IsSequential ? $"{layer.ModuleName}.{i}." : layer.ModuleName + ".";
                entries.AddRange(Of(layer.Kinds[i]).Select(e => e with { Key = prefix + e.Key }));
            }
        return entries.ToEquatableArray();
    }

    /// <summary>What torchsummary counts for a layer: the elements of its trained parameters.</summary>
    public static long ParameterCount(LayerKindSpec kind) =>
        Of(kind).Where(e => e.Trainable).Sum(e => e.Shape.Aggregate(1L, (n, d) => n * d));

    private static StateEntrySpec Entry(string name, bool trainable, params long[] shape) => new(name, shape.ToEquatableArray(), trainable);
}
