using System.Collections.Generic;
using System.Linq;
using StaticNet.Compiler.Model;
using StaticNet.Compiler.Shapes;

namespace StaticNet.Compiler.Graph;

internal static partial class GraphLowering
{
    /// <summary>
    /// Builds the graph op by op from the traced data flow: each forward value maps to a graph value (View and Flatten
    /// map to their input's), each layer of a layer method becomes an op. <see cref="Finish"/> then fuses activations into
    /// single-consumer producers and numbers the values in topological order.
    /// </summary>
    private sealed partial class Builder
    {
        private readonly InferredModel _inferred;
        private readonly Dictionary<string, LayerSpec> _layers;
        private readonly List<PlanOp> _ops;
        private readonly List<int> _origins; // the forward op of the OUTER model each graph op comes from, for messages
        private readonly List<long> _sizes;
        private readonly List<EquatableArray<long>> _samples; // per graph value: its sample's shape as its producer writes it
        private readonly List<ModuleRef> _blocks; // the inlined blocks, outermost first (the plan checks none was replaced)
        private readonly Dictionary<int, int> _valueOf;
        private readonly ModuleRef? _owner; // the block whose forward this builder inlines; null for the model itself
        private readonly int _outerOrigin; // inside a block: the outer forward op that calls it; −1 for the model itself
        private readonly List<int> _outputs = [];
        private readonly List<EquatableArray<long>> _outputSamples = [];

        public Builder(ModelSpec model, InferredModel inferred)
        {
            _inferred = inferred;
            _layers = model.Layers.ToDictionary(l => l.MemberName);
            _ops = [];
            _origins = [];
            _sizes = [Numel(model.Input)];
            _samples = [model.Input];
            _blocks = [];
            _valueOf = new() { [0] = 0 };
            _owner = null;
            _outerOrigin = -1;
        }

        // A builder for a block's forward that adds to the outer graph: its value 0 is the outer value that reaches it.
        private Builder(Builder outer, InferredModel inner, ModuleRef owner, int input, int origin)
        {
            _inferred = inner;
            _layers = inner.Model.Layers.ToDictionary(l => l.MemberName);
            _ops = outer._ops;
            _origins = outer._origins;
            _sizes = outer._sizes;
            _samples = outer._samples;
            _blocks = outer._blocks;
            _valueOf = new() { [0] = input };
            _owner = owner;
            _outerOrigin = origin;
        }

        /// <summary>Adds forward op <paramref name="index"/>; returns why it cannot be fused, or null.</summary>
        public string? Add(OpSpec op, int index)
        {
            var input = op.Inputs[0];
            var inShape = _inferred.Values[input];
            var outShape = _inferred.Values[index + 1];
            switch (op.Kind)
            {
                case OpKind.Layer:
                    var layer = _layers[op.Target];
                    int value = _valueOf[input];
                    var shape = inShape;
                    for (int k = 0; k < layer.Kinds.Count; k++)
                    {
                        var kind = layer.Kinds[k];
                        string name = layer.IsSequential ? $"{layer.ModuleName}.{k}" : layer.ModuleName;
                        var module = new ModuleRef(layer.MemberName, layer.IsSequential ? k : -1,
                            kind is BlockSpec block ? block.FullName : kind.TypeName, _owner is null ? name : $"{_owner.Name}.{name}")
                        {
                            Owner = _owner,
                            IsBlock = kind is BlockSpec,
                        };
                        var next = _inferred.LayerOutputs[index][k];
                        if (AddKind(kind, module, index, value, shape, next, out value) is { } reason) return reason;
                        shape = next;
                    }
                    _valueOf[index + 1] = value;
                    return null;
                case OpKind.Functional:
                    return AddFunctional(op, index, _valueOf[input], inShape, outShape);
                case OpKind.View or OpKind.Flatten:
                    // A no-op on row-major data while the batch stays dimension 0, alone: the same value, another shape.
                    if (Sample(outShape) is null) return "the result must keep the batch alone as dimension 0";
                    _valueOf[index + 1] = _valueOf[input];
                    return null;
                case OpKind.Add or OpKind.Mul:
                    return AddElementwise(op, index, inShape, _inferred.Values[op.Inputs[1]], outShape);
                case OpKind.Cat:
                    return AddCat(op, index, outShape);
                default:
                    return $"'{op.Target}' has no fused kernel";
            }
        }

