using System.Collections.Generic;
using System.Linq;
using StaticNet.Compiler.Model;
using StaticNet.Compiler.Shapes.Rules;

namespace StaticNet.Compiler.Shapes;

internal static partial class ShapeInference
{
    /// <summary>The state of one inference: value shapes so far and the summary rows in execution order.</summary>
    private sealed class Run(ModelSpec model, ForwardSpec forward, ShapeSpec input, string inputOrigin, System.Threading.CancellationToken cancellationToken)
    {
        private readonly Dictionary<string, LayerSpec> _layers = model.Layers.ToDictionary(l => l.MemberName);

        public List<ShapeSpec> Values { get; } = [input];

        public List<SummaryRow> Rows { get; } = [];

        // Per op: the output of each layer of a layer method (a Sequential's intermediate shapes), for lowering.
        public List<EquatableArray<ShapeSpec>> LayerOutputs { get; } = [];

        private readonly List<ShapeSpec> _layerOutputs = [];

        // The inner inference of each block, for lowering (which inlines the block from it).
        public List<BlockInference> Blocks { get; } = [];

        // Insertion order is the order of first use: the docs show each layer's shapes at its first call.
        public Dictionary<string, LayerShapes> FirstUses { get; } = [];

        public DiagnosticInfo? Step(OpSpec op)
        {
            var input = Values[op.Inputs[0]];
            var context = new RuleContext(Describe(op), input, Origin(op, 0), op.Location, null);
            _layerOutputs.Clear();
            var result = op.Kind switch
            {
                OpKind.Layer => Layer(_layers[op.Target], context),
                OpKind.Functional => Functional(op, context),
                OpKind.View => ViewRule.Infer(op.Ints, context),
                OpKind.Flatten => FlattenRule.Infer(op.Ints[0], op.Ints[1], context),
                OpKind.Add or OpKind.Mul => BroadcastRule.Infer(op.Target, input, Values[op.Inputs[1]], Origin(op, 1), context),
                _ => CatRule.Infer(op.Inputs.Select(i => Values[i]).ToList(), op.Inputs.Select((_, i) => Origin(op, i)).ToList(), op.Ints[0], context),
            };
            if (result.Error is not null) return result.Error;
            Values.Add(result.Shape!);
            LayerOutputs.Add(_layerOutputs.ToEquatableArray());
            if (op.Kind == OpKind.Layer && !FirstUses.ContainsKey(op.Target))
                FirstUses[op.Target] = new LayerShapes(op.Target, input, result.Shape!);
            return null;
        }

        // A layer method: its one layer, or its Sequential's layers in order (each a summary row, as torchsummary lists them).
        private RuleResult Layer(LayerSpec layer, RuleContext call)
        {
            var context = call;
            RuleResult result = default;
            for (int i = 0; i < layer.Kinds.Count; i++)
            {
                var kind = layer.Kinds[i];
                if (layer.IsSequential)
                    context = i == 0
                        ? call with { LayerName = $"{layer.MemberName}[0]", Attribute = kind.Location }
                        : new RuleContext($"{layer.MemberName}[{i}]", result.Shape!,
                            $"{layer.MemberName}[{i - 1}] = {layer.Kinds[i - 1].TypeName} of {context.Input}", kind.Location, kind.Location);
                else context = context with { Attribute = kind.Location };
                if (kind is BlockSpec block)
                {
                    // A block lists its own layers' rows (torchsummary lists leaf layers only) at the shape that reaches it.
                    var (blockResult, inner) = BlockRule.Infer(block, context, cancellationToken);
                    result = blockResult;
                    if (result.Error is not null) return result;
                    Rows.AddRange(inner!.Summary);
                    Blocks.Add(new BlockInference(Values.Count - 1, i, inner));
                    _layerOutputs.Add(result.Shape!);
                    continue;
                }
                result = LayerRule(kind, context);
                if (result.Error is not null) return result;
                long parameters = ParameterCount(kind);
                Rows.Add(new SummaryRow(kind.TypeName, result.Shape!, parameters, parameters > 0));
                _layerOutputs.Add(result.Shape!);
            }
            return result;
        }

        private string Describe(OpSpec op) => op.Kind switch
        {
            OpKind.Layer or OpKind.Functional or OpKind.View => op.Target,
            OpKind.Flatten => "Flatten",
            OpKind.Cat => "Cat",
            _ => op.Target,
        };

        // Where input i of an op came from, as messages write it: "x = View of [B, 16, 6, 6]", "x = the model input".
        private string Origin(OpSpec op, int i)
        {
            int value = op.Inputs[i];
            string source = value == 0
                ? inputOrigin
                : $"{Describe(forward.Ops[value - 1])} of {Values[forward.Ops[value - 1].Inputs[0]]}";
            string name = op.InputName(i);
            return name.Length == 0 ? source : $"{name} = {source}";
        }
    }

    /// <summary>The rule for one declared layer kind.</summary>
    internal static RuleResult LayerRule(LayerKindSpec kind, RuleContext context) => kind switch
    {
        LinearSpec linear => LinearRule.Infer(linear, context),
        Conv2dSpec conv => Conv2dRule.Infer(conv, context),
        Pool2dSpec pool => Pool2dRule.Infer(PoolWindow.Square(pool.Kernel, pool.EffectiveStride, pool.Padding), context),
        AdaptiveAvgPool2dSpec adaptive => AdaptiveAvgPool2dRule.Infer(adaptive.Height, adaptive.Width, context),
        FlattenSpec flatten => FlattenRule.Infer(flatten.StartDim, flatten.EndDim, context),
        BatchNormSpec norm => BatchNormRule.Infer(norm, context),
        SoftmaxSpec softmax => ElementwiseRule.InferSoftmax(softmax.Dim, context),
        _ => ElementwiseRule.Infer(context),
    };

    /// <summary>What torchsummary counts for a layer: its weight and bias (the shapes of <see cref="StateDictShapes"/>).</summary>
    internal static long ParameterCount(LayerKindSpec kind) => StateDictShapes.ParameterCount(kind);

    private static RuleResult Functional(OpSpec op, RuleContext context)
    {
        var n = op.Ints;
        return op.Target switch
        {
            "MaxPool2d" or "AvgPool2d" => Pool2dRule.Infer(new PoolWindow(n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8] != 0), context),
            "AdaptiveAvgPool2d" => AdaptiveAvgPool2dRule.Infer(n[0], n[1], context),
            "Softmax" or "LogSoftmax" => ElementwiseRule.InferSoftmax(n[0], context),
            _ => ElementwiseRule.Infer(context),
        };
    }
}
