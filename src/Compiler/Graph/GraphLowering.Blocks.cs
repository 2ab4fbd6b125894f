using StaticNet.Compiler.Model;
using StaticNet.Compiler.Shapes;

namespace StaticNet.Compiler.Graph;

internal static partial class GraphLowering
{
    /// <summary>
    /// Why a declared model used as a layer keeps the outer model eager: what blocks the inner model's own plan at the
    /// shape that reaches it (BatchNorm2d in a ResNet block, for now), or that its plan is not inlined into the outer one.
    /// Either way the outer Forward runs its [Forward] body, which runs each block's own Forward (fused where it fuses).
    /// </summary>
    private static string BlockReason(BlockSpec block, ModuleRef module, ShapeSpec input)
    {
        string name = $"{module.Name} ({block.TypeName})";
        var inner = ShapeInference.Infer(block.Model, input, default);
        var lowered = Lower(inner);
        if (lowered.Blocker is { } blocker && blocker.MessageArgs.Count == 3)
            return $"block {name} cannot fuse: '{blocker.MessageArgs[0]}' in it: {blocker.MessageArgs[2]}";
        return $"block {name} fuses on its own, but a nested block's plan is not inlined into the outer plan yet";
    }
}