        /// <summary>Marks forward values <paramref name="values"/> as the plan's outputs (a tuple's items in order); returns why they cannot be, or null.</summary>
        public string? Outputs(IEnumerable<int> values)
        {
            foreach (int value in values)
            {
                if (Sample(_inferred.Values[value]) is not { } sample) return "the output must keep the batch alone as dimension 0";
                // The plan returns new tensors holding its values; the input itself returned would come back as a copy.
                if (_valueOf[value] == 0) return "it returns its input unchanged; a fused plan returns values it computes";
                _outputs.Add(_valueOf[value]);
                _outputSamples.Add(sample.ToEquatableArray());
            }
            return null;
        }

        /// <summary>The forward op whose result nothing reads (a computed value that is not returned either), or null.</summary>
        public int? FirstUnused()
        {
            var read = new HashSet<int>(_ops.SelectMany(o => o.Inputs).Concat(_outputs));
            for (int k = 0; k < _ops.Count; k++)
                if (!read.Contains(_ops[k].Output)) return _origins[k];
            return null;
        }

        public PlanGraph? Finish()
        {
            if (!_ops.Any(o => o is ParameterOp)) return null;
            var ops = FuseEpilogues();
            // Number the values in topological order (the ops' order): 0 is the input, op k writes value k + 1.
            var id = new Dictionary<int, int> { [0] = 0 };
            for (int k = 0; k < ops.Count; k++) id[ops[k].Output] = k + 1;
            int slot = 1;
            var numbered = new List<PlanOp>();
            foreach (var op in ops)
            {
                var renamed = op with { Inputs = op.Inputs.Select(v => id[v]).ToEquatableArray(), Output = id[op.Output] };
                if (renamed is ParameterOp p)
                {
                    renamed = p with { WeightSlot = slot };
                    slot += 2; // a slot for the bias even without one keeps the node's input order fixed
                }
                numbered.Add(renamed);
            }
            var outputs = _outputs.Select(v => id[v]).ToList();
            MarkFoldableBatchNorms(numbered, outputs);
            var values = new List<PlanValue> { Value(0, _sizes[0], -1, numbered) with { Sample = _samples[0] } };
            for (int k = 0; k < ops.Count; k++) values.Add(Value(k + 1, _sizes[ops[k].Output], k, numbered) with { Sample = _samples[ops[k].Output] });
            return new PlanGraph(numbered.ToEquatableArray(), values.ToEquatableArray(), outputs.ToEquatableArray(), _outputSamples.ToEquatableArray())
            {
                InputCount = slot,
                Blocks = _blocks.ToEquatableArray(),
            };
        }

        // A BatchNorm reading a Linear's or Conv2d's output that nothing else reads (so the layer has no epilogue of its own)
        // can be folded into that layer for inference: W' = W·γ/√(var + eps), b' = (b − mean)·γ/√(var + eps) + β.
        private static void MarkFoldableBatchNorms(List<PlanOp> ops, List<int> outputs)
        {
            for (int k = 0; k < ops.Count; k++)
            {
                if (ops[k] is not BatchNormOp bn) continue;
                int value = bn.Inputs[0];
                if (value == 0 || outputs.Contains(value) || ops[value - 1] is not (LinearOp or Conv2dOp) || ((ParameterOp)ops[value - 1]).Activation != Activation.None) continue;
                if (ops.Sum(o => o.Inputs.Count(v => v == value)) != 1) continue;
                ops[k] = bn with { FoldsIntoProducer = true };
            }
        }

