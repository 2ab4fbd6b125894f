using System.Collections.Generic;
using System.Linq;
using StaticNet.Compiler.Model;
using StaticNet.Compiler.Shapes;

namespace StaticNet.Compiler.Fusion;

/// <summary>
/// Decides whether a traced model's <c>[Forward]</c> compiles to a fused plan, and builds it: a straight chain (each op
/// consumes the previous value, one output) of Linear, Conv2d (groups 1), MaxPool2d, AvgPool2d, ReLU/Sigmoid/Tanh,
/// Dropout layers, and View/Reshape/Flatten that keep the batch as the first dimension (no-ops on row-major buffers).
/// The ONE place that decision is made: the generator emits the plan, and shape inference turns the blocker into the
/// SN0104 warning the analyzers report, so both always agree.
/// </summary>
internal static partial class FusedLowering
{
    public static FusionResult Lower(InferredModel inferred)
    {
        var model = inferred.Model;
        var forward = model.Forward;
        if (forward is null || !inferred.IsTraced) return new(null, null); // the tracer's own SN0104, or an error, says why
        string method = forward.MethodName;
        if (method == "Forward")
            return Blocked(forward.Location, method, method, "the [Forward] method is the Forward override itself; give it another name, such as Network");
        if (forward.ReturnsTuple)
            return Blocked(forward.Location, "(" + string.Join(", ", forward.OutputNames) + ")", method, "a fused plan returns one tensor");
        if (forward.Outputs.Count != 1 || forward.Outputs[0] != forward.Ops.Count)
            return Blocked(forward.Location, method, method, "the returned tensor must be the last one computed");

        var builder = new Builder(model, inferred);
        for (int i = 0; i < forward.Ops.Count; i++)
        {
            var op = forward.Ops[i];
            string? reason = op.Inputs.Count != 1 || op.Inputs[0] != i
                ? "each step must consume the tensor the previous step computed"
                : builder.Add(op, i);
            if (reason is not null) return Blocked(op.Location, op.Source, method, reason);
        }
        return builder.Finish() is { } plan ? new(plan, null) : Blocked(forward.Location, method, method, "it has no layer to fuse");
    }

    private static FusionResult Blocked(LocationInfo? location, string construct, string method, string reason) =>
        new(null, new DiagnosticInfo(DiagnosticIds.UnsupportedConstruct, location, new[] { construct, method, reason }.ToEquatableArray()));

    /// <summary>The FusedActivation member for an activation the plan fuses (ReLU layer or F.Relu), or null.</summary>
    private static string? ActivationOf(string name) => name switch
    {
        "ReLU" or "Relu" => "Relu",
        "Sigmoid" => "Sigmoid",
        "Tanh" => "Tanh",
        _ => null,
    };
}
