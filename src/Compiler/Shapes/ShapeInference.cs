using System.Collections.Generic;
using System.Linq;
using System.Threading;
using StaticNet.Compiler.Model;
using StaticNet.Compiler.Shapes.Rules;

namespace StaticNet.Compiler.Shapes;

/// <summary>
/// Runs the traced forward data flow from <c>[B, *Input]</c> through one rule per op (Shapes/Rules), collecting every
/// value's shape, torchsummary's rows and the first shape error. Errors are returned as values: the analyzers report
/// them, the generator emits nothing for a model that has one.
/// </summary>
internal static partial class ShapeInference
{
    public static InferredModel Infer(ModelSpec model, CancellationToken cancellationToken) =>
        Infer(model, ShapeSpec.Batched(model.Input), "the model input", cancellationToken);

    /// <summary>
    /// Infers from <paramref name="input"/> instead of <c>[B, *Input]</c>: a declared model used as a block of another
    /// (<see cref="BlockSpec"/>) runs at the shape that reaches it.
    /// </summary>
    public static InferredModel Infer(ModelSpec model, ShapeSpec input, CancellationToken cancellationToken) =>
        Infer(model, input, $"the input of {model.ClassName}", cancellationToken);

    // inputOrigin: how messages name value 0 ("x = the model input", or inside a block "x = the input of BasicBlock").
    private static InferredModel Infer(ModelSpec model, ShapeSpec input, string inputOrigin, CancellationToken cancellationToken)
    {
        var errors = model.DeclarationErrors.ToList();
        var notes = new List<DiagnosticInfo>();
        var forward = model.Forward;
        if (forward is null || errors.Count > 0) return Result(model, [], [], [], [], errors, notes, []);
        if (forward.Unsupported is { } unsupported)
        {
            notes.Add(new(DiagnosticIds.UnsupportedConstruct, unsupported.Location,
                new[] { unsupported.Construct, forward.MethodName, unsupported.Reason }.ToEquatableArray()));
            return Result(model, [], [], [], [], errors, notes, []);
        }

        var run = new Run(model, forward, input, inputOrigin, cancellationToken);
        foreach (var op in forward.Ops)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var error = run.Step(op);
            if (error is not null)
            {
                errors.Add(error);
                return Result(model, [], [], [], [], errors, notes, []);
            }
        }

        foreach (var layer in model.Layers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!forward.Ops.Any(o => o.Kind == OpKind.Layer && o.Target == layer.MemberName))
                notes.Add(new(DiagnosticIds.UnusedLayer, layer.Location, new[] { layer.MemberName, forward.MethodName }.ToEquatableArray()));
        }
        return Result(model, run.Values, run.LayerOutputs, run.Rows, run.FirstUses.Values.ToList(), errors, notes, run.Blocks);
    }

    private static InferredModel Result(ModelSpec model, List<ShapeSpec> values, List<EquatableArray<ShapeSpec>> layerOutputs, List<SummaryRow> rows,
        List<LayerShapes> layerShapes, List<DiagnosticInfo> errors, List<DiagnosticInfo> notes, List<BlockInference> blocks) =>
        new(model, values.ToEquatableArray(), layerOutputs.ToEquatableArray(), rows.ToEquatableArray(), layerShapes.ToEquatableArray(),
            errors.ToEquatableArray(), notes.ToEquatableArray(), blocks.ToEquatableArray());
}