        private static PlanValue Value(int id, long size, int producer, List<PlanOp> ops) =>
            new(id, size, producer, ops.SelectMany((o, k) => o.Inputs.Where(v => v == id).Select(_ => k)).ToEquatableArray());

        // An activation right after a Linear or Conv2d without one joins that op's epilogue, when the activation is the
        // only reader of the op's output (another reader needs the value before the activation) and it is not returned.
        private List<PlanOp> FuseEpilogues()
        {
            var ops = _ops.ToList();
            var readers = ops.SelectMany(o => o.Inputs).GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
            for (int k = 0; k < ops.Count; k++)
            {
                if (ops[k] is not ActivationOp activation) continue;
                int value = activation.Inputs[0];
                int producer = ops.FindIndex(o => o.Output == value);
                if (producer < 0 || ops[producer] is not ParameterOp { Activation: Activation.None } p || readers[value] != 1 || _outputs.Contains(value)) continue;
                ops[producer] = p with { Activation = activation.Activation, Output = activation.Output };
                ops.RemoveAt(k--);
            }
            return ops;
        }

        private string? AddKind(LayerKindSpec kind, ModuleRef module, int origin, int input, ShapeSpec inShape, ShapeSpec outShape, out int output)
        {
            output = input;
            var sample = Sample(inShape);
            if (sample is null) return "the input must keep the batch alone as dimension 0";
            switch (kind)
            {
                case LinearSpec l:
                    if (sample.Length != 1) return "Linear needs a [B, n] input";
                    return Emit(new LinearOp(module, l.In, l.Out, l.Bias, Activation.None), origin, outShape, out output, [sample], input);
                case Conv2dSpec c:
                    if (sample.Length != 3) return "Conv2d needs a [B, C, H, W] input";
                    if (c.Groups != 1) return "only groups = 1 is fused";
                    return Emit(new Conv2dOp(module, sample[0], sample[1], sample[2], c.Bias, Activation.None), origin, outShape, out output, [sample], input);
                case Pool2dSpec p:
                    return AddPool(p.IsMax, module.Name, origin, input, sample, outShape,
                        new Window(p.Kernel, p.Kernel, p.EffectiveStride, p.EffectiveStride, p.Padding, p.Padding, 1, 1), true, out output);
                case AdaptiveAvgPool2dSpec:
                    return AddAdaptivePool(module.Name, origin, input, sample, outShape, out output);
                case ActivationSpec a when ActivationOf(a.Name) is { } activation:
                    return Emit(new ActivationOp(activation, module.Name), origin, outShape, out output, [sample], input);
                case DropoutSpec d:
                    return Emit(new DropoutOp(module, d.P), origin, outShape, out output, [sample], input);
                case BatchNormSpec b:
                    // The shape rule checked the rank and channels: [C], [C, L] or [C, H, W] per sample.
                    long spatial = sample.Skip(1).Aggregate(1L, (a, d) => a * d);
                    return Emit(new BatchNormOp(module, sample[0], spatial, b.Affine, Activation.None), origin, outShape, out output, [sample], input);
                case SoftmaxSpec softmax:
                    return AddSoftmax(softmax.IsLog, softmax.Dim, module.Name, origin, input, inShape, outShape, out output);
                case FlattenSpec:
                    return Sample(outShape) is null ? "the result must keep the batch alone as dimension 0" : null;
                case BlockSpec block:
                    return AddBlock(block, module, origin, input, out output);
                default:
                    return $"{kind.TypeName} has no fused kernel";
            }
        }

