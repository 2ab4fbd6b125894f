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
        w.WriteLine($"/// <summary>The layers of <see cref=\"{model.ClassName}\"/>, typed, each registered under its PyTorch name. Setting one replaces");
        w.WriteLine("/// it in place (same name and position in the state dict and the printed tree), as <c>model.fc = nn.Linear(512, 100)</c> does.</summary>");
        w.WriteLine("public sealed class LayerSet");
        using (w.OpenBlock())
        {
            w.WriteLine("private readonly global::StaticNet.NN.Module _owner;");
            w.WriteLine("// The modules the constructor registered (a Sequential's elements after it), for Replaced.");
            w.WriteLine("private readonly global::StaticNet.NN.Module[] _declared;");
            w.WriteLine();
            w.WriteLine("internal LayerSet(global::StaticNet.NN.Module owner)");
            using (w.OpenBlock())
            {
                w.WriteLine("_owner = owner;");
                foreach (var layer in model.Layers)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    string field = Field(layer);
                    if (!layer.IsSequential)
                    {
                        var kind = layer.Kinds[0];
                        w.WriteLine($"{field} = owner.Register(\"{layer.ModuleName}\", new {LayerConstruction.TypeOf(kind)}({LayerConstruction.Arguments(kind)}));");
                        continue;
                    }
                    w.WriteLine($"{field} = owner.Register(\"{layer.ModuleName}\", new {LayerConstruction.Namespace}Sequential(");
                    w.Indent();
                    for (int i = 0; i < layer.Kinds.Count; i++)
                    {
                        var kind = layer.Kinds[i];
                        w.WriteLine($"new {LayerConstruction.TypeOf(kind)}({LayerConstruction.Arguments(kind)}){(i + 1 < layer.Kinds.Count ? "," : "));")}");
                    }
                    w.Unindent();
                }
                var declared = model.Layers.SelectMany(l => l.IsSequential
                    ? new[] { Field(l) }.Concat(Enumerable.Range(0, l.Kinds.Count).Select(i => $"{Field(l)}[{i}]"))
                    : new[] { Field(l) });
                w.WriteLine($"_declared = [{string.Join(", ", declared)}];");
            }
            w.WriteLine();
            w.WriteLine("/// <summary>");
            w.WriteLine("/// True once a layer, or an element of a declared Sequential, is not the one the constructor registered (replaced");
            w.WriteLine("/// through its setter or the Sequential's indexer, or the Sequential grew). The fused plan still runs while");
            w.WriteLine("/// <see cref=\"PlanFits\"/>; otherwise Forward runs the [Forward] body eagerly through the current layers.");
            w.WriteLine("/// </summary>");
            var checks = new System.Collections.Generic.List<string>();
            int slot = 0;
            foreach (var layer in model.Layers)
            {
                string field = Field(layer);
                checks.Add($"!ReferenceEquals({field}, _declared[{slot++}])");
                if (!layer.IsSequential) continue;
                checks.Add($"{field}.Count != {layer.Kinds.Count}");
                for (int i = 0; i < layer.Kinds.Count; i++) checks.Add($"!ReferenceEquals({field}[{i}], _declared[{slot++}])");
            }
            w.WriteLine($"public bool Replaced => {(checks.Count == 0 ? "false" : string.Join(" || ", checks))};");
            w.WriteLine();
            w.WriteLine("/// <summary>");
            w.WriteLine("/// True while the fused plan can run these layers: each is the declared module or, for a Linear, Conv2d or BatchNorm,");
            w.WriteLine("/// one of its type and options, whose sizes the plan reads from it (a replaced <c>fc</c> of another width), and each");
            w.WriteLine("/// declared Sequential still has its length. Otherwise Forward runs the [Forward] body eagerly.");
            w.WriteLine("/// </summary>");
            var fits = new System.Collections.Generic.List<string>();
            slot = 0;
            foreach (var layer in model.Layers)
            {
                string field = Field(layer);
                if (!layer.IsSequential)
                {
                    fits.Add($"global::StaticNet.Fused.FusedOps.Fits({field}, _declared[{slot++}])");
                    continue;
                }
                fits.Add($"ReferenceEquals({field}, _declared[{slot++}])");
                fits.Add($"{field}.Count == {layer.Kinds.Count}");
                for (int i = 0; i < layer.Kinds.Count; i++) fits.Add($"global::StaticNet.Fused.FusedOps.Fits({field}[{i}], _declared[{slot++}])");
            }
            w.WriteLine($"public bool PlanFits => {(fits.Count == 0 ? "true" : string.Join(" && ", fits))};");
            foreach (var layer in model.Layers)
            {
                string type = LayerConstruction.ModuleType(layer);
                w.WriteLine();
                w.WriteLine($"/// <summary><c>{layer.ModuleName}</c>: {Literals.Xml(Describe(layer))}. Setting it registers the new module under <c>{layer.ModuleName}</c>.</summary>");
                w.WriteLine($"public {type} {layer.MemberName}");
                using (w.OpenBlock())
                {
                    w.WriteLine($"get => {Field(layer)};");
                    w.WriteLine($"set => {Field(layer)} = _owner.Register(\"{layer.ModuleName}\", value);");
                }
                w.WriteLine();
                w.WriteLine($"private {type} {Field(layer)};");
            }
        }
    }

    private static string Field(LayerSpec layer) => "_" + char.ToLowerInvariant(layer.MemberName[0]) + layer.MemberName.Substring(1);

    private static string Describe(LayerSpec layer) => layer.IsSequential
        ? "Sequential of " + string.Join(", ", layer.Kinds.Select(LayerConstruction.Display))
        : LayerConstruction.Display(layer.Kinds[0]);
}
