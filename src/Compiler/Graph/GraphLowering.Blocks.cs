using StaticNet.Compiler.Model;
using System;
using StaticNet.Compiler.Shapes;

namespace StaticNet.Compiler.Graph;

internal static partial class GraphLowering
{
    private sealed partial class Builder
    {
        /// <summary>
        /// Inlines a declared model used as a layer: its forward, with the shapes inference found for it at the shape
        /// that reaches it (<see cref="InferredModel.Block"/>), adds its ops to this graph, its value 0 being <paramref name="input"/> and its modules reached
        /// through <paramref name="block"/>'s module (<c>layer1.0.conv1</c>). Returns why it cannot, naming the block and
        /// the construct inside it, or null; <paramref name="output"/> is then the graph value the block returns.
        /// </summary>
        private string? AddBlock(BlockSpec spec, ModuleRef block, int origin, int input, out int output)
        {
            output = input;
            string name = $"{block.Name} ({spec.TypeName})";
            var inner = _inferred.Block(origin, Math.Max(block.Index, 0));
            var forward = spec.Model.Forward;
            if (forward is null || !inner.IsTraced) return $"block {name}: its [Forward] could not be traced";
            if (forward.ReturnsTuple) return $"block {name} returns a tuple; a layer returns one tensor";
            _blocks.Add(block);
            var builder = new Builder(this, inner, block, input, origin);
            for (int i = 0; i < forward.Ops.Count; i++)
            {
                var op = forward.Ops[i];
                if (builder.Add(op, i) is { } reason) return $"block {name} cannot fuse: '{op.Source}' in it: {reason}";
            }
            if (Sample(inner.Values[forward.Outputs[0]]) is null) return $"block {name}: its output must keep the batch alone as dimension 0";
            output = builder._valueOf[forward.Outputs[0]];
            return null;
        }
    }
}