        private string? AddFunctional(OpSpec op, int origin, int input, ShapeSpec inShape, ShapeSpec outShape)
        {
            var n = op.Ints;
            var sample = Sample(inShape);
            if (sample is null) return "the input must keep the batch alone as dimension 0";
            int output;
            string? reason;
            switch (op.Target)
            {
                case "MaxPool2d":
                    reason = AddPool(true, op.Target, origin, input, sample, outShape, new Window(n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8] != 0), true, out output);
                    break;
                case "AvgPool2d":
                    if (n[10] != 0) return "a divisor override is not fused";
                    if (n[9] < 0) return "countIncludePad must be a constant";
                    reason = AddPool(false, op.Target, origin, input, sample, outShape, new Window(n[0], n[1], n[2], n[3], n[4], n[5], 1, 1, n[8] != 0), n[9] != 0, out output);
                    break;
                case "AdaptiveAvgPool2d":
                    reason = AddAdaptivePool(op.Target, origin, input, sample, outShape, out output);
                    break;
                case var name when ActivationOf(name) is { } activation:
                    reason = Emit(new ActivationOp(activation, name), origin, outShape, out output, [sample], input);
                    break;
                case "Softmax" or "LogSoftmax":
                    reason = AddSoftmax(op.Target == "LogSoftmax", n[0], op.Target, origin, input, inShape, outShape, out output);
                    break;
                case "Dropout":
                    return "F.Dropout's training flag is not traced; declare a [Dropout] layer, which follows Train()/Eval()";
                default:
                    return $"'{op.Target}' has no fused kernel";
            }
            _valueOf[origin + 1] = output;
            return reason;
        }

        // a + b, a * b: one shape, or NumPy broadcasting as shape inference found it (BroadcastRule); in the plan both operands
        // keep the batch alone as dimension 0, so an operand of lower rank is aligned from the trailing dimension with 1s.
        private string? AddElementwise(OpSpec op, int index, ShapeSpec left, ShapeSpec right, ShapeSpec outShape)
        {
            if (Sample(left) is not { } a || Sample(right) is not { } b || Sample(outShape) is not { } result)
                return $"'{op.Target}' of {left} and {right} is fused only between values that keep the batch alone as dimension 0";
            var element = new ElementwiseOp(op.Kind == OpKind.Mul, op.Source)
            {
                LeftSample = Align(a, result.Length).ToEquatableArray(),
                RightSample = Align(b, result.Length).ToEquatableArray(),
                ResultSample = result.ToEquatableArray(),
            };
            var reason = Emit(element, index, outShape, out int value, [a, b], _valueOf[op.Inputs[0]], _valueOf[op.Inputs[1]]);
            _valueOf[index + 1] = value;
            return reason;
        }

        private static long[] Align(long[] sample, int rank) => Enumerable.Repeat(1L, rank - sample.Length).Concat(sample).ToArray();

        // Torch.Cat along a sample dimension: shape inference (CatRule) checked the ranks and sizes; in each sample the
        // inputs' parts alternate row by row, row = the dimensions before dim.
        private string? AddCat(OpSpec op, int index, ShapeSpec outShape)
        {
            int rank = outShape.Rank;
            long dim = op.Ints[0] < 0 ? op.Ints[0] + rank : op.Ints[0];
            if (dim == 0) return "Cat along dimension 0 joins batches: the batch must stay alone as dimension 0";
            if (Sample(outShape) is not { } result) return "the result must keep the batch alone as dimension 0";
            var parts = new List<long>();
            var inputs = new List<int>();
            var seen = new List<long[]>();
            foreach (int input in op.Inputs)
            {
                if (Sample(_inferred.Values[input]) is not { } sample) return "each input must keep the batch alone as dimension 0";
                parts.Add(Numel(sample.Skip((int)dim - 1)));
                seen.Add(sample);
                inputs.Add(_valueOf[input]);
            }
            long rows = Numel(result.Take((int)dim - 1));
            var reason = Emit(new CatOp(dim, rows, parts.ToEquatableArray(), op.Source), index, outShape, out int value, seen.ToArray(), inputs.ToArray());
            _valueOf[index + 1] = value;
            return reason;
        }

        private readonly record struct Window(long KernelH, long KernelW, long StrideH, long StrideW, long PadH, long PadW, long DilationH, long DilationW, bool Ceil = false);

