using System.Collections.Generic;
using System.Linq;
using StaticNet.Compiler.Model;
using StaticNet.Compiler.Shapes;

namespace StaticNet.Compiler.Fusion;

internal static partial class FusedLowering
{
    /// <summary>Builds the steps while tracking the current value's per-sample shape ([n] or [C, H, W]).</summary>
    private sealed class Builder(ModelSpec model, InferredModel inferred)
    {
        private readonly Dictionary<string, LayerSpec> _layers = model.Layers.ToDictionary(l => l.MemberName);
        private readonly List<FusedStep> _steps = [];
        private readonly List<long> _sizes = [Numel(model.Input)];
        private long[] _sample = model.Input.ToArray();
        private int _inputs = 1;

        /// <summary>Adds op <paramref name="index"/>; returns why it cannot be fused, or null.</summary>
        public string? Add(OpSpec op, int index)
        {
            switch (op.Kind)
            {
                case OpKind.Layer:
                    var layer = _layers[op.Target];
                    for (int k = 0; k < layer.Kinds.Count; k++)
                    {
                        var kind = layer.Kinds[k];
                        var module = new ModuleRef(layer.MemberName, layer.IsSequential ? k : -1, kind.TypeName,
                            layer.IsSequential ? $"{layer.ModuleName}.{k}" : layer.ModuleName);
                        if (AddKind(kind, module) is { } reason) return reason;
                    }
                    return null;
                case OpKind.Functional:
                    return AddFunctional(op);
                case OpKind.View or OpKind.Flatten:
                    // The op's inferred output: a no-op on row-major data while the batch stays dimension 0, alone.
                    var shape = inferred.Values[index + 1];
                    if (shape.Rank == 0 || shape[0] != DimSpec.Batch || shape.Dims.Skip(1).Any(d => d.HasBatch))
                        return "the result must keep the batch alone as dimension 0";
                    _sample = shape.Dims.Skip(1).Select(d => d.Factor).ToArray();
                    return null;
                default:
                    return $"'{op.Target}' has no fused kernel";
            }
        }

        private string? AddKind(LayerKindSpec kind, ModuleRef module)
        {
            switch (kind)
            {
                case LinearSpec l:
                    if (_sample.Length != 1) return "Linear needs a [B, n] input";
                    return AddLayer(new FusedLinear(module, l.In, l.Out, l.Bias, "None"), [l.Out]);
                case Conv2dSpec c:
                    if (_sample.Length != 3) return "Conv2d needs a [B, C, H, W] input";
                    if (c.Groups != 1) return "only groups = 1 is fused";
                    long oh = (_sample[1] + 2 * c.Padding - c.Dilation * (c.Kernel - 1) - 1) / c.Stride + 1;
                    long ow = (_sample[2] + 2 * c.Padding - c.Dilation * (c.Kernel - 1) - 1) / c.Stride + 1;
                    return AddLayer(new FusedConv2d(module, _sample[0], _sample[1], _sample[2], c.Bias, "None"), [c.Out, oh, ow]);
                case Pool2dSpec p:
                    return AddPool(p.IsMax, module.Name, p.Kernel, p.Kernel, p.EffectiveStride, p.EffectiveStride, p.Padding, p.Padding, 1, 1, false, true);
                case ActivationSpec a when ActivationOf(a.Name) is { } activation:
                    return AddActivation(activation, module.Name);
                case DropoutSpec d:
                    Push(new FusedDropout(module, d.P), _sample);
                    return null;
                case FlattenSpec f:
                    int rank = _sample.Length + 1;
                    long start = f.StartDim < 0 ? f.StartDim + rank : f.StartDim, end = f.EndDim < 0 ? f.EndDim + rank : f.EndDim;
                    if (start < 1) return "the result must keep the batch alone as dimension 0";
                    var merged = _sample.Skip((int)start - 1).Take((int)(end - start + 1)).Aggregate(1L, (a, b) => a * b);
                    _sample = _sample.Take((int)start - 1).Append(merged).Concat(_sample.Skip((int)end)).ToArray();
                    return null;
                default:
                    return $"{kind.TypeName} has no fused kernel";
            }
        }

        private string? AddFunctional(OpSpec op)
        {
            var n = op.Ints;
            switch (op.Target)
            {
                case "MaxPool2d":
                    return AddPool(true, op.Target, n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8] != 0, true);
                case "AvgPool2d":
                    if (n[10] != 0) return "a divisor override is not fused";
                    if (n[9] < 0) return "countIncludePad must be a constant";
                    return AddPool(false, op.Target, n[0], n[1], n[2], n[3], n[4], n[5], 1, 1, n[8] != 0, n[9] != 0);
                case var name when ActivationOf(name) is { } activation:
                    return AddActivation(activation, name);
                case "Dropout":
                    return "F.Dropout's training flag is not traced; declare a [Dropout] layer, which follows Train()/Eval()";
                default:
                    return $"'{op.Target}' has no fused kernel";
            }
        }

        private string? AddLayer(FusedLayerStep step, long[] output)
        {
            Push(step with { WeightInput = _inputs }, output);
            _inputs += 2; // a slot for the bias even without one keeps the node's input order fixed
            return null;
        }

        private string? AddPool(bool isMax, string name, long kh, long kw, long sh, long sw, long ph, long pw, long dh, long dw, bool ceil, bool countIncludePad)
        {
            if (_sample.Length != 3) return $"{(isMax ? "MaxPool2d" : "AvgPool2d")} needs a [B, C, H, W] input";
            long oh = PoolSize(_sample[1], kh, sh, ph, dh, ceil), ow = PoolSize(_sample[2], kw, sw, pw, dw, ceil);
            long[] sizes = [_sample[0], _sample[1], _sample[2], oh, ow, kh, kw, sh, sw, ph, pw, dh, dw];
            Push(new FusedPool2d(isMax, name, sizes.ToEquatableArray(), countIncludePad), [_sample[0], oh, ow]);
            return null;
        }

        private string? AddActivation(string activation, string name)
        {
            // Right after a Linear or Conv2d without one: the activation joins that layer's epilogue.
            if (_steps.Count > 0 && _steps[_steps.Count - 1] is FusedLayerStep { Activation: "None" } last)
                _steps[_steps.Count - 1] = last with { Activation = activation };
            else Push(new FusedActivationStep(activation, name), _sample);
            return null;
        }

        private void Push(FusedStep step, long[] output)
        {
            _steps.Add(step with { Input = _steps.Count });
            _sample = output;
            _sizes.Add(Numel(output));
        }

        public FusedPlan? Finish() => _steps.Any(s => s is FusedLayerStep)
            ? new FusedPlan(_steps.ToEquatableArray(), _sizes.ToEquatableArray(), _sample.ToEquatableArray()) { InputCount = _inputs }
            : null;

        // PyTorch's pooling_output_shape (shape inference has checked the window fits).
        private static long PoolSize(long size, long kernel, long stride, long pad, long dilation, bool ceil)
        {
            long numerator = size + 2 * pad - dilation * (kernel - 1) - 1 + (ceil ? stride - 1 : 0);
            long output = numerator / stride + 1;
            if (ceil && (output - 1) * stride >= size + pad) output--;
            return output;
        }

        private static long Numel(IEnumerable<long> sample) => sample.Aggregate(1L, (a, b) => a * b);
    }
}
