using System.Linq;
using System.Threading;
using StaticNet.Compiler.Model;

namespace StaticNet.Compiler.Shapes.Rules;

/// <summary>
/// A declared model used as a layer (<see cref="BlockSpec"/>): its forward is inferred, by the same shape inference, at
/// the shape that reaches it, so a ResNet's BasicBlock serves every spatial size. The input must have the rank the
/// block declares; whatever its own layers cannot take is SN0008 at the outer call, with the shape the block is declared
/// for, the shape it receives and the inner layer's own message.
/// </summary>
internal static class BlockRule
{
    public static (RuleResult Result, InferredModel? Inner) Infer(BlockSpec block, RuleContext context, CancellationToken cancellationToken)
    {
        var declared = ShapeSpec.Batched(block.Model.Input);
        var input = context.Input;
        if (input.Rank != declared.Rank || input[0] != DimSpec.Batch || input.Dims.Skip(1).Any(d => d.HasBatch))
            return (Mismatch($"it takes a rank-{declared.Rank} input with the batch B as dimension 0"), null);

        var inner = ShapeInference.Infer(block.Model, input, cancellationToken);
        if (inner.Errors.FirstOrDefault() is { } error) return (Mismatch(error.Message), null);
        if (inner.Output(0) is not { } output) return (Mismatch($"its [Forward] could not be traced"), null);
        return (context.Ok(output), inner);

        RuleResult Mismatch(string reason) =>
            context.Fail(DiagnosticIds.BlockMismatch, context.LayerName, block.TypeName, declared.ToString(), input.ToString(), context.Origin, reason);
    }
}