        private string? AddPool(bool isMax, string name, int origin, int input, long[] sample, ShapeSpec outShape, Window k, bool countIncludePad, out int output,
            bool adaptive = false)
        {
            output = input;
            if (sample.Length != 3) return $"{(isMax ? "MaxPool2d" : "AvgPool2d")} needs a [B, C, H, W] input";
            var geometry = new PoolGeometry(sample[0], sample[1], sample[2], outShape[2].Factor, outShape[3].Factor, k.KernelH, k.KernelW,
                k.StrideH, k.StrideW, k.PadH, k.PadW, k.DilationH, k.DilationW);
            return Emit(new Pool2dOp(isMax, name, geometry, countIncludePad) { Ceil = k.Ceil, Adaptive = adaptive }, origin, outShape, out output, [sample], input);
        }

        // Adaptive average pooling to sizes that divide the input's (ResNet's 1×1, VGG's 7×7 of 7×7 or 14×14) has windows
        // [i·k, (i + 1)·k) with k = H / OH: exactly an average pooling with kernel = stride = k, which the plan runs.
        private string? AddAdaptivePool(string name, int origin, int input, long[] sample, ShapeSpec outShape, out int output)
        {
            output = input;
            if (sample.Length != 3) return "AdaptiveAvgPool2d needs a [B, C, H, W] input";
            long oh = outShape[2].Factor, ow = outShape[3].Factor;
            if (oh == 0 || ow == 0 || sample[1] % oh != 0 || sample[2] % ow != 0)
                return $"an adaptive pooling of {sample[1]}×{sample[2]} to {oh}×{ow} has uneven windows; only output sizes that divide the input's are fused";
            long kh = sample[1] / oh, kw = sample[2] / ow;
            return AddPool(false, name, origin, input, sample, outShape, new Window(kh, kw, kh, kw, 0, 0, 1, 1), true, out output, adaptive: true);
        }

        // Rows along the last dimension are contiguous in the row-major buffer; another dimension would need a strided pass.
        private string? AddSoftmax(bool isLog, long dim, string name, int origin, int input, ShapeSpec inShape, ShapeSpec outShape, out int output)
        {
            output = input;
            int rank = inShape.Rank;
            if ((dim < 0 ? dim + rank : dim) != rank - 1)
                return $"{(isLog ? "LogSoftmax" : "Softmax")} over dimension {dim} of {inShape} is not fused: only the last dimension is";
            return Emit(new SoftmaxOp(isLog, inShape[rank - 1].Factor, name), origin, outShape, out output, [Sample(inShape)!], input);
        }

        // Adds op reading graph values inputs, which it sees as the samples seen (a Flatten or View between a value's
        // producer and this op shows it in another shape than the producer wrote).
        private string? Emit(PlanOp op, int origin, ShapeSpec outShape, out int output, long[][] seen, params int[] inputs)
        {
            output = -1;
            if (Sample(outShape) is not { } sample) return "the result must keep the batch alone as dimension 0";
            output = _sizes.Count;
            _sizes.Add(Numel(sample));
            _samples.Add(sample.ToEquatableArray());
            _ops.Add(op with
            {
                Inputs = inputs.ToEquatableArray(),
                Output = output,
                InputSamples = seen.Select(x => x.ToEquatableArray()).ToEquatableArray(),
            });
            _origins.Add(_outerOrigin >= 0 ? _outerOrigin : origin);
            return null;
        }

        // One sample's shape when the batch is dimension 0 and nowhere else (the row-major buffer is then batch × sample).
        private static long[]? Sample(ShapeSpec shape) =>
            shape.Rank > 0 && shape[0] == DimSpec.Batch && shape.Dims.Skip(1).All(d => !d.HasBatch) ? shape.Dims.Skip(1).Select(d => d.Factor).ToArray() : null;

        private static long Numel(IEnumerable<long> sample) => sample.Aggregate(1L, (a, b) => a * b);
    }
}
