using System.Collections.Generic;
using System.Linq;
using StaticNet.Compiler.Model;
using StaticNet.Compiler.Shapes;

namespace StaticNet.Generators.IR;

/// <summary>
/// Lowers a traced model to a <see cref="FusedPlan"/> when its <c>[Forward]</c> is a straight chain of Linear, ReLU,
/// Sigmoid, Tanh, Dropout and Flatten (layer methods, Sequentials of those, <c>x.Flatten()</c>) returning one tensor;
/// otherwise returns null and the model keeps its eager <c>Forward</c>.
/// </summary>
internal static class FusedLowering
{
    public static FusedPlan? Lower(InferredModel inferred)
    {
        var model = inferred.Model;
        var forward = model.Forward;
        if (forward is null || !inferred.IsTraced || forward.ReturnsTuple || forward.MethodName == "Forward" || forward.Outputs.Count != 1) return null;
        if (forward.Outputs[0] != forward.Ops.Count) return null;
        var layers = model.Layers.ToDictionary(l => l.MemberName);
        var chain = new List<(LayerKindSpec Kind, string Module, string Name)>();
        for (int i = 0; i < forward.Ops.Count; i++)
        {
            var op = forward.Ops[i];
            if (op.Inputs.Count != 1 || op.Inputs[0] != i) return null; // each step consumes the previous value
            switch (op.Kind)
            {
                case OpKind.Layer:
                    var layer = layers[op.Target];
                    for (int k = 0; k < layer.Kinds.Count; k++)
                    {
                        var kind = layer.Kinds[k];
                        string module = layer.IsSequential
                            ? $"(({Emit.LayerConstruction.TypeOf(kind)})Layers.{layer.MemberName}[{k}])"
                            : $"Layers.{layer.MemberName}";
                        chain.Add((kind, module, layer.IsSequential ? $"{layer.ModuleName}.{k}" : layer.ModuleName));
                    }
                    break;
                case OpKind.Flatten:
                    chain.Add((new FlattenSpec(op.Ints[0], op.Ints[1]), "", "flatten"));
                    break;
                default:
                    return null;
            }
        }

        int rank = model.Input.Count + 1;
        long width = model.Input.Aggregate(1L, (a, d) => a * d);
        var steps = new List<FusedStep>();
        var widths = new List<long> { width };
        int inputs = 1;
        foreach (var (kind, module, name) in chain)
        {
            switch (kind)
            {
                case FlattenSpec f when f.StartDim == 1 && f.EndDim == -1:
                    rank = 2; // row-major data is already flat
                    break;
                case LinearSpec l when rank == 2 && l.In == width:
                    steps.Add(new FusedLinear(module, name, l.In, l.Out, l.Bias, "None") { Input = steps.Count, WeightInput = inputs });
                    inputs += 2;
                    widths.Add(width = l.Out);
                    break;
                case ActivationSpec a when steps.Count > 0 && steps[steps.Count - 1] is FusedLinear { Activation: "None" } last
                                           && a.Name is "ReLU" or "Sigmoid" or "Tanh":
                    steps[steps.Count - 1] = last with { Activation = a.Name == "ReLU" ? "Relu" : a.Name };
                    break;
                case DropoutSpec d when steps.Count > 0:
                    steps.Add(new FusedDropout(module, name, d.P, width) { Input = steps.Count });
                    widths.Add(width);
                    break;
                default:
                    return null;
            }
        }
        if (rank != 2 || steps.Count == 0 || steps[0] is not FusedLinear) return null;
        return new FusedPlan(steps, widths[0], widths) { InputCount = inputs };
    }
}
