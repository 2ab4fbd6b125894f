using System.Linq;
using System.Threading;
using StaticNet.Compiler.Model;
using StaticNet.Compiler.Shapes;

namespace StaticNet.Compiler.Graph;

/// <summary>
/// Lowers a traced, shape-checked <c>[Forward]</c> to the value graph the fused plan runs (<see cref="PlanGraph"/>), or
/// says what blocks it. The ONE place that decision is made: the generator emits the graph (a tracked pipeline step),
/// and the analyzers report the blocker as SN0104, so both always agree. Shapes come from shape inference
/// (<see cref="InferredModel.Values"/> and <see cref="InferredModel.LayerOutputs"/>), never tracked a second time.
/// </summary>
internal static partial class GraphLowering
{
    public static LoweringResult Lower(InferredModel inferred, CancellationToken cancellationToken = default)
    {
        var model = inferred.Model;
        var forward = model.Forward;
        if (forward is null || !inferred.IsTraced) return new(null, null); // the tracer's own SN0104, or an error, says why
        string method = forward.MethodName;
        if (method == "Forward")
            return Blocked(forward.Location, method, method, "the [Forward] method is the Forward override itself; give it another name, such as Network");

        var builder = new Builder(model, inferred);
        for (int i = 0; i < forward.Ops.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var op = forward.Ops[i];
            if (builder.Add(op, i) is { } reason) return Blocked(op.Location, op.Source, method, reason);
        }
        if (builder.Outputs(forward.Outputs) is { } outputReason) return Blocked(forward.Location, method, method, outputReason);
        if (builder.FirstUnused() is { } unused)
            return Blocked(forward.Ops[unused].Location, forward.Ops[unused].Source, method, "its result is never used");
        return builder.Finish() is { } graph ? new(graph, null) : Blocked(forward.Location, method, method, "it has no layer to fuse");
    }

    private static LoweringResult Blocked(LocationInfo? location, string construct, string method, string reason) =>
        new(null, new DiagnosticInfo(DiagnosticIds.UnsupportedConstruct, location, new[] { construct, method, reason }.ToEquatableArray()));

    /// <summary>The activation a plan fuses for a ReLU/Sigmoid/Tanh layer or an F.Relu/Sigmoid/Tanh call, or null.</summary>
    private static Activation? ActivationOf(string name) => name switch
    {
        "ReLU" or "Relu" => Activation.Relu,
        "Sigmoid" => Activation.Sigmoid,
        "Tanh" => Activation.Tanh,
        _ => null,
    };
}
