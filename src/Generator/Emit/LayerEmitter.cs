using System.Linq;
using System.Threading;
using StaticNet.Compiler.Model;
using StaticNet.Compiler.Shapes;

namespace StaticNet.Generators.Emit;

/// <summary>
/// Emits the layer side of a model: the layer methods (each runs its eager layer, so it is autograd-aware and usable
/// alone) and the nested <c>LayerSet</c> that registers every layer under its PyTorch name and gives typed access.
/// </summary>
internal static class LayerEmitter
{
    public const string Tensor = "global::StaticNet.Tensor";

    public static void EmitMethods(SourceWriter w, InferredModel model, CancellationToken cancellationToken)
    {
        foreach (var layer in model.Model.Layers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var shapes = model.LayerShapes.FirstOrDefault(s => s.MemberName == layer.MemberName);
            string flow = shapes is null ? "" : $": {shapes.Input.ToCompactString()} → {shapes.Output.ToCompactString()}";
            w.WriteLine($"/// <summary>Runs layer <c>{layer.ModuleName}</c> ({Literals.Xml(Describe(layer))}){flow}.</summary>");
            w.WriteLine($"{layer.Accessibility} partial {Tensor} {layer.MemberName}({Tensor} {layer.ParameterName}) => Layers.{layer.MemberName}.Forward({layer.ParameterName});");
            w.WriteLine();
        }
    }

    public static void EmitLayerSet(SourceWriter w, ModelSpec model, CancellationToken cancellationToken)
    {
        w.WriteLine($"/// <summary>The layers of <see cref=\"{model.ClassName}\"/>, typed, each registered under its PyTorch name.</summary>");
        w.WriteLine("public sealed class LayerSet");
        using (w.OpenBlock())
        {
            w.WriteLine("internal LayerSet(global::StaticNet.NN.Module owner)");
            using (w.OpenBlock())
            {
                foreach (var layer in model.Layers)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!layer.IsSequential)
                    {
                        var kind = layer.Kinds[0];
                        w.WriteLine($"{layer.MemberName} = owner.Register(\"{layer.ModuleName}\", new {LayerConstruction.TypeOf(kind)}({LayerConstruction.Arguments(kind)}));");
                        continue;
                    }
                    w.WriteLine($"{layer.MemberName} = owner.Register(\"{layer.ModuleName}\", new {LayerConstruction.Namespace}Sequential(");
                    w.Indent();
                    for (int i = 0; i < layer.Kinds.Count; i++)
                    {
                        var kind = layer.Kinds[i];
                        w.WriteLine($"new {LayerConstruction.TypeOf(kind)}({LayerConstruction.Arguments(kind)}){(i + 1 < layer.Kinds.Count ? "," : "));")}");
                    }
                    w.Unindent();
                }
            }
            foreach (var layer in model.Layers)
            {
                w.WriteLine();
                w.WriteLine($"/// <summary><c>{layer.ModuleName}</c>: {Literals.Xml(Describe(layer))}.</summary>");
                w.WriteLine($"public {LayerConstruction.ModuleType(layer)} {layer.MemberName} {{ get; }}");
            }
        }
    }

    private static string Describe(LayerSpec layer) => layer.IsSequential
        ? "Sequential of " + string.Join(", ", layer.Kinds.Select(LayerConstruction.Display))
        : LayerConstruction.Display(layer.Kinds[0]);
}
